/**
 * Loads a bot: reads the YAML files, parses them keeping node positions, validates each
 * against its schema, then runs the checks that span steps, flows and files. Everything is
 * collected; the bot is returned only when no error was found.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformLimits } from '../types.js';
import type { Bot, BotConfig, Flow } from './flow-types.js';
import { FlowDiagnostic, hasErrors, sortDiagnostics } from './flow-diagnostic.js';
import { parseSource, spanAt, spanOfRange, type ParsedSource } from './parsed-source.js';
import { checkSchema, sourceKind } from './check-schema.js';
import { checkFlows } from './check-flows.js';

/** What the loader checks beyond the schema. */
export interface LoadOptions {
  /** Platform limits by platform id; option titles and counts past them are warnings. */
  limits?: Record<string, PlatformLimits>;
  /** Registered action names; when given, a `call:` of any other name is an error. */
  actions?: string[];
}

/** The loaded bot (only when there are no errors) and every diagnostic found. */
export interface LoadResult {
  bot?: Bot;
  diagnostics: FlowDiagnostic[];
  /** The files read, in order (for summaries like "in 4 files"). */
  files: string[];
  /** The parsed flow files (not the bot settings), for tools: `botGraph(result.sources)`. */
  sources: ParsedSource[];
  /** Every file's text as read, the bot settings too (kept by version for hot reload). */
  texts: readonly SourceText[];
}

/** One source file's text. */
export interface SourceText {
  file: string;
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;
/** Conversation tests (`*.test.yaml`) may sit beside the flows; they are not flows. */
const TEST_FILE = /\.test\.ya?ml$/i;

/** Hash of the sources, independent of the order they were given in. */
export function botVersion(sources: readonly SourceText[]): string {
  const hash = createHash('sha256');
  for (const s of [...sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    hash.update(s.file).update('\u0000').update(s.text).update('\u0000');
  }
  return hash.digest('hex').slice(0, 16);
}

function yamlErrors(src: ParsedSource): FlowDiagnostic[] {
  return src.doc.errors.map((e) => {
    const fix = e.code === 'DUPLICATE_KEY' ? 'remove or rename one of the two keys' : 'check the indentation and quoting around it';
    const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
    return new FlowDiagnostic('YAML_SYNTAX', `${first}; ${fix}.`, spanOfRange(src, errorStart(src.text, e.message, e.pos[0]), e.pos[1]));
  });
}

/**
 * yaml reports an unclosed quote where the file ends; the opening quote is where the author
 * has to look, so point there instead.
 */
function errorStart(text: string, message: string, pos: number): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (!quote) return pos;
  const open = text.lastIndexOf(quote, Math.max(0, pos - 1));
  return open >= 0 ? open : pos;
}

/** Validates and assembles a bot from source texts, synchronously (tests, benchmarks). */
export function loadBotFromSources(sources: readonly SourceText[], options: LoadOptions = {}): LoadResult {
  const diagnostics: FlowDiagnostic[] = [];
  const files = sources.map((s) => s.file);
  const flowSources: ParsedSource[] = [];
  let configSource: ParsedSource | undefined;
  for (const s of sources) {
    const src = parseSource(s.file, s.text);
    if (src.doc.errors.length > 0) {
      diagnostics.push(...yamlErrors(src));
      continue;
    }
    diagnostics.push(...checkSchema(src));
    if (sourceKind(src.data) === 'bot') {
      if (configSource) {
        diagnostics.push(new FlowDiagnostic(
          'DUPLICATE_BOT_CONFIG',
          `A second file has a top-level \`bot:\` key; keep the bot settings in one file (${configSource.file}).`,
          spanAt(src, ['bot'], 'key'),
        ));
      } else configSource = src;
    } else flowSources.push(src);
  }
  if (sources.length > 0 && flowSources.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(new FlowDiagnostic('NO_FLOWS', 'There is no flow file, only bot settings; add a flow file with `version: 1`, `id` and `steps`.', { file: sources[0].file, line: 1, col: 1 }));
  }
  diagnostics.push(...checkFlows(flowSources, options));
  sortDiagnostics(diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, files, sources: flowSources, texts: sources };
  const config = (configSource?.data as BotConfig | undefined)?.bot ?? {};
  const flows = flowSources.map((s) => s.data as Flow);
  const spans = Object.fromEntries(flowSources.map((src, i) => [flows[i].id, flows[i].steps.map((_, si) => spanAt(src, ['steps', si]))]));
  const bot: Bot = { config, flows, version: botVersion(sources), spans };
  return { bot, diagnostics, files, sources: flowSources, texts: sources };
}

/** Lists the YAML files of a path: a folder's (sorted, not recursive) or the file itself. */
async function filesOf(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => YAML_FILE.test(n) && !TEST_FILE.test(n)).sort();
  return names.map((n) => join(path, n));
}

/** Reads the YAML files of folders and files and loads them as one bot. */
export async function loadBot(paths: string[] | string, options: LoadOptions = {}): Promise<LoadResult> {
  const sources: SourceText[] = [];
  const problems: FlowDiagnostic[] = [];
  for (const path of Array.isArray(paths) ? paths : [paths]) {
    try {
      for (const file of await filesOf(path)) sources.push({ file, text: await readFile(file, 'utf8') });
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as Error).message})`;
      problems.push(new FlowDiagnostic('FILE_UNREADABLE', `${path} ${reason}; pass a folder of flow files or a .yaml file.`, { file: path, line: 1, col: 1 }));
    }
  }
  if (sources.length === 0 && problems.length === 0) {
    const where = (Array.isArray(paths) ? paths : [paths]).join(', ');
    problems.push(new FlowDiagnostic('NO_FLOWS', `No .yaml or .yml files in ${where}; add flow files or pass another folder.`, { file: where, line: 1, col: 1 }));
  }
  const result = loadBotFromSources(sources, options);
  if (problems.length === 0) return result;
  return { ...result, bot: undefined, diagnostics: [...problems, ...result.diagnostics] };
}
