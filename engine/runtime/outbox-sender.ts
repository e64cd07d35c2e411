/**
 * Delivers the outbox at least once, in order per conversation, at the platforms' rates.
 *
 * It claims no more of a lane (a platform's replies, or its proactive sends) than the rate
 * can send in `holdSeconds` (outbox-claims.ts), holds claimed items in memory while they wait
 * for tokens (outbox-queue.ts) and sleeps until one is due: a waiting item is never rewritten
 * in the store. A group not sent within its lease is forgotten (claimed again later), never
 * sent late beside another sender. Delivery, retries and backoff: outbox-delivery.ts.
 */
import { attemptDelivery, type DeliveryDeps } from './outbox-delivery.js';
import { PlatformQueue, type HeldGroup, type QueuePolicy } from './outbox-queue.js';
import type { OutboxSenderOptions } from './outbox-sender-options.js';
import type { OutboxItem } from './store.js';
import { OutboxClaims, laneId, type Lanes } from './outbox-claims.js';
import { ClaimLoop } from './claim-loop.js';
import { SliceClock } from './loop-slicer.js';
import { HandoffLanes, replyHandoff, type ReplyHandoff } from './outbox-handoff.js';
import { DueTimes } from './due-times.js';

export type { OutboxSenderOptions } from './outbox-sender-options.js';

/** Background delivery loop over the store's outbox. */
export class OutboxSender {
  private readonly queues = new Map<string, PlatformQueue>();
  private readonly sends = new Set<Promise<void>>();
  private readonly starved = new Set<PlatformQueue>();
  private readonly claims: OutboxClaims;
  private readonly deps: DeliveryDeps;
  private readonly policy: QueuePolicy;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private inFlight = 0; // sends under way
  private started = 0; // sends started, ever (drain's progress)
  private running = false;
  private draining = 0;
  private readonly claimLoop: ClaimLoop;
  private readonly lanes = new HandoffLanes();

  /** Takes this process's just-committed replies without a claim, when their lane is caught up. */
  readonly handoff: ReplyHandoff = replyHandoff(this.lanes, {
    held: (platform) => this.queues.get(platform)?.held[0] ?? 0,
    budget: (platform) => (this.running ? this.claims.budget(platform) : -1),
    until: () => this.now() + this.leaseMs,
    hold: (items, until) => this.hold(items, until - this.leaseMs),
  });
  /** When retries this process scheduled fall due: it looks then, not only at the poll. */
  private readonly retries: DueTimes;

  constructor(private readonly opts: OutboxSenderOptions) {
    this.now = opts.now ?? Date.now;
    this.deps = { ...opts, now: this.now };
    this.policy = { priority: opts.priority ?? 'replies', proactiveShare: opts.proactiveShare ?? 0 };
    this.leaseMs = opts.leaseMs ?? 15_000;
    this.concurrency = opts.concurrency ?? 256;
    this.claims = new OutboxClaims({ ...opts, leaseMs: this.leaseMs, concurrency: this.concurrency, handoff: this.lanes });
    this.retries = new DueTimes(this.now, () => this.wake());
    this.claimLoop = new ClaimLoop({
      round: (lanes) => this.claimRound(lanes),
      running: () => this.running,
      logger: opts.logger,
      pollMs: opts.pollMs ?? 1000,
    });
  }

  /** Starts polling. */
  start(): void {
    this.running = true;
    this.wake();
  }

  /** Stops, waits for the sends under way, and forgets what it held (the leases run out). */
  async stop(): Promise<void> {
    this.running = false;
    this.retries.clear();
    for (const q of this.queues.values()) clearTimeout(q.timer);
    await this.claimLoop.stop();
    await this.settle();
    for (const q of this.queues.values()) q.clear();
  }

  /** Looks for due items now; `items` (just committed) limits the look to their lanes. */
  wake(items?: readonly OutboxItem[]): void {
    if (!this.running) return;
    // With half the slots sending, finished sends claim soon enough (afterSend); a claim per
    // commit would only re-read the outbox (a sort of it on the memory store, a scan on Redis).
    if (items && this.inFlight >= this.concurrency / 2) return;
    if (!items) return this.claimLoop.request('all');
    this.claimLoop.soon(new Set(items.map((i) => laneId(i.platform, i.proactive === true))));
  }

  /** Sends everything that may go now, until nothing more can (for tests and shutdown). */
  async drain(): Promise<void> {
    this.draining++;
    try {
      for (;;) {
        const before = this.started;
        const claimed = await this.claimRound('all');
        for (const q of this.queues.values()) this.dispatch(q);
        await this.settle();
        if (claimed === 0 && this.started === before) return;
      }
    } finally {
      this.draining--;
    }
  }

  private get active(): boolean { return this.running || this.draining > 0; }

  /** Claims what the open lanes can hold; returns how many items it claimed. */
  private async claimRound(lanes: Lanes): Promise<number> {
    const t = this.now();
    return this.hold(await this.claims.claim(lanes, (p) => this.queues.get(p), t), t);
  }

