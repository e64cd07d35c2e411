/**
 * The conversation pipeline: accept events durably, then run each conversation's events one
 * at a time, in arrival order, and commit the new state, the inbox mark, the replies and the
 * timers in one atomic write. Across processes the store's conversation lock keeps the order.
 */
import { randomUUID } from 'node:crypto';
import { conversationKey, type ConversationKey, type InboundEvent } from '../types.js';
import type { InboxEntry, TimerRecord } from './store.js';
import { isSealed, seal, unseal } from './seal.js';
import { TurnExecutor, type TurnExecutorDeps } from './run-turn.js';
import { LoopSlicer } from './loop-slicer.js';
import { timerInput } from './conversation-driver.js';

export type { TurnRunner } from './run-turn.js';

/**
 * Options for {@link Pipeline}: what its turns need (store, runner, hooks; see
 * TurnExecutorDeps) plus how the pipeline schedules them.
 */
export interface PipelineOptions extends Omit<TurnExecutorDeps, 'now'> {
  now?: () => number;
  /** Unique per process; owns conversation locks. */
  instanceId?: string;
  /** How long inbox marks stay to recognise platform retries; default 7 days. */
  inboxRetentionMs?: number;
  /**
   * Conversation lock lease; default 10 s, renewed every third of it while a turn runs. It is
   * also how long a crashed process's conversations wait before another process takes them.
   */
  lockTtlMs?: number;
  /**
   * Conversations processed at once in this process; default 128, or 256 on a store several
   * processes share (its turns wait on round trips, so more of them must overlap to keep up).
   * More wait in arrival order, which bounds memory and keeps acknowledgements fast.
   */
  maxConcurrent?: number;
  /**
   * Longest stretch of turns run back to back before the pipeline lets the event loop serve
   * I/O (acknowledgements) again; default 3 ms. With the sends no longer claimed back from the
   * store, 5 ms slices kept replies flowing but let acknowledgements at saturation wait longer
   * than grammY's; 2 ms answered webhooks fastest but left the turns seconds behind.
   */
  turnSliceMs?: number;
  /** Called after an event is accepted (e.g. acknowledge a button press to the platform). */
  onAccepted?(event: InboundEvent): void;
}

/** Most accepted events kept in the clear until their turn (see Pipeline.clear). */
const CLEAR_EVENTS_MAX = 10_000;
const clearId = (platform: string, eventId: string) => `${platform}\u0000${eventId}`;

/** Accepts and processes inbound events and timers. */
export class Pipeline {
  private readonly running = new Map<ConversationKey, Promise<void>>();
  private readonly rerun = new Set<ConversationKey>();
  private readonly waiting = new Set<ConversationKey>();
  private readonly timersDue = new Map<ConversationKey, TimerRecord[]>();
  private readonly soon = new Set<ConversationKey>();
  private readonly now: () => number;
  private readonly owner: string;
  private readonly turns: TurnExecutor;
  private readonly slicer: LoopSlicer;
  /**
   * Events this process sealed at rest, in the clear, until their turn runs: decrypting the
   * inbox copy again cost as much as sealing it. Only for a one-process store (elsewhere
   * another process may run the turn) and bounded; a miss reads the store's copy as before.
   */
  private readonly clear = new Map<string, InboundEvent>();

  constructor(private readonly opts: PipelineOptions) {
    this.now = opts.now ?? Date.now;
    this.owner = opts.instanceId ?? randomUUID();
    this.turns = new TurnExecutor({ ...opts, now: this.now });
    this.slicer = new LoopSlicer(opts.turnSliceMs ?? 3);
  }

  /**
   * Records events durably and schedules their processing. Resolves once every event is
   * stored (the moment it is safe to acknowledge the webhook); rejects if the store fails.
   */
  async ingest(events: InboundEvent[]): Promise<{ accepted: number; duplicates: number }> {
    let accepted = 0;
    let duplicates = 0;
    const keys = new Set<ConversationKey>();
    for (const event of events) {
      // Receipts carry no user input; they are logged, not run through flows.
      if (event.kind === 'receipt') {
        this.opts.logger.debug({ platform: event.platform, receipt: event.receipt, ids: event.messageIds }, 'receipt');
        continue;
      }
      const key = conversationKey(event.platform, event.conversation);
      const { raw: _raw, ...stored } = event;
      // Sealed at rest when it may carry a secret (it fires a sensitive trigger, or the bot has
      // a sensitive ask it may answer); the store drops the event when its turn commits.
      const secret = this.opts.runner.mightBeSensitive?.(stored as InboundEvent) ?? true;
      const body = secret ? seal(stored, this.opts.secretKey) : (stored as InboundEvent);
      const entry: InboxEntry = { platform: event.platform, eventId: event.eventId, key, event: body, acceptedAt: this.now() };
      const result = await this.opts.store.accept(entry, this.opts.inboxRetentionMs ?? 7 * 24 * 3600_000);
      if (result === 'duplicate') {
        duplicates++;
        continue;
      }
      accepted++;
      if (secret && !this.opts.store.multiProcess && this.clear.size < CLEAR_EVENTS_MAX) this.clear.set(clearId(event.platform, event.eventId), stored as InboundEvent);
      keys.add(key);
      this.opts.onAccepted?.(event);
    }
    this.scheduleSoon(keys);
    return { accepted, duplicates };
  }

