/** The options of the outbox sender (engine/runtime/outbox-sender.ts). */
import type { SendResult } from '../types.js';
import type { Logger } from './logger.js';
import type { ParleyMetrics } from './metrics.js';
import type { QueuePolicy } from './outbox-queue.js';
import type { RateLimiter } from './rate-limiter.js';
import type { OutboxPort } from './ports/outbox-port.js';
import type { NotePort } from './ports/note-port.js';
import type { DeliverableItem, DeliveryContext } from './outbox-delivery.js';

/**
 * Options for the OutboxSender. `priority` ('replies' by default, or 'arrival') and
 * `proactiveShare` (default 0) decide between replies and proactive sends (QueuePolicy).
 */
export interface OutboxSenderOptions extends Partial<QueuePolicy> {
  /** The outbox of the store (and its notes, handed to the adapters, when it keeps them). */
  store: OutboxPort & Partial<NotePort>;
  /**
   * Sends one item through its platform's adapter (its message already opened); `context`
   * holds what belongs in the adapter's SendContext besides config and http. Throws SendError
   * on failure.
   */
  deliver(item: DeliverableItem, context: DeliveryContext): Promise<SendResult>;
  /** The store key, to open replies sealed because they carry sensitive values. */
  secretKey?: Buffer;
  logger: Logger;
  now?: () => number;
  rateLimiter?: RateLimiter;
  metrics?: ParleyMetrics;
  /** Attempts before an item is given up; default 8. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt with ±25 % jitter; default 500 ms. */
  baseDelayMs?: number;
  /** Longest backoff delay; default 5 minutes. */
  maxDelayMs?: number;
  /**
   * How long a claim hides an item from other senders; default 15 s, longer than the HTTP
   * client's 10 s timeout so a slow send is not taken twice. It is also how long a crashed
   * process's claimed replies wait before they are sent. Items still unsent after two
   * thirds of it are forgotten, to be claimed again.
   */
  leaseMs?: number;
  /**
   * How often to look for due items nobody woke the sender for (another process's, or left in
   * the lease of one that died); default 1 s. Commits, the send API and this process's own
   * retries wake it when their items are due; finished sends claim the next of a backlog.
   */
  pollMs?: number;
  /** Sends in flight at once; default 256 (each waits mostly on the platform). */
  concurrency?: number;
  /** Seconds of a rate-limited platform's rate claimed ahead and held in memory; default 2. */
  holdSeconds?: number;
  /**
   * Waiting for a platform's tokens, wake when this many milliseconds of its rate are due
   * (then send them together) rather than at every token; default 100.
   */
  sendBatchMs?: number;
  /**
   * Called when an item is delivered, before it leaves the outbox: a crash in between sends
   * the item again and reports it again, so count an item (by id) once. An error is logged;
   * it does not send the item again.
   */
  onDelivered?(item: DeliverableItem, result: SendResult): void | Promise<void>;
  /** Called when an item is given up, before it leaves the outbox (same rules as onDelivered). */
  onFailed?(item: DeliverableItem, error: string): void | Promise<void>;
}
