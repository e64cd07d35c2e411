/**
 * The registry of compiled bot versions, keyed by content hash, and the runner every turn
 * goes through. A conversation runs on the version in its snapshot (it is pinned); at each
 * event it moves to the current version when that is safe: it is idle, or it waits in a step
 * the current version has unchanged (same kind, same body, same labelled edges). Otherwise
 * the whole turn runs on its own version, compiled on demand from the sources the store keeps
 * by version, so any process can run it, also after a restart. One turn never mixes versions:
 * the version is picked once, before the turn starts.
 */
import type { ActionContext } from '../actions/action-types.js';
import type { Bot } from '../flow/flow-types.js';
import type { LoadResult, SourceText } from '../flow/load-bot.js';
import type { ParsedSource } from '../flow/parsed-source.js';
import { signatureKey, stepSignatures, type StepSignatures } from '../flow/step-signatures.js';
import type { ConversationKey, InboundEvent } from '../types.js';
import { createRunner, type Runner, type RunnerDeps } from './runner.js';
import { isRunnerSnapshot, normalizeContext } from './runner-snapshot.js';
import type { TurnInput, TurnResult } from './turn.js';
import type { VersionStore } from './version-store.js';
import { VersionSensitivity } from './version-sensitivity.js';

/** One compiled version of the bot. */
export interface BotVersion {
  version: string;
  bot: Bot;
  runner: Runner;
  signatures: StepSignatures;
  /** `migrate:` of each flow: renamed step ids, old → new. */
  renames: ReadonlyMap<string, Readonly<Record<string, string>>>;
  sources: readonly SourceText[];
  /** The parsed flow files of this version, for tools that draw it (the studio's diagram). */
  parsed: readonly ParsedSource[];
}

/** What {@link BotVersions} needs injected. */
export interface BotVersionsDeps extends RunnerDeps {
  /** Validates sources into a bot (loadBotFromSources with the server's checks). */
  load(sources: readonly SourceText[]): LoadResult;
  /** Where versions' sources are kept; without it a pinned version lives only in memory. */
  store?: VersionStore;
  /** The store is shared with other processes (each event is then sealed, see version-sensitivity.ts). */
  sharedStore?: boolean;
}

/** Where a waiting conversation is (`flow.step`), or null when it is idle. */
export function waitingStepOf(snapshot: unknown): { flow: string; step: string } | null {
  if (!isRunnerSnapshot(snapshot)) return null;
  const waiting = normalizeContext(snapshot.machine.context).waiting;
  return waiting ? { flow: waiting.flow, step: waiting.step } : null;
}

/**
 * True when a conversation saved as `snapshot` on version `from` may continue on `to`: it is
 * idle, or the step it waits in and every step suspended below it on its conversation stack
 * (a `flow:` call to return to, an interrupted question) are unchanged.
 */
export function canMove(from: Pick<BotVersion, 'signatures'>, to: Versioned, snapshot: unknown): boolean {
  if (!isRunnerSnapshot(snapshot)) return true;
  const ctx = normalizeContext(snapshot.machine.context);
  if (!ctx.waiting) return true;
  const steps = [ctx.waiting, ...(Array.isArray(ctx.stack) ? ctx.stack : [])];
  return steps.every((s) => {
    const sig = from.signatures.get(signatureKey(s.flow, s.step));
    return sig !== undefined && sig === to.signatures.get(signatureKey(s.flow, renamedStep(to, s.flow, s.step)));
  });
}

/** What a version offers a conversation moving to it: its step signatures and renames. */
type Versioned = Pick<BotVersion, 'signatures'> & Partial<Pick<BotVersion, 'renames'>>;

/** The step a conversation at `step` of `flow` lands on in `to`: itself, or where `migrate:` renamed it. */
export function renamedStep(to: Versioned, flow: string, step: string): string {
  if (to.signatures.has(signatureKey(flow, step))) return step;
  return to.renames?.get(flow)?.[step] ?? step;
}

/** `value` with every `{ flow, step }` reference (waiting, stack, timers, …) renamed for `to`. */
function renameRefs(value: unknown, to: Versioned): unknown {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, to));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = renameRefs(v, to);
  if (typeof out.flow === 'string' && typeof out.step === 'string') out.step = renamedStep(to, out.flow, out.step);
  return out;
}

/** The snapshot with its step references renamed by `to`'s `migrate:` (variables untouched). */
export function migrateRefs(snapshot: unknown, to: Versioned): unknown {
  if (!isRunnerSnapshot(snapshot) || !to.renames?.size) return snapshot;
  const { vars, ...rest } = snapshot.machine.context;
  return { ...snapshot, machine: { ...snapshot.machine, context: { ...(renameRefs(rest, to) as object), vars } } };
}

/** True when `step` of `flow` is the same step in both versions (their step signatures). */
export function sameStep(a: Pick<BotVersion, 'signatures'>, b: Pick<BotVersion, 'signatures'>, flow: string, step: string): boolean {
  const key = signatureKey(flow, step);
  const sig = a.signatures.get(key);
  return sig !== undefined && sig === b.signatures.get(key);
}

/** Builds a version from validated sources. */
export function compileVersion(loaded: LoadResult, sources: readonly SourceText[], deps: RunnerDeps): BotVersion {
  if (!loaded.bot) throw new Error('compileVersion needs sources without errors');
  const renames = new Map(loaded.bot.flows.filter((f) => f.migrate).map((f) => [f.id, f.migrate!]));
  return { version: loaded.bot.version, bot: loaded.bot, runner: createRunner(loaded.bot, deps), signatures: stepSignatures(loaded.sources), renames, sources, parsed: loaded.sources };
}

