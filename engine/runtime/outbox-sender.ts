/**
 * Delivers the outbox at least once: claims due items, sends each conversation's replies in
 * order, retries 429s after the platform's retry_after and 5xx/network errors with
 * exponential backoff and jitter, and records what it gives up on.
 */
import { SendError } from '../errors.js';
import type { OutboundMessage, SendResult } from '../types.js';
import type { Logger } from './logger.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ConversationStore, OutboxItem } from './store.js';
import { isSealed, unseal } from './seal.js';

/** Options for {@link OutboxSender}. */
export interface OutboxSenderOptions {
  store: ConversationStore;
  /** Sends one item through its platform's adapter (its message already opened). Throws SendError on failure. */
  deliver(item: DeliverableItem): Promise<SendResult>;
  /** The store key, to open replies sealed because they carry sensitive values. */
  secretKey?: Buffer;
  logger: Logger;
  now?: () => number;
  rateLimiter?: RateLimiter;
  /** Attempts before an item is given up; default 8. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt with ±25 % jitter; default 500 ms. */
  baseDelayMs?: number;
  /** Longest backoff delay; default 5 minutes. */
  maxDelayMs?: number;
  /**
   * How long a claim hides an item from other senders; default 15 s, longer than the HTTP
   * client's 10 s timeout so a slow send is not taken twice. It is also how long a crashed
   * process's claimed replies wait before they are sent.
   */
  leaseMs?: number;
  /** How often to look for due items when nobody wakes the sender; default 250 ms. */
  pollMs?: number;
  /** Conversations sent to in parallel; default 256 (each waits mostly on the platform). */
  concurrency?: number;
  /**
   * Called when an item is delivered, before it leaves the outbox: a crash in between sends
   * the item again and reports it again, so count an item (by id) once. An error is logged;
   * it does not send the item again.
   */
  onDelivered?(item: DeliverableItem, result: SendResult): void | Promise<void>;
  /** Called when an item is given up, before it leaves the outbox (same rules as onDelivered). */
  onFailed?(item: DeliverableItem, error: string): void | Promise<void>;
}

/** An outbox item with its message in the clear, as it is handed to the platform. */
export type DeliverableItem = OutboxItem & { message: OutboundMessage };

/** Background delivery loop over the store's outbox. */
export class OutboxSender {
  private timer?: NodeJS.Timeout;
  private running = false;
  private pumping?: Promise<void>;
  private again = false;
  private readonly inFlight = new Set<Promise<void>>();
  private slotWaiters: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly opts: OutboxSenderOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Starts polling. */
  start(): void {
    this.running = true;
    this.wake();
  }

