/**
 * `parley validate [paths…]`: loads the flows like the server would, prints every problem
 * of every file with a code frame, and exits 1 when any is an error.
 */
import { readFile } from 'node:fs/promises';
import { loadBot, type LoadOptions } from '../flow/load-bot.js';
import { formatDiagnostic, formatSummary } from '../flow/format-diagnostic.js';

/** Where validate prints. */
export interface ValidateIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** ANSI colours; default false. */
  color?: boolean;
}

/** Validates the bot at `paths`; resolves to the exit code (0 valid, 1 errors). */
export async function runValidate(paths: string[], io: ValidateIo, options: LoadOptions = {}): Promise<number> {
  const result = await loadBot(paths, options);
  const texts = new Map<string, string | undefined>();
  const textOf = async (file: string) => {
    if (!texts.has(file)) texts.set(file, await readFile(file, 'utf8').catch(() => undefined));
    return texts.get(file);
  };
  for (const d of result.diagnostics) {
    const out = d.severity === 'error' ? io.stderr : io.stdout;
    out(`${formatDiagnostic(d, await textOf(d.span.file), { color: io.color })}\n\n`);
  }
  if (!result.bot) {
    io.stderr(`${formatSummary(result.diagnostics, result.files.length)}\n`);
    return 1;
  }
  const flows = result.bot.flows.length;
  const warnings = result.diagnostics.length;
  io.stdout(`✓ ${flows} flow${flows === 1 ? '' : 's'} valid${warnings > 0 ? ` (${formatSummary(result.diagnostics, result.files.length)})` : ''}\n`);
  return 0;
}