/** The versions of one bot in one process. Implements the runner the pipeline calls. */
export class BotVersions {
  private live: BotVersion;
  private readonly compiled = new Map<string, BotVersion>();
  private readonly pending = new Map<string, Promise<BotVersion | undefined>>();
  /** Step signatures outlive a dropped version: a census needs them, not the machine. */
  private readonly signatures = new Map<string, StepSignatures>();
  private readonly sensitivity: VersionSensitivity;

  constructor(
    initial: BotVersion,
    private readonly deps: BotVersionsDeps,
  ) {
    this.live = initial;
    this.sensitivity = new VersionSensitivity(deps.store, deps.sharedStore ?? false);
    this.compiled.set(initial.version, initial);
    this.signatures.set(initial.version, initial.signatures);
  }

  /** The current version's bot (new conversations start on it). */
  get bot(): Bot {
    return this.live.bot;
  }

  /** The current version. */
  current(): BotVersion {
    return this.live;
  }

  /** Versions compiled in this process (the current one included). */
  loaded(): string[] {
    return [...this.compiled.keys()];
  }

  /** Keeps the current version's sources in the store (idempotent; call at start and after each switch). */
  async remember(): Promise<void> {
    await this.deps.store?.putFlowSources(this.live.version, this.live.sources, this.deps.now());
    await this.sensitivity.refresh(this.compiled);
  }

  /** True when the event may carry a value a flow of any version it may run on marks sensitive. */
  mightBeSensitive(event: InboundEvent): boolean {
    return this.sensitivity.check(event, this.compiled.values());
  }

  /** Makes `next` current: stores its sources first, then switches in one assignment. */
  async activate(next: BotVersion): Promise<void> {
    await this.deps.store?.putFlowSources(next.version, next.sources, this.deps.now());
    this.compiled.set(next.version, this.compiled.get(next.version) ?? next);
    this.signatures.set(next.version, next.signatures);
    this.live = this.compiled.get(next.version)!;
  }

  /** A compiled version: from memory, else compiled from the store's sources; undefined when unknown. */
  async get(version: string): Promise<BotVersion | undefined> {
    const have = this.compiled.get(version);
    if (have) return have;
    let loading = this.pending.get(version);
    if (!loading) {
      loading = this.compileStored(version).finally(() => this.pending.delete(version));
      this.pending.set(version, loading);
    }
    return loading;
  }

  private async compileStored(version: string): Promise<BotVersion | undefined> {
    const sources = await this.deps.store?.getFlowSources(version);
    if (!sources) return undefined;
    const loaded = this.deps.load(sources);
    if (!loaded.bot || loaded.bot.version !== version) {
      this.deps.logger.warn({ version }, 'the stored flows of a pinned bot version no longer validate; its conversations move to the current version');
      return undefined;
    }
    const built = compileVersion(loaded, sources, this.deps);
    this.compiled.set(version, built);
    this.signatures.set(version, built.signatures);
    await this.sensitivity.refresh(this.compiled);
    return built;
  }

  /** A version's step signatures, validating its stored sources (no compile) if needed. */
  async signaturesOf(version: string): Promise<StepSignatures | undefined> {
    const have = this.signatures.get(version);
    if (have) return have;
    const sources = await this.deps.store?.getFlowSources(version);
    const loaded = sources && this.deps.load(sources);
    if (!loaded?.bot || loaded.bot.version !== version) return undefined;
    const sigs = stepSignatures(loaded.sources);
    this.signatures.set(version, sigs);
    return sigs;
  }

  /** The version the next turn of a conversation with `snapshot` runs on. */
  async pick(snapshot: unknown): Promise<BotVersion> {
    const live = this.live;
    if (!isRunnerSnapshot(snapshot) || snapshot.botVersion === live.version) return live;
    // Idle is always a safe point: nothing of the old version is under way.
    if (!waitingStepOf(snapshot)) return live;
    const pinned = await this.get(snapshot.botVersion);
    if (!pinned) {
      this.deps.logger.warn({ version: snapshot.botVersion }, 'a conversation is pinned to a bot version whose flows are not stored; it moves to the current version');
      return live;
    }
    return canMove(pinned, live, snapshot) ? live : pinned;
  }

  /** Runs one turn on the version {@link pick} chooses; the result says which (botVersion). */
  async handle(args: { key: ConversationKey; snapshot: unknown | undefined; input: TurnInput; actionContext: ActionContext }): Promise<TurnResult> {
    const version = await this.pick(args.snapshot);
    // Moving to a version that renamed steps: point the saved references at the new ids.
    const moving = version === this.live && isRunnerSnapshot(args.snapshot) && args.snapshot.botVersion !== version.version;
    return version.runner.handle(moving ? { ...args, snapshot: migrateRefs(args.snapshot, version) } : args);
  }

  /** Forgets the step signatures of versions no conversation is saved with (`saved`), but the current one. */
  forgetSignatures(saved: ReadonlySet<string>): void {
    for (const version of this.signatures.keys()) {
      if (version !== this.live.version && !saved.has(version) && !this.compiled.has(version)) this.signatures.delete(version);
    }
  }

  /** Drops compiled versions that are not current and not in `inUse`; returns the dropped ones. */
  drop(inUse: ReadonlySet<string>): string[] {
    const dropped: string[] = [];
    for (const version of this.compiled.keys()) {
      if (version === this.live.version || inUse.has(version)) continue;
      this.compiled.delete(version);
      dropped.push(version);
    }
    if (dropped.length > 0) this.sensitivity.dropped();
    return dropped;
  }
}