  /** Stops polling and waits for the sends under way to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Looks for due items now (called after every commit). */
  wake(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.pumping = this.pump()
      .catch((err) => this.opts.logger.error({ err: String(err) }, 'outbox round failed'))
      .finally(() => {
        this.pumping = undefined;
        if (!this.running) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.opts.pollMs ?? 250);
          this.timer.unref?.();
        }
      });
  }

  /** Sends everything due now, until nothing is due (for tests and shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claimAndStart(500);
      await Promise.allSettled([...this.inFlight]);
      if (claimed === 0) return;
    }
  }

  /**
   * Keeps up to `concurrency` conversations sending at once, claiming more as soon as a slot
   * frees, so one slow send never holds up a whole batch. The store's head-of-line rule
   * guarantees a conversation is never in two groups at once.
   */
  private async pump(): Promise<void> {
    const limit = this.opts.concurrency ?? 256;
    // Claim in batches: waiting for a quarter of the slots to free costs little latency and
    // saves a store round trip per finished conversation.
    const batch = Math.max(1, Math.floor(limit / 4));
    while (this.running) {
      const free = limit - this.inFlight.size;
      if (free < batch && this.inFlight.size > 0) {
        await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
        continue;
      }
      if ((await this.claimAndStart(Math.min(free * 4, 500))) === 0) return;
    }
  }

  /** Claims due items and starts one sending group per conversation; returns how many it claimed. */
  private async claimAndStart(limit: number): Promise<number> {
    const items = await this.opts.store.claimOutbox(this.now(), limit, this.opts.leaseMs ?? 15_000);
    const byKey = new Map<string, OutboxItem[]>();
    for (const item of items) {
      const list = byKey.get(item.key);
      if (list) list.push(item);
      else byKey.set(item.key, [item]);
    }
    for (const group of byKey.values()) {
      const run: Promise<void> = this.sendGroup(group)
        .catch((err) => this.opts.logger.error({ err: String(err), key: group[0].key }, 'outbox group failed'))
        .finally(() => {
          this.inFlight.delete(run);
          this.slotWaiters.shift()?.();
        });
      this.inFlight.add(run);
    }
    return items.length;
  }

  /** Sends one conversation's items in order; on a retryable failure the rest wait behind it. */
  private async sendGroup(items: OutboxItem[]): Promise<void> {
    for (let i = 0; i < items.length; i++) {
      const item = this.open(items[i]);
      const wait = this.opts.rateLimiter?.take(item.platform, item.key) ?? 0;
      if (wait > 0) {
        await this.postpone(items.slice(i), this.now() + wait);
        return;
      }
      let result: SendResult;
      try {
        if (!isOpen(item)) throw new SendError('The reply is sealed and cannot be opened (no key, another key, or wiped); it is given up.', { retryable: false });
        result = await this.opts.deliver(item);
      } catch (err) {
        const retryable = err instanceof SendError ? err.retryable : true;
        const attempts = item.attempts + 1;
        const message = err instanceof Error ? err.message : String(err);
        if (!retryable || attempts >= (this.opts.maxAttempts ?? 8)) {
          this.opts.logger.error({ err: message, outbox: item.id, key: item.key, attempts }, 'giving up on a reply');
          // An item that cannot be opened is still reported (a task it belongs to must end).
          const shown: DeliverableItem = isOpen(item) ? item : { ...item, message: { kind: 'text', text: '[sensitive]' } };
          await this.report('onFailed', shown, () => this.opts.onFailed?.(shown, message));
          await this.opts.store.markFailed(item.id, message);
          continue;
        }
        const delay = err instanceof SendError && err.retryAfterMs !== undefined ? err.retryAfterMs : this.backoff(attempts);
        this.opts.logger.warn({ err: message, outbox: item.id, key: item.key, attempts, delay }, 'reply will be retried');
        await this.opts.store.reschedule(item.id, this.now() + delay, attempts);
        // The conversation's later replies wait behind this one, to keep their order.
        await this.postpone(items.slice(i + 1), this.now() + delay + 1);
        return;
      }
      // Report first, then forget the item: a crash in between costs a repeated send (the
      // outbox is at-least-once anyway) instead of a report lost for good.
      await this.report('onDelivered', item, () => this.opts.onDelivered?.(item, result));
      await this.opts.store.markSent(item.id);
    }
  }

  /**
   * The item with its sealed message decrypted, held in memory only while it is sent; an item
   * that cannot be opened is returned as it is (and then given up).
   */
  private open(item: OutboxItem): OutboxItem {
    if (!isSealed(item.message) || !this.opts.secretKey) return item;
    try {
      return { ...item, message: unseal<OutboundMessage>(item.message, this.opts.secretKey) };
    } catch {
      return item;
    }
  }

  /** Runs a report hook; its failure is logged, never taken for a failed send. */
  private async report(hook: string, item: OutboxItem, run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.opts.logger.error({ err: String(err), outbox: item.id, key: item.key, hook }, 'report hook failed');
    }
  }

  private async postpone(items: OutboxItem[], notBefore: number): Promise<void> {
    for (const it of items) await this.opts.store.reschedule(it.id, notBefore, it.attempts);
  }

  private backoff(attempts: number): number {
    const base = this.opts.baseDelayMs ?? 500;
    const max = this.opts.maxDelayMs ?? 300_000;
    const raw = Math.min(max, base * 2 ** (attempts - 1));
    return Math.round(raw * (0.75 + Math.random() * 0.5));
  }
}

function isOpen(item: OutboxItem): item is DeliverableItem {
  return !isSealed(item.message);
}
