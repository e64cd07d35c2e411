/**
 * Wires hot reload into the server: the bot-version registry the pipeline runs turns
 * through, the reloader, the folder watcher, the transcript writer, the periodic pruning of
 * old versions and transcripts, the authoring API routes and the /healthz field.
 *
 * Configured by PARLEY_WATCH, PARLEY_RELOAD_DEBOUNCE_MS, PARLEY_TRANSCRIPTS,
 * PARLEY_TRANSCRIPT_RETENTION and PARLEY_VERSION_PRUNE_MS (see app/config/env-table.ts).
 */
import type Router from '@koa/router';
import type { ActionRegistry } from '../../engine/actions/action-types.js';
import { loadBot, loadBotFromSources, type LoadResult } from '../../engine/flow/load-bot.js';
import { BotVersions, compileVersion } from '../../engine/runtime/bot-versions.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { TurnExecutorDeps } from '../../engine/runtime/run-turn.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
import { createTranscriptWriter } from '../../engine/runtime/transcript-writer.js';
import type { ParleyConfig } from '../config/parley-config.js';
import { flowCheckOptions } from '../bot-actions.js';
import { FlowReloader, type ReloadResult } from './flow-reloader.js';
import { mountReloadApi } from './mount-reload-api.js';
import { watchFlows } from './watch-flows.js';

/** What {@link startReloading} needs from the server. */
export interface ReloadingOptions {
  /** Watching, transcripts and pruning (ParleyConfig's `reload`). */
  config: ParleyConfig['reload'];
  /** PARLEY_API_TOKEN: the authoring API is on only with it. */
  apiToken?: string;
  logger: Logger;
  now: () => number;
  store: ConversationStore;
  actions: ActionRegistry;
  flowsDir: string;
  /** The flows the server started with (validated). */
  loaded: LoadResult;
}

/** Hot reload as the server and its users (the studio) see it. */
export interface Reloading {
  versions: BotVersions;
  reloader: FlowReloader;
  /** Reloads now (what SIGHUP calls). */
  reload(reason: string): Promise<ReloadResult>;
  /** Calls `listener` after each reload; returns the unsubscribe function. */
  subscribe(listener: (result: ReloadResult) => void): () => void;
  /** The pipeline's onTurnCommitted hook (transcripts), when transcripts are on. */
  onTurnCommitted?: TurnExecutorDeps['onTurnCommitted'];
  /** The `reload` field of /healthz. */
  health(): Record<string, unknown>;
  /** Mounts the authoring API routes (when PARLEY_API_TOKEN is set). */
  mount(router: Router): void;
  close(): void;
}

/** Builds the registry on the start-up flows and starts watching. */
export async function startReloading(opts: ReloadingOptions): Promise<Reloading> {
  const { config, logger, now, store, actions, flowsDir } = opts;
  const checks = flowCheckOptions(actions);
  const runnerDeps = { actions, logger, now };
  const versions = new BotVersions(compileVersion(opts.loaded, opts.loaded.texts, runnerDeps), {
    ...runnerDeps,
    load: (sources) => loadBotFromSources(sources, checks),
    store: store.versions,
    sharedStore: store.multiProcess,
  });
  await versions.remember();
  const reloader = new FlowReloader({ ...runnerDeps, flowsDir, versions, store: store.versions, load: (dir) => loadBot(dir, checks) });
  const reload = (reason: string) =>
    reloader.reload(reason).catch((err: unknown) => {
      logger.error({ err: String(err), reason }, 'flows reload failed; still serving the running version');
      throw err;
    });

  const watcher = config.watch
    ? watchFlows(flowsDir, () => void reload('watch').catch(() => undefined), { logger, debounceMs: config.debounceMs })
    : undefined;

  const retentionMs = config.transcriptRetentionMs;
  const transcripts = config.transcripts ? store.transcripts : undefined;
  const prune = setInterval(() => {
    reloader.prune().catch((err) => logger.warn({ err: String(err) }, 'pruning old bot versions failed'));
    transcripts?.sweepTranscripts(now() - retentionMs).catch((err) => logger.warn({ err: String(err) }, 'transcript sweep failed'));
  }, config.pruneMs);
  prune.unref();

  return {
    versions,
    reloader,
    reload,
    subscribe: (listener) => reloader.subscribe(listener),
    onTurnCommitted: transcripts ? createTranscriptWriter({ store: transcripts, retentionMs, logger, now }) : undefined,
    health() {
      const last = reloader.lastResult();
      const base = { version: versions.current().version, loaded: versions.loaded().length };
      if (!last) return base;
      return { ...base, last: { ok: last.ok, at: new Date(last.at).toISOString(), reason: last.reason, errors: last.errors, ...(last.ok ? {} : { report: last.report }) } };
    },
    mount(router) {
      if (opts.apiToken) mountReloadApi(router, { token: opts.apiToken, reloader, store });
    },
    close() {
      watcher?.close();
      clearInterval(prune);
    },
  };
}