  /** Resumes conversations with unprocessed events and fires due timers (call periodically). */
  async tick(): Promise<void> {
    for (const key of await this.opts.store.pendingKeys(500)) this.schedule(key);
    const timers = await this.opts.store.claimTimers(this.now(), 500, this.opts.lockTtlMs ?? 10_000);
    if (timers.length > 0) this.opts.metrics?.timersDue.inc(timers.length);
    for (const t of timers) {
      const list = this.timersDue.get(t.key) ?? [];
      list.push(t);
      this.timersDue.set(t.key, list);
      this.schedule(t.key);
    }
  }

  /** Resolves when no conversation is being processed (for tests and shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.soon.size > 0) await new Promise((resolve) => setImmediate(resolve));
      else if (this.running.size > 0 || this.waiting.size > 0) await Promise.allSettled([...this.running.values()]);
      else return;
    }
  }

  /**
   * Schedules accepted conversations on the next turn of the event loop, not now: the webhook
   * that accepted them (and every other webhook accepted in the same group commit) must be
   * acknowledged before turns start to run, or acknowledgements queue behind the turns.
   */
  private scheduleSoon(keys: Iterable<ConversationKey>): void {
    const first = this.soon.size === 0;
    for (const key of keys) this.soon.add(key);
    if (!first || this.soon.size === 0) return;
    setImmediate(() => {
      const due = [...this.soon];
      this.soon.clear();
      for (const key of due) this.schedule(key);
    });
  }

  /** Runs a conversation's pending work in this process, one turn at a time. */
  schedule(key: ConversationKey): void {
    if (this.running.has(key)) {
      this.rerun.add(key);
      return;
    }
    if (this.running.size >= (this.opts.maxConcurrent ?? (this.opts.store.multiProcess ? 256 : 128))) {
      this.waiting.add(key);
      return;
    }
    const run = (async () => {
      do {
        this.rerun.delete(key);
        await this.drain(key);
      } while (this.rerun.has(key));
    })()
      .catch((err) => this.opts.logger.error({ err: String(err), key }, 'conversation processing failed'))
      .finally(() => {
        this.running.delete(key);
        const next = this.waiting.values().next();
        if (!next.done) {
          this.waiting.delete(next.value);
          this.schedule(next.value);
        }
      });
    this.running.set(key, run);
  }

  private async drain(key: ConversationKey): Promise<void> {
    const { store } = this.opts;
    // A one-process store needs no lock: `schedule` already runs one drain per conversation.
    if (!store.multiProcess) return this.work(key, false);
    const ttl = this.opts.lockTtlMs ?? 10_000;
    if (!(await store.lock(key, this.owner, ttl))) {
      // Another process holds this conversation; it will process what is pending.
      // Look again shortly in case it dies before reaching our event.
      setTimeout(() => this.schedule(key), 200).unref?.();
      return;
    }
    // Keep the lease alive while slow turns (actions calling out) run.
    const heartbeat = setInterval(() => {
      store.lock(key, this.owner, ttl).catch(() => undefined);
    }, Math.max(100, Math.floor(ttl / 3)));
    heartbeat.unref?.();
    try {
      await this.work(key, true);
    } finally {
      clearInterval(heartbeat);
      await store.unlock(key, this.owner);
    }
  }

  /** Runs the conversation's pending events (arrival order), then its due timers. */
  private async work(key: ConversationKey, shared: boolean): Promise<void> {
    for (;;) {
      const entries = await this.opts.store.pendingFor(key, 20);
      const timers = this.timersDue.get(key) ?? [];
      this.timersDue.delete(key);
      if (entries.length === 0 && timers.length === 0) return;
      for (const entry of entries) {
        await this.slicer.pass();
        const mark = { platform: entry.platform, eventId: entry.eventId };
        const event = this.openEvent(entry);
        if (event) await this.turns.run(key, event, mark);
        else await this.turns.skip(key, new Error('the stored event cannot be decrypted with this PARLEY_SECRET_KEY'), mark);
      }
      for (const t of timers) {
        await this.slicer.pass();
        await this.turns.run(key, timerInput(t));
      }
      // In one process, events that arrive meanwhile re-schedule this conversation (`rerun`),
      // so a short batch means nothing is left; another process's events need a fresh look.
      if (!shared && entries.length < 20 && !this.timersDue.has(key)) return;
    }
  }

  /** The entry's event in the clear; undefined when it was sealed under another key. */
  private openEvent(entry: InboxEntry): InboundEvent | undefined {
    if (!isSealed(entry.event)) return entry.event;
    const id = clearId(entry.platform, entry.eventId);
    const known = this.clear.get(id);
    if (known) {
      this.clear.delete(id);
      return known;
    }
    try {
      return unseal<InboundEvent>(entry.event, this.opts.secretKey);
    } catch {
      return undefined;
    }
  }
}
