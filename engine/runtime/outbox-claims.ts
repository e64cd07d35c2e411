/**
 * Which outbox items the sender claims: per lane (a platform's replies, or its proactive
 * sends) no more than the platform's rate can send in `holdSeconds`, so what waits for a
 * token waits in the store, unclaimed and unwritten. When no lane is backed up, one claim in
 * delivery order covers every lane, also those of platforms not seen yet.
 */
import type { PlatformQueue } from './outbox-queue.js';
import type { RateLimiter } from './rate-limiter.js';
import type { OutboxItem, OutboxLane, OutboxPort } from './ports/outbox-port.js';
import type { HandoffLanes } from './outbox-handoff.js';

/** Lanes to look at: by id (see laneId), or all. */
export type Lanes = Set<string> | 'all';

/** The id of a lane: `<platform>|0` for replies, `<platform>|1` for proactive sends. */
export const laneId = (platform: string, proactive: boolean): string => `${platform}|${proactive ? 1 : 0}`;

/**
 * Most rows one claim takes. A claim runs synchronously on SQLite (a lease write per row), so
 * its size is a stall every waiting ack sits out; more than the sender's slots cannot start
 * at once anyway, and the next claim follows within 32 sends.
 */
const CLAIM_MAX = 256;

/** Both sets of lanes in one. */
export const mergeLanes = (a: Lanes | undefined, b: Lanes): Lanes => (a === 'all' || b === 'all' ? 'all' : new Set([...(a ?? []), ...b]));

/** What claiming needs from the sender's options. */
export interface ClaimDeps {
  /** Only the outbox of the store. */
  store: OutboxPort;
  rateLimiter?: RateLimiter;
  leaseMs: number;
  concurrency: number;
  holdSeconds?: number;
  /** Told which lanes a claim emptied, so replies may be handed over (outbox-handoff.ts). */
  handoff?: HandoffLanes;
}

/** Plans and runs the sender's claims. */
export class OutboxClaims {
  /** Platforms seen in claims or in the backlog. */
  private readonly known = new Set<string>();
  private lastBacklogLook = -Infinity;

  constructor(private readonly deps: ClaimDeps) {}

  /** How many items of a platform's lane may be held: `holdSeconds` of its rate. */
  budget(platform: string): number {
    const rate = this.deps.rateLimiter?.platformRate(platform) ?? 0;
    return rate > 0 ? Math.max(8, Math.ceil(rate * (this.deps.holdSeconds ?? 2))) : this.deps.concurrency * 2;
  }

  /** Claims for the open lanes among `lanes`; `queue` gives what a platform holds now. */
  async claim(lanes: Lanes, queue: (platform: string) => PlatformQueue | undefined, t: number): Promise<OutboxItem[]> {
    const { store } = this.deps;
    const all: OutboxLane[] = [];
    for (const platform of new Set([...(this.deps.rateLimiter?.platforms() ?? []), ...this.known])) {
      all.push({ platform, proactive: false }, { platform, proactive: true });
    }
    const frees = all.map((lane) => this.free(lane, queue(lane.platform)));
    let items: OutboxItem[];
    const { handoff } = this.deps;
    const ticket = handoff?.ticket() ?? 0;
    if (frees.every((f) => f > 0)) {
      // Nothing is backed up: one claim in delivery order, of every lane (unknown ones too).
      const limit = Math.min(CLAIM_MAX, ...frees);
      items = await store.claimOutbox(t, limit, this.deps.leaseMs);
      handoff?.claimed(ticket, 'all', items, limit);
    } else {
      if (lanes === 'all' && t - this.lastBacklogLook > 5000) {
        // Claims now go lane by lane: learn which platforms have items at all.
        this.lastBacklogLook = t;
        for (const b of await store.outboxBacklog()) this.known.add(b.platform);
      }
      items = [];
      for (const [i, lane] of all.entries()) {
        if (frees[i] === 0 || (lanes !== 'all' && !lanes.has(laneId(lane.platform, lane.proactive)))) continue;
        const limit = Math.min(CLAIM_MAX, frees[i]);
        const got = await store.claimOutbox(t, limit, this.deps.leaseMs, lane);
        if (!lane.proactive) handoff?.claimed(ticket, lane.platform, got, limit);
        items.push(...got);
      }
    }
    for (const item of items) this.known.add(item.platform);
    return items;
  }

  /** Room in a lane; 0 until a quarter is free again, so claims come in batches. */
  private free(lane: OutboxLane, q: PlatformQueue | undefined): number {
    const held = q?.held[lane.proactive ? 1 : 0] ?? 0;
    const budget = this.budget(lane.platform);
    return held > (budget * 3) / 4 ? 0 : budget - held;
  }
}
