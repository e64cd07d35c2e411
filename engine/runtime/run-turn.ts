/**
 * One turn of one conversation, as the pipeline runs it: load the state, run the flow, and
 * commit the new state, the inbox mark, the replies and the timers in one compare-and-set
 * write, retried on conflicts. An event that keeps failing is skipped so the conversation is
 * not blocked forever: it is marked processed, and the state and timers stay as they were.
 * The turn itself is played through the conversation driver (conversation-driver.ts), as in
 * `parley chat` and `parley test`; only where the state lives differs.
 */
import { ConversationError } from '../errors.js';
import type { ConversationKey, HttpClient, InboundEvent } from '../types.js';
import type { ActionContext, TurnEffects } from '../actions/action-types.js';
import { seal } from './seal.js';
import { outboxItem } from './outbox-item.js';
import { playTurn, turnActionContext, type TurnPlayer } from './conversation-driver.js';
import type { Logger } from './logger.js';
import type { ParleyMetrics } from './metrics.js';
import type { CommitResult, ConversationStore, OutboxItem, TimerRecord } from './store.js';
import { vaultPortOf, type VaultPort } from './ports/vault-port.js';
import type { TurnInput, TurnResult } from './turn.js';
import type { ReplyHandoff } from './outbox-handoff.js';

/** The part of the runner a turn needs. */
export interface TurnRunner extends TurnPlayer {
  readonly bot: { version: string };
  /** True when the event may carry a sensitive value; absent = every event may. */
  mightBeSensitive?(event: InboundEvent): boolean;
}

/** What {@link TurnExecutor} needs injected. */
export interface TurnExecutorDeps {
  store: ConversationStore;
  runner: TurnRunner;
  logger: Logger;
  http: HttpClient;
  secretKey: Buffer;
  now: () => number;
  /** Records turn durations when metrics are on. */
  metrics?: ParleyMetrics;
  /** Called after each commit that added replies the sender was not handed (wakes it). */
  onCommitted?(outbox: OutboxItem[]): void;
  /** This process's sender, offered each turn's replies before they commit (outbox-handoff.ts). */
  handoff?: ReplyHandoff;
  /** Called after a turn driven by a send-API task committed `count` replies. */
  onTaskTurn?(taskId: string, count: number): void | Promise<void>;
  /** Called when the event of a send-API task was skipped (its turn kept failing). */
  onTaskSkipped?(taskId: string, error: string): void | Promise<void>;
  /** Called after each committed turn with what it started from (transcripts). */
  onTurnCommitted?(turn: { key: ConversationKey; input: TurnInput; result: TurnResult; previous: unknown; version: string }): void | Promise<void>;
}

/** Which inbox entry a turn consumes. */
export type ProcessedMark = { platform: string; eventId: string };

/** How many times a turn is retried on revision conflicts or runner failures. */
export const MAX_TURN_ATTEMPTS = 5;

/** Runs turns; one per process, shared by every conversation. */
export class TurnExecutor {
  private lastSeq = 0;
  private readonly vault: VaultPort;

  constructor(private readonly deps: TurnExecutorDeps) {
    this.vault = vaultPortOf(deps.store);
  }

  /** One turn: load, run, commit atomically; retried on revision conflicts. */
  async run(key: ConversationKey, input: TurnInput, processed?: ProcessedMark): Promise<void> {
    const end = this.deps.metrics?.turnSeconds.startTimer({ platform: input.platform });
    try {
      await this.attempt(key, input, processed);
    } finally {
      end?.();
    }
  }

