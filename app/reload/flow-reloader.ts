/**
 * Hot reload: reads the flows folder, validates the set (the same report as `parley
 * validate`), compiles it, weighs it against live conversations and switches atomically.
 * A set with errors is refused and the running version keeps serving. Reloads run one at a
 * time; a request that arrives during one runs once more after it, on what is on disk then,
 * so two quick edits in a row end on the last one.
 */
import type { LoadResult } from '../../engine/flow/load-bot.js';
import { formatDiagnostic } from '../../engine/flow/format-diagnostic.js';
import { compileVersion, type BotVersions } from '../../engine/runtime/bot-versions.js';
import { reloadImpact, type ReloadImpact } from '../../engine/runtime/reload-impact.js';
import type { RunnerDeps } from '../../engine/runtime/runner.js';
import type { VersionStore } from '../../engine/runtime/version-store.js';

/** What one reload (or dry run) found and did. */
export interface ReloadResult {
  /** False when the new set has errors (refused; the running version keeps serving). */
  ok: boolean;
  dryRun: boolean;
  /** What asked for it: `watch`, `SIGHUP`, `api`, … */
  reason: string;
  at: number;
  /** The version serving after this reload. */
  version: string;
  /** The version serving before it. */
  previous: string;
  /** The new set's version, when it validated. */
  candidate?: string;
  /** True when the set validated but is the version already serving. */
  unchanged?: boolean;
  errors: number;
  warnings: number;
  /** The diagnostics as `parley validate` prints them. */
  report: string;
  diagnostics: { code: string; severity: string; message: string; file: string; line: number; col: number }[];
  /** Live conversations against the candidate (when the store keeps versions). */
  impact?: ReloadImpact;
  /** Milliseconds from reading the files to the switch. */
  ms: number;
}

/** What a {@link FlowReloader} needs. */
export interface FlowReloaderDeps extends RunnerDeps {
  flowsDir: string;
  versions: BotVersions;
  /** Reads and validates the folder (loadBot with the server's checks). */
  load(dir: string): Promise<LoadResult>;
  store?: VersionStore;
}

/** Reloads flows on request; see the module comment. */
export class FlowReloader {
  private last: ReloadResult | undefined;
  private readonly listeners = new Set<(result: ReloadResult) => void>();
  private running: Promise<ReloadResult> | undefined;
  private again: { reason: string; promise: Promise<ReloadResult> } | undefined;

  constructor(private readonly deps: FlowReloaderDeps) {}

  /** The last reload's result (undefined before the first). */
  lastResult(): ReloadResult | undefined {
    return this.last;
  }

  /** Calls `listener` after every reload (not dry runs); returns the unsubscribe function. */
  subscribe(listener: (result: ReloadResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reloads now, or right after the reload under way (coalescing requests made meanwhile). */
  reload(reason: string): Promise<ReloadResult> {
    if (!this.running) return this.start(reason);
    if (!this.again) {
      const promise = this.running.then(() => {
        this.again = undefined;
        return this.start(reason);
      });
      this.again = { reason, promise };
    }
    return this.again.promise;
  }

  /** Validates, compiles and weighs the folder's flows without switching. */
  dryRun(reason = 'dry-run'): Promise<ReloadResult> {
    return this.run(reason, true);
  }

  /**
   * Drops what no conversation needs any more: compiled versions no pinned conversation runs
   * on, and stored sources of versions no conversation is saved with, once older than
   * `graceMs` (another process may still be serving a version it has not reloaded from).
   */
  async prune(graceMs = 3_600_000): Promise<{ dropped: string[]; deleted: string[] }> {
    const { store, versions, now } = this.deps;
    if (!store) return { dropped: [], deleted: [] };
    await versions.remember();
    const impact = await reloadImpact(store, versions, versions.current());
    const dropped = versions.drop(new Set(Object.keys(impact.pinnedByVersion)));
    versions.forgetSignatures(new Set(Object.keys(impact.byVersion)));
    const deleted: string[] = [];
    for (const v of await store.flowVersions()) {
      if (v.version === versions.current().version || impact.byVersion[v.version] || v.storedAt > now() - graceMs) continue;
      await store.deleteFlowSources(v.version);
      deleted.push(v.version);
    }
    return { dropped, deleted };
  }

  private start(reason: string): Promise<ReloadResult> {
    const run = this.run(reason, false).finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async run(reason: string, dryRun: boolean): Promise<ReloadResult> {
    const { versions, logger, now } = this.deps;
    const started = performance.now();
    const previous = versions.current().version;
    const loaded = await this.deps.load(this.deps.flowsDir);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    const base = {
      dryRun,
      reason,
      at: now(),
      previous,
      errors: errors.length,
      warnings: loaded.diagnostics.length - errors.length,
      report: loaded.diagnostics.map((d) => formatDiagnostic(d, undefined, { color: false })).join('\n'),
      diagnostics: loaded.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, ...d.span })),
    };
    let result: ReloadResult;
    if (!loaded.bot) {
      result = { ...base, ok: false, version: previous, ms: performance.now() - started };
      logger.error({ reason, errors: result.errors, version: previous, report: result.report }, `flows reload refused: ${result.errors} error(s) in ${this.deps.flowsDir}; still serving ${previous}\n${result.report}`);
    } else if (loaded.bot.version === previous) {
      result = { ...base, ok: true, version: previous, candidate: previous, unchanged: true, ms: performance.now() - started };
      logger.info({ reason, version: previous }, 'flows reload: nothing changed');
    } else {
      const candidate = compileVersion(loaded, loaded.texts, this.deps);
      const impact = this.deps.store ? await reloadImpact(this.deps.store, versions, candidate) : undefined;
      if (!dryRun) await versions.activate(candidate);
      result = { ...base, ok: true, version: dryRun ? previous : candidate.version, candidate: candidate.version, impact, ms: performance.now() - started };
      if (!dryRun && impact) versions.drop(new Set(Object.keys(impact.pinnedByVersion)));
      const summary = impact?.steps.map((s) => `${s.waiting} waiting in ${s.step} (${s.change})`).join(', ') || 'no conversation waits in a changed or removed step';
      logger.info({ reason, dryRun, version: candidate.version, previous, impact, ms: Math.round(result.ms) }, `${dryRun ? 'flows reload (dry run) would switch' : 'flows reloaded:'} ${previous} → ${candidate.version}; ${summary}`);
    }
    if (!dryRun) {
      this.last = result;
      for (const listener of this.listeners) listener(result);
    }
    return result;
  }
}
