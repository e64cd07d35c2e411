/**
 * When the outbox sender claims: at once when asked (a claim under way takes the next ask
 * along when it ends), once for all the commits of one event-loop turn, and on a slow poll
 * when nobody asks (other processes' items, leases a dead process left).
 */
import type { Logger } from './logger.js';
import { mergeLanes, type Lanes } from './outbox-claims.js';

/** What the loop needs of the sender. */
export interface ClaimLoopDeps {
  /** Claims what the lanes can hold; resolves with how many items it claimed. */
  round(lanes: Lanes): Promise<number>;
  running(): boolean;
  logger: Logger;
  /** The poll's interval, ms. */
  pollMs: number;
}

/** Schedules the sender's claims. */
export class ClaimLoop {
  private claiming?: Promise<number>;
  private again?: Lanes;
  private woken?: Lanes;
  private pollTimer?: NodeJS.Timeout;

  constructor(private readonly deps: ClaimLoopDeps) {}

  /** Claims for `lanes` now, or right after the claim under way. */
  request(lanes: Lanes): void {
    if (this.claiming) {
      this.again = mergeLanes(this.again, lanes);
      return;
    }
    clearTimeout(this.pollTimer);
    this.claiming = this.deps
      .round(lanes)
      .catch((err) => {
        this.deps.logger.error({ err: String(err) }, 'outbox round failed');
        return 0;
      })
      .finally(() => {
        this.claiming = undefined;
        if (!this.deps.running()) return;
        const again = this.again;
        this.again = undefined;
        if (again) this.request(again);
        else {
          this.pollTimer = setTimeout(() => this.request('all'), this.deps.pollMs);
          this.pollTimer.unref?.();
        }
      });
  }

  /** The commits of one group commit wake together: one claim after them all, not one per commit. */
  soon(lanes: Set<string>): void {
    const first = this.woken === undefined;
    this.woken = mergeLanes(this.woken, lanes);
    if (!first) return;
    setImmediate(() => {
      const woken = this.woken!;
      this.woken = undefined;
      if (this.deps.running()) this.request(woken);
    });
  }

  /** Stops the poll and waits for the claim under way. */
  async stop(): Promise<void> {
    clearTimeout(this.pollTimer);
    await this.claiming;
  }
}
