/**
 * Replies handed from a turn's commit straight to this process's sender, instead of being
 * written unclaimed and claimed back a moment later (a query, a lease write per row and the
 * re-read of the rows). The turn offers its replies before it commits; when the sender takes
 * them, the store writes them already leased (CommitRequest.leaseOutboxUntil) and the sender
 * holds them as if it had claimed them.
 *
 * The sender only takes a platform's replies when nothing of that lane waits unclaimed in the
 * store (its last claim came back short and no reply was written unclaimed since), so a handed reply
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
   * After every commit with replies, offered or not (`until` undefined): `leased` (written
   * claimed: the sender holds them now), `stored` (written unclaimed: a claim will find them,
   * and none may be handed before it did) or `dropped` (not written: a conflict).
   */
  settle(items: readonly OutboxItem[], until: number | undefined, outcome: HandoffOutcome): void;
}

/** What {@link replyHandoff} needs of the sender. */
export interface HandoffSender {
  /** Replies of `platform` it holds now. */
  held(platform: string): number;
  /** How many it may hold (negative: none, it is stopped). */
  budget(platform: string): number;
  /** The lease deadline of replies handed now. */
  until(): number;
  /** Holds handed replies as if claimed until `until`. */
  hold(items: OutboxItem[], until: number): void;
}

/** The sender's side of the handoff over `lanes`. */
export function replyHandoff(lanes: HandoffLanes, sender: HandoffSender): ReplyHandoff {
  return {
    offer(items) {
      if (items.length === 0) return undefined;
      const platform = items[0].platform;
      // A stopped sender takes nothing, but the refusal is counted like any (settle undoes it).
      return lanes.take(items, sender.held(platform), sender.budget(platform)) ? sender.until() : undefined;
    },
    settle(items, until, outcome) {
      lanes.settled(items, until !== undefined, outcome === 'stored');
      if (outcome === 'leased' && until !== undefined) sender.hold(items.map((item) => ({ ...item, notBefore: until })), until);
    },
  };
}

/** Per platform: what keeps its replies from being handed, and what is promised. */
interface LaneState {
  /** The last claim of this lane came back short (the store had nothing more due). */
  claimedClean: boolean;
  /** Items taken by {@link HandoffLanes.take}, not settled yet. */
  reserved: number;
  /** Offers refused, whose commit has not settled yet: they are about to be written unclaimed. */
  refusals: number;
  /** Replies written unclaimed that no claim has seen yet: id → write stamp. */
  unseen: Map<string, number>;
  /** The newest stamp of unseen ids forgotten to keep `unseen` small. */
  forgotten: number;
}

/** A claim in flight: the writes before it started (a claim sees those, not later ones). */
export type ClaimTicket = number;

/** Most unseen ids remembered per lane; past it a lane waits for a claim newer than them all. */
const UNSEEN_MAX = 10_000;

/**
 * Bookkeeping of the handoff; the sender asks it and feeds it its claims' outcomes. A lane
 * is caught up when its last claim came back short, no offer of it is about to be written
 * unclaimed, and every reply written unclaimed since was seen by a claim.
 */
export class HandoffLanes {
  private readonly lanes = new Map<string, LaneState>();
  // Stamps unclaimed writes of replies: a claim can vouch only for writes before its ticket.
  private writes = 0;
  // A claim of every lane came back short: platforms not seen yet have nothing waiting either.
  private restClean = false;

  private lane(platform: string): LaneState {
    let s = this.lanes.get(platform);
    if (!s) this.lanes.set(platform, (s = { claimedClean: this.restClean, reserved: 0, refusals: 0, unseen: new Map(), forgotten: 0 }));
    return s;
  }

  /** True when nothing of `platform`'s replies waits unclaimed, as far as this process knows. */
  caughtUp(platform: string): boolean {
    const s = this.lanes.get(platform);
    if (!s) return this.restClean;
    return s.claimedClean && s.refusals === 0 && s.unseen.size === 0 && s.forgotten === 0;
  }

  /**
   * True (and the items reserved) when `items`, replies of one platform, may be handed:
   * the lane is caught up and `held` + what is promised + them fits in `budget`. Refused
   * replies are written unclaimed, so the lane waits for a claim to see them.
   */
  take(items: readonly OutboxItem[], held: number, budget: number): boolean {
    const platform = items[0]?.platform;
    // Proactive sends are claimed: they are not in this lane and do not hold it up.
    if (platform === undefined || items.some((i) => i.proactive === true || i.platform !== platform)) return false;
    const s = this.lane(platform);
    if (!this.caughtUp(platform) || held + s.reserved + items.length > budget) {
      s.refusals++;
      return false;
    }
    s.reserved += items.length;
    return true;
  }

  /**
   * A commit of replies settled: `offered` ones were taken (reserved), the others refused;
   * `stored` ones were written unclaimed, stamped now (after the write).
   */
  settled(items: readonly OutboxItem[], offered: boolean, stored: boolean): void {
    if (items.length === 0 || items.some((i) => i.proactive === true)) return;
    const s = this.lane(items[0].platform);
    if (offered) s.reserved = Math.max(0, s.reserved - items.length);
    else s.refusals = Math.max(0, s.refusals - 1);
    if (!stored) return;
    for (const item of items) {
      const stamp = ++this.writes;
      if (s.unseen.size < UNSEEN_MAX) s.unseen.set(item.id, stamp);
      else s.forgotten = stamp;
    }
  }

  /** Taken before a claim starts. */
  ticket(): ClaimTicket {
    return this.writes;
  }

  /**
   * A claim of one platform's replies (or of every lane: 'all') returned `items` of the
   * `limit` it asked for. What it returned was seen; when it came back short, so was every
   * reply written before its ticket (the store had nothing more due then).
   */
  claimed(ticket: ClaimTicket, platform: string | 'all', items: readonly OutboxItem[], limit: number): void {
    for (const item of items) this.lanes.get(item.platform)?.unseen.delete(item.id);
    const short = items.length < limit;
    const lanes = platform === 'all' ? [...this.lanes.values()] : [this.lane(platform)];
    if (platform === 'all') this.restClean = short;
    for (const s of lanes) {
      s.claimedClean = short;
      if (!short) continue;
      for (const [id, stamp] of s.unseen) if (stamp <= ticket) s.unseen.delete(id);
      if (s.forgotten <= ticket) s.forgotten = 0;
    }
  }
}
