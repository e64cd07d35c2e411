/**
 * Replies handed from a turn's commit straight to this process's sender, instead of being
 * written unclaimed and claimed back a moment later (a query, a lease write per row and the
 * re-read of the rows). The turn offers its replies before it commits; when the sender takes
 * them, the store writes them already leased (CommitRequest.leaseOutboxUntil) and the sender
 * holds them as if it had claimed them.
 *
 * The sender only takes a platform's replies when nothing of that lane waits unclaimed in the
 * store (its last claim came back short and nothing was declined since), so a handed reply
 * never overtakes an older one of another conversation; and the store only leases them when
 * their conversation has nothing in the outbox, so it never overtakes its own. Proactive sends
 * (send API, timers) are never handed: the send API enqueues beside commits.
 */
import type { OutboxItem } from './ports/outbox-port.js';

/** What became of replies a turn offered (see {@link ReplyHandoff}). */
export type HandoffOutcome = 'leased' | 'stored' | 'dropped';

/** The sender's side of the handoff, as the turn executor sees it. */
export interface ReplyHandoff {
  /** The lease deadline to commit `items` with, or undefined when the sender will claim them. */
  offer(items: readonly OutboxItem[]): number | undefined;
  /**
   * After the commit: `leased` (written claimed: the sender holds them now), `stored`
   * (written unclaimed: a claim will find them) or `dropped` (not written: a conflict).
   */
  settle(items: readonly OutboxItem[], until: number, outcome: HandoffOutcome): void;
}

/** Per platform: may replies be handed, and how many are promised to the sender. */
interface LaneState {
  caughtUp: boolean;
  reserved: number;
}

/** A claim in flight: the declines it must not have missed. */
export type ClaimTicket = number;

/** Bookkeeping of the handoff; the sender asks it and feeds it its claims' outcomes. */
export class HandoffLanes {
  private readonly lanes = new Map<string, LaneState>();
  // Counts declines: a claim that started before one cannot vouch that the store is empty.
  private declines = 0;
  // A claim of every lane came back short: platforms not seen yet have nothing waiting either.
  private restCaughtUp = false;

  private lane(platform: string): LaneState {
    let s = this.lanes.get(platform);
    if (!s) this.lanes.set(platform, (s = { caughtUp: this.restCaughtUp, reserved: 0 }));
    return s;
  }

  /**
   * True (and the items reserved) when `items`, replies of one platform, may be handed:
   * the lane is caught up and `held` + what is promised + them fits in `budget`.
   */
  take(items: readonly OutboxItem[], held: number, budget: number): boolean {
    const platform = items[0]?.platform;
    // Proactive sends are claimed (their lane is not this one): no decline for them.
    if (platform === undefined || items.some((i) => i.proactive === true || i.platform !== platform)) return false;
    const s = this.lane(platform);
    if (!s.caughtUp || held + s.reserved + items.length > budget) {
      this.decline(platform);
      return false;
    }
    s.reserved += items.length;
    return true;
  }

  /** Reserved items settled (held, stored or dropped); `stored` means the store has some unclaimed. */
  release(platform: string, count: number, stored: boolean): void {
    const s = this.lane(platform);
    s.reserved = Math.max(0, s.reserved - count);
    if (stored) this.decline(platform);
  }

  /** Something of `platform` went to the store unclaimed: claims must catch up first. */
  decline(platform: string): void {
    this.declines++;
    this.lane(platform).caughtUp = false;
  }

  /** True when nothing of `platform`'s replies waits unclaimed, as far as this process knows. */
  caughtUp(platform: string): boolean {
    return this.lanes.get(platform)?.caughtUp ?? this.restCaughtUp;
  }

  /** Taken before a claim starts. */
  ticket(): ClaimTicket {
    return this.declines;
  }

  /**
   * A claim (of one platform's replies, or of every lane) came back with fewer items than it
   * asked for: the store had nothing more due then, so the lane is caught up, unless
   * something was declined while the claim ran.
   */
  claimedShort(ticket: ClaimTicket, platform: string | 'all'): void {
    if (ticket !== this.declines) return;
    if (platform !== 'all') this.lane(platform).caughtUp = true;
    else {
      this.restCaughtUp = true;
      for (const s of this.lanes.values()) s.caughtUp = true;
    }
  }
}