  private hold(items: OutboxItem[], claimedAt: number): number {
    const touched = new Set<PlatformQueue>();
    for (const item of items) {
      let q = this.queues.get(item.platform);
      if (!q) {
        q = new PlatformQueue(item.platform);
        this.queues.set(item.platform, q);
      }
      q.add([item], claimedAt);
      touched.add(q);
    }
    for (const q of touched) this.dispatch(q);
    return items.length;
  }

  private dispatch(q: PlatformQueue): void {
    if (!this.active) return;
    if (q.dispatching) {
      q.again = true;
      return;
    }
    q.dispatching = true;
    this.dispatchLoop(q)
      .catch((err) => this.opts.logger.error({ err: String(err), platform: q.platform }, 'outbox dispatch failed'))
      .finally(() => {
        q.dispatching = false;
        if (q.again) {
          q.again = false;
          this.dispatch(q);
        }
      });
  }

  /** Starts sends of `q` while tokens and slots last (letting I/O in every 3 ms); then sleeps until the next is due. */
  private async dispatchLoop(q: PlatformQueue): Promise<void> {
    const limiter = this.opts.rateLimiter;
    const wait = (key: string) => limiter?.conversationWait(q.platform, key) ?? 0;
    const slice = new SliceClock(3);
    while (this.active) {
      if (slice.spent()) { await slice.next(); continue; }
      if (this.inFlight >= this.concurrency) {
        this.starved.add(q);
        return;
      }
      const t = this.now();
      const group = q.next(t, wait, t - (this.leaseMs * 2) / 3, this.policy);
      if (!group) {
        const at = q.nextReadyAt(t);
        if (at !== undefined) this.arm(q, at);
        return;
      }
      group.busy = true;
      let w: number;
      try {
        const taken = limiter ? limiter.takePlatform(q.platform) : 0;
        w = typeof taken === 'number' ? taken : await taken;
      } catch (err) {
        group.busy = false;
        this.opts.logger.warn({ err: String(err), platform: q.platform }, 'rate-limit bucket unavailable; retrying in 1 s');
        this.arm(q, this.now() + 1000);
        return;
      }
      if (w > 0) {
        group.busy = false;
        this.opts.metrics?.rateLimitWaits.inc({ platform: q.platform });
        // Wake when a few tokens are due rather than each one: the rate stays the same, and
        // a process that only works through a backlog wakes ten times a second, not thirty.
        const rate = limiter?.platformRate(q.platform) ?? 0;
        const extra = rate > 0 ? (Math.max(1, Math.floor((rate * (this.opts.sendBatchMs ?? 100)) / 1000)) - 1) * (1000 / rate) : 0;
        this.arm(q, this.now() + w + extra);
        return;
      }
      limiter?.takeConversation(q.platform, group.key);
      q.picked(group);
      this.startSend(q, group);
    }
  }

  /** Wakes `q`'s dispatch at `at` (the earliest asked for wins). */
  private arm(q: PlatformQueue, at: number): void {
    q.wakeAt(at, this.now(), () => this.dispatch(q));
  }

  private startSend(q: PlatformQueue, group: HeldGroup): void {
    this.inFlight++;
    this.started++;
    const run: Promise<void> = attemptDelivery(this.deps, group.items[0], group.items.slice(1))
      .then((outcome) => {
        if (outcome === 'done') return q.shift(group);
        q.remove(group);
        if (!this.running) return;
        this.retries.add(outcome.retryAt);
        // The conversation's later items were put off to a millisecond after it (outbox-delivery.ts).
        if (group.items.length > 1) this.retries.add(outcome.retryAt + 1);
      })
      .catch((err) => {
        this.opts.logger.error({ err: String(err), key: group.key }, 'outbox send failed');
        q.remove(group);
      })
      .finally(() => {
        this.inFlight--;
        this.sends.delete(run);
        this.afterSend(q);
      });
    this.sends.add(run);
  }

  private afterSend(q: PlatformQueue): void {
    if (!this.active) return;
    this.dispatch(q);
    for (const other of this.starved) {
      this.starved.delete(other);
      this.dispatch(other);
    }
    q.sinceClaim++;
    // A caught-up lane has nothing unclaimed (replies are handed over); its proactive sends
    // and retries coming due are found by the poll.
    if (this.lanes.caughtUp(q.platform) && q.held[1] === 0) return;
    if (this.running && (q.size === 0 || q.sinceClaim >= Math.min(32, Math.ceil(this.claims.budget(q.platform) / 4)))) {
      q.sinceClaim = 0;
      this.claimLoop.request(new Set([laneId(q.platform, false), laneId(q.platform, true)]));
    }
  }

  /** Resolves when no send is in flight and no dispatch is under way. */
  private async settle(): Promise<void> {
    for (;;) {
      if (this.sends.size > 0) await Promise.allSettled([...this.sends]);
      else if ([...this.queues.values()].some((q) => q.dispatching)) await new Promise((resolve) => setImmediate(resolve));
      else return;
    }
  }
}
