/**
 * `parley replay`: reads the transcripts recorded since `--since` from the store the server
 * uses, replays them on the flows in `--flows` (nothing is sent, no action runs) and prints
 * where the candidate answers differently, turn by turn. Exit 1 when any conversation diverges.
 */
import { parseDuration } from '../../engine/compile/parse-duration.js';
import { loadBot, loadBotFromSources } from '../../engine/flow/load-bot.js';
import { formatDiagnostic } from '../../engine/flow/format-diagnostic.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { inertActions, replayTranscript, type ReplayReport } from '../../engine/runtime/replay.js';
import { createRunner, type Runner } from '../../engine/runtime/runner.js';
import { openStore } from '../../engine/runtime/stores/open-store.js';
import { flowCheckOptions, registeredActions } from '../bot-actions.js';
import type { CommandIo } from './reload-commands.js';

/** Most conversations one replay reads. */
const MAX_CONVERSATIONS = 10_000;

/** Prints one conversation's report. */
function formatReport(r: ReplayReport): string {
  if (r.skipped) return `${r.key}  skipped: ${r.skipped}\n`;
  if (r.diverged.length === 0) return '';
  const lines = [`${r.key}  diverges in ${r.diverged.length} of ${r.turns} turn(s) (against the ${r.against})`];
  for (const d of r.diverged) {
    const input = d.input.kind === 'option' ? `press ${d.input.option}` : `${d.input.kind} ${JSON.stringify(d.input.text ?? '')}`;
    lines.push(`  turn ${d.turn}: ${input}`, ...d.expected.map((t) => `    - ${t}`), ...d.actual.map((t) => `    + ${t}`));
  }
  return lines.join('\n') + '\n';
}

/** Runs the replay; resolves to the exit code. */
export async function runReplay(opts: { since: string; flows: string }, io: CommandIo): Promise<number> {
  const actions = await registeredActions(io.env);
  const checks = flowCheckOptions(actions);
  const loaded = await loadBot(opts.flows, checks);
  if (!loaded.bot) {
    io.stderr(loaded.diagnostics.map((d) => formatDiagnostic(d, undefined, { color: false })).join('\n') + '\n');
    return 2;
  }
  const inert = { actions: inertActions(Object.keys(actions)), logger: silentLogger, now: Date.now };
  const candidate = createRunner(loaded.bot, inert);
  const store = await openStore(io.env);
  try {
    if (!store.transcripts) throw new Error('this store keeps no transcripts');
    const references = new Map<string, Runner | undefined>();
    const referenceOf = async (version: string) => {
      if (!references.has(version)) {
        const sources = await store.versions?.getFlowSources(version);
        const bot = sources && loadBotFromSources(sources, checks).bot;
        references.set(version, bot ? createRunner(bot, inert) : undefined);
      }
      return references.get(version);
    };
    const keys = await store.transcripts.transcriptKeys(Date.now() - parseDuration(opts.since), MAX_CONVERSATIONS);
    let diverged = 0;
    let skipped = 0;
    for (const key of keys) {
      const entries = await store.transcripts.readTranscript(key, 10_000);
      const versions = new Set(entries.map((e) => e.version));
      const reference = versions.size === 1 ? await referenceOf([...versions][0]) : undefined;
      const report = await replayTranscript(key, entries, candidate, reference);
      if (report.skipped) skipped++;
      else if (report.diverged.length > 0) diverged++;
      io.stdout(formatReport(report));
    }
    io.stdout(`${keys.length} conversation(s) replayed on ${loaded.bot.version}: ${diverged} diverged, ${skipped} skipped\n`);
    return diverged > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