  private async attempt(key: ConversationKey, input: TurnInput, processed?: ProcessedMark): Promise<void> {
    const { store, runner } = this.deps;
    let lastError: unknown;
    for (let attempt = 0; attempt < MAX_TURN_ATTEMPTS; attempt++) {
      const record = await store.load(key);
      const effects: TurnEffects = { vaultTakes: [] };
      let result: TurnResult;
      try {
        result = await playTurn(runner, { key, snapshot: record?.snapshot, input, actionContext: this.actionContext(key, input, effects) });
      } catch (err) {
        lastError = err;
        // The flow itself failed (the runner says so): running it again fails again.
        if (err instanceof ConversationError && !err.retryable) break;
        continue;
      }
      const outbox = this.outboxOf(key, input, result);
      const timers: TimerRecord[] = result.timers.map((t) => ({
        key,
        timerId: t.timerId,
        dueAt: t.dueAt,
        platform: input.platform,
        conversation: input.conversation,
      }));
      const until = outbox.length > 0 ? this.deps.handoff?.offer(outbox) : undefined;
      let committed: CommitResult;
      try {
        committed = await store.commit({
          key,
          expectedRevision: record?.revision ?? 0,
          snapshot: result.snapshot,
          // The version the turn ran on: a pinned conversation may run on an older one.
          flowVersion: result.botVersion ?? runner.bot.version,
          processed,
          outbox,
          timers,
          ...(effects.vaultTakes.length > 0 ? { vaultTakes: effects.vaultTakes } : {}),
          ...(until !== undefined ? { leaseOutboxUntil: until } : {}),
        });
      } catch (err) {
        // Written or not, the sender must not hold them: a claim finds them if they are there.
        if (outbox.length > 0) this.deps.handoff?.settle(outbox, until, 'stored');
        throw err;
      }
      if (outbox.length > 0) this.deps.handoff?.settle(outbox, until, !committed.ok ? 'dropped' : committed.leased ? 'leased' : 'stored');
      if (committed.ok) {
        if (outbox.length > 0 && !committed.leased) this.deps.onCommitted?.(outbox);
        await this.deps.onTurnCommitted?.({ key, input, result, previous: record?.snapshot, version: result.botVersion ?? runner.bot.version });
        if (input.kind === 'start' && input.taskId) await this.deps.onTaskTurn?.(input.taskId, outbox.length);
        return;
      }
    }
    await this.skip(key, lastError, processed);
    if (input.kind === 'start' && input.taskId) await this.deps.onTaskSkipped?.(input.taskId, String((lastError as Error)?.message ?? lastError ?? 'revision conflicts'));
  }

  /**
   * A poison event must not block the conversation forever: record it as processed, keep the
   * previous state and the pending timers (a reminder set earlier still fires), and say so loudly.
   */
  async skip(key: ConversationKey, lastError: unknown, processed?: ProcessedMark): Promise<void> {
    const { store, runner, logger } = this.deps;
    const error = new ConversationError('an event could not be processed and was skipped', { conversation: key, cause: lastError });
    const step = lastError instanceof ConversationError ? lastError.step : undefined;
    const cause = (lastError as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    logger.error({ err: String(lastError ?? 'revision conflicts'), key, step, code: error.code, cause }, error.message);
    if (!processed) return;
    const record = await store.load(key);
    await store.commit({
      key,
      expectedRevision: record?.revision ?? 0,
      snapshot: record?.snapshot ?? null,
      flowVersion: record?.flowVersion ?? runner.bot.version,
      processed,
      outbox: [],
    });
  }

  private outboxOf(key: ConversationKey, input: TurnInput, result: TurnResult): OutboxItem[] {
    const now = this.deps.now();
    const taskId = input.kind === 'start' ? input.taskId : undefined;
    // Nobody just wrote: a send-API start or a timer speaks first, so its replies wait
    // behind replies to users on a shared rate limit.
    const proactive = taskId !== undefined || input.kind === 'timer';
    return result.messages.map((message, i) =>
      outboxItem(
        {
          key,
          platform: input.platform,
          to: input.conversation,
          // A reply that shows a secret is kept encrypted until the sender hands it over.
          message: result.sensitiveMessages?.[i] ? seal(message, this.deps.secretKey) : message,
          ...(taskId ? { taskId, taskItems: result.messages.length } : {}),
          ...(proactive ? { proactive } : {}),
          seq: this.nextSeq(now),
        },
        now,
      ),
    );
  }

  private actionContext(key: ConversationKey, input: TurnInput, effects: TurnEffects): ActionContext {
    const { http, now, secretKey, logger: parent } = this.deps;
    // The vault and nothing else: an action cannot commit, enqueue or read other conversations.
    const context = turnActionContext(key, input, { http, store: this.vault, logger: parent, now, secretKey, effects });
    // The turn's child logger is made on first use: most turns log nothing, and a child logger
    // per turn showed in profiles.
    let logger: Logger | undefined;
    return Object.defineProperty(context, 'logger', { get: () => (logger ??= parent.child({ key })), enumerable: true });
  }

  /** Strictly increasing within the process, so replies of one conversation keep their order. */
  private nextSeq(now: number): number {
    this.lastSeq = Math.max(this.lastSeq + 1, now * 1000);
    return this.lastSeq;
  }
}
