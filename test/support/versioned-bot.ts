/**
 * Bot versions from YAML texts for tests: validated like the server does (loadBotFromSources)
 * and compiled into a BotVersion, plus a registry over a store.
 */
import { loadBotFromSources, type SourceText } from '../../engine/flow/load-bot.js';
import { BotVersions, compileVersion, type BotVersion } from '../../engine/runtime/bot-versions.js';
import { builtinActions } from '../../engine/runtime/runner.js';
import { silentLogger, type Logger } from '../../engine/runtime/logger.js';
import type { ConversationStore } from '../../engine/runtime/store.js';

const runnerDeps = (logger: Logger, now: () => number) => ({ actions: builtinActions(), logger, now });

/** Validates and compiles flow texts (file name → YAML); throws on validation errors. */
export function versionOf(files: Record<string, string>, logger: Logger = silentLogger, now = Date.now): BotVersion {
  const sources: SourceText[] = Object.entries(files).map(([file, text]) => ({ file, text }));
  const loaded = loadBotFromSources(sources);
  if (!loaded.bot) throw new Error(loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return compileVersion(loaded, sources, runnerDeps(logger, now));
}

/** A registry starting on `files`, keeping sources in `store`. */
export async function versionsOf(files: Record<string, string>, store: ConversationStore, logger: Logger = silentLogger, now = Date.now): Promise<BotVersions> {
  const versions = new BotVersions(versionOf(files, logger, now), {
    ...runnerDeps(logger, now),
    load: (sources) => loadBotFromSources(sources),
    store: store.versions,
  });
  await versions.remember();
  return versions;
}
