/**
 * Delivers send-API result callbacks (CallbackPort records): claims the due ones with a
 * lease, POSTs each body signed (x-parley-signature: HMAC-SHA256 with the callback secret)
 * through the guarded HTTP client, and retries with the outbox's backoff until the receiver
 * answers 2xx or the attempts run out. At least once: a crash after the POST and before the
 * record is marked done posts it again once the lease runs out.
 *
 * It wakes on demand: when this process queues a callback (wake), when a retry it scheduled
 * is due, and at once again after a full batch. Only callbacks other processes queued, and
 * leases a crashed process left, wait for the slow poll (pollMs).
 */
import { createHmac } from 'node:crypto';
import { backoffDelay, type BackoffPolicy } from '../../engine/runtime/backoff.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { CallbackPort, CallbackRecord } from '../../engine/runtime/store.js';
import type { HttpClient } from '../../engine/types.js';

/** Signs a callback body; receivers recompute it with the shared secret. */
export function signCallback(body: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/** Options of {@link CallbackSender}. */
export interface CallbackSenderOptions extends BackoffPolicy {
  store: CallbackPort;
  /** The guarded client: the callback URL is the caller's choice. */
  http: HttpClient;
  /** Key of the signature. */
  secret: string;
  logger: Logger;
  now?: () => number;
  /** Attempts before a callback is given up; default 8 (as the outbox). */
  maxAttempts?: number;
  /** How long a claim hides a callback from other senders; default 15 s (as the outbox). */
  leaseMs?: number;
  /**
   * How often to look for due callbacks nobody woke the sender for (queued by another
   * process, or left in the lease of one that died); default 5 s. This process's own
   * callbacks and retries wake it when they are due.
   */
  pollMs?: number;
  /** Callbacks claimed (and posted concurrently) per round; default 32. */
  batch?: number;
}

/** Background delivery loop over the store's callbacks. */
export class CallbackSender {
  private readonly now: () => number;
  private running = false;
  private round?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  /** The earliest retry this process scheduled that no round has claimed yet. */
  private retryAt = Infinity;

  constructor(private readonly opts: CallbackSenderOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Starts polling. */
  start(): void {
    this.running = true;
    this.wake();
  }

  /** Looks for due callbacks now (a task just finished). */
  wake(): void {
    if (!this.running) return;
    if (this.round) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    // A retry due now is this round's to claim (a full batch goes round again); a later one
    // stays the time to wake at.
    if (this.retryAt <= this.now()) this.retryAt = Infinity;
    const batch = this.opts.batch ?? 32;
    this.round = this.sendDue()
      // A full batch may have left more due behind it: look again at once.
      .then((claimed) => {
        if (claimed >= batch) this.again = true;
      })
      .catch((err) => this.opts.logger.error({ err: String(err) }, 'callback round failed'))
      .finally(() => {
        this.round = undefined;
        if (!this.running) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.sleep();
      });
  }

  /** Waits for the earliest retry this process scheduled, or the slow poll if sooner. */
  private sleep(): void {
    const t = this.now();
    const delay = Math.max(0, Math.min(this.opts.pollMs ?? 5000, this.retryAt - t));
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref?.();
  }

  /** Stops polling and waits for the posts under way. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.round;
  }

  /** Posts everything due now, until nothing is (for tests). */
  async drain(): Promise<void> {
    await this.round;
    while ((await this.sendDue()) > 0);
  }

  /** One round: claims the due callbacks and posts them; returns how many it claimed. */
  private async sendDue(): Promise<number> {
    const due = await this.opts.store.claimCallbacks(this.now(), this.opts.batch ?? 32, this.opts.leaseMs ?? 15_000);
    await Promise.all(due.map((cb) => this.attempt(cb)));
    return due.length;
  }

  private async attempt(cb: CallbackRecord): Promise<void> {
    const { store, logger } = this.opts;
    let error: string;
    try {
      const res = await this.opts.http.request({
        method: 'POST',
        url: cb.url,
        headers: { 'content-type': 'application/json', 'x-parley-signature': signCallback(cb.body, this.opts.secret) },
        body: cb.body,
      });
      if (res.status < 300) {
        await store.callbackDone(cb.taskId);
        return;
      }
      error = `callback receiver answered ${res.status}`;
    } catch (err) {
      error = `callback to ${cb.url} failed: ${(err as Error).message}`;
    }
    const attempts = cb.attempts + 1;
    if (attempts >= (this.opts.maxAttempts ?? 8)) {
      logger.error({ err: error, task: cb.taskId, attempts }, 'giving up on a callback');
      await store.callbackFailed(cb.taskId, attempts, error);
      return;
    }
    const delay = backoffDelay(this.opts, attempts);
    logger.warn({ err: error, task: cb.taskId, attempts, delay }, 'callback will be retried');
    const at = this.now() + delay;
    await store.rescheduleCallback(cb.taskId, at, attempts, error);
    this.retryAt = Math.min(this.retryAt, at);
  }
}
