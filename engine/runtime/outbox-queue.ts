/**
 * The sender's memory of claimed items of one platform: each conversation's claimed items
 * as one group, in delivery order (createdAt, seq) across conversations, replies apart from
 * proactive sends. Items wait here for their rate-limit tokens without a store write; the
 * claim's lease keeps other senders off them meanwhile.
 */
import type { OutboxItem } from './store.js';

/** One conversation's claimed items; one of them is sent at a time, in order. */
export interface HeldGroup {
  key: string;
  proactive: boolean;
  items: OutboxItem[];
  /** When the items were claimed: past claimedAt + the usable lease they are dropped. */
  claimedAt: number;
  /** Its first item is being sent. */
  busy: boolean;
  /** Not before this time (its conversation's bucket was empty). */
  readyAt: number;
}

/** How the queue picks between replies and proactive sends. */
export interface QueuePolicy {
  /** 'replies' (default): replies to users first; 'arrival': one order for both. */
  priority: 'replies' | 'arrival';
  /** With 'replies', the share of sends proactive items get when both wait (0 = only the rest). */
  proactiveShare: number;
}

function before(a: OutboxItem, b: OutboxItem): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.seq < b.seq);
}

/** Claimed, unsent items of one platform. */
export class PlatformQueue {
  private readonly lanes: [HeldGroup[], HeldGroup[]] = [[], []];
  private readonly byKey = new Map<string, HeldGroup>();
  /** Items held per lane: [replies, proactive]. */
  readonly held: [number, number] = [0, 0];
  private repliesInARow = 0;
  /** A dispatch loop is running for this platform. */
  dispatching = false;
  again = false;
  /** Sends finished since this platform's last claim. */
  sinceClaim = 0;
  timer?: NodeJS.Timeout;
  timerAt = Infinity;

  constructor(readonly platform: string) {}

  /** Calls `fire` at `at` (one timer: the earliest asked for wins; it never keeps the process up). */
  wakeAt(at: number, now: number, fire: () => void): void {
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      fire();
    }, Math.max(0, at - now));
    this.timer.unref?.();
  }

  get size(): number {
    return this.held[0] + this.held[1];
  }

  /**
   * Adds claimed items (in delivery order), grouped by conversation, each group at its place
   * in delivery order. A group stays in the lane of its first item, so a conversation whose
   * claim mixes both kinds still sends in order.
   */
  add(items: OutboxItem[], claimedAt: number): void {
    for (const item of items) {
      const existing = this.byKey.get(item.key);
      if (existing) {
        existing.items.push(item);
        this.held[existing.proactive ? 1 : 0]++;
        continue;
      }
      const proactive = item.proactive === true;
      const lane = this.lanes[proactive ? 1 : 0];
      this.held[proactive ? 1 : 0]++;
      const group: HeldGroup = { key: item.key, proactive, items: [item], claimedAt, busy: false, readyAt: 0 };
      this.byKey.set(item.key, group);
      let i = lane.length;
      while (i > 0 && before(item, lane[i - 1].items[0])) i--;
      lane.splice(i, 0, group);
    }
  }

  /**
   * The group whose first item should go next, or undefined. `wait` says how long a
   * conversation's own bucket makes it wait; `staleBefore` drops groups claimed before it.
   */
  next(now: number, wait: (key: string) => number, staleBefore: number, policy: QueuePolicy): HeldGroup | undefined {
    const reply = this.firstReady(0, now, wait, staleBefore);
    const proactive = this.firstReady(1, now, wait, staleBefore);
    if (!reply || !proactive) return reply ?? proactive;
    if (policy.priority === 'arrival') return before(proactive.items[0], reply.items[0]) ? proactive : reply;
    // After 1/share - 1 replies in a row, one proactive item, so a share of the rate is theirs.
    const every = policy.proactiveShare > 0 ? Math.max(1, Math.round(1 / policy.proactiveShare)) : Infinity;
    return this.repliesInARow + 1 >= every ? proactive : reply;
  }

  /** Records that `group`'s first item is going out (for the proactive share). */
  picked(group: HeldGroup): void {
    group.busy = true;
    this.repliesInARow = group.proactive ? 0 : this.repliesInARow + 1;
  }

  /** The first item of `group` left the queue (sent or given up); the rest wait on. */
  shift(group: HeldGroup): void {
    group.items.shift();
    group.busy = false;
    this.held[group.proactive ? 1 : 0]--;
    if (group.items.length === 0) this.remove(group);
  }

  /** Forgets a group and what it holds (its items stay in the store). */
  remove(group: HeldGroup): void {
    const lane = this.lanes[group.proactive ? 1 : 0];
    const i = lane.indexOf(group);
    if (i < 0) return;
    lane.splice(i, 1);
    this.byKey.delete(group.key);
    this.held[group.proactive ? 1 : 0] -= group.items.length;
  }

  /** The earliest readyAt of a group waiting only on its conversation's bucket. */
  nextReadyAt(now: number): number | undefined {
    let at: number | undefined;
    for (const lane of this.lanes) for (const g of lane) if (!g.busy && g.readyAt > now) at = Math.min(at ?? Infinity, g.readyAt);
    return at;
  }

  /** Forgets everything (the leases run out and the items are claimed again). */
  clear(): void {
    this.lanes[0].length = 0;
    this.lanes[1].length = 0;
    this.byKey.clear();
    this.held[0] = 0;
    this.held[1] = 0;
  }

  private firstReady(laneIndex: 0 | 1, now: number, wait: (key: string) => number, staleBefore: number): HeldGroup | undefined {
    const lane = this.lanes[laneIndex];
    for (let i = 0; i < lane.length; i++) {
      const g = lane[i];
      if (g.busy || g.readyAt > now) continue;
      if (g.claimedAt < staleBefore) {
        // Its lease is nearly over: another sender may take it soon, so do not send it here.
        this.remove(g);
        i--;
        continue;
      }
      const w = wait(g.key);
      if (w > 0) {
        g.readyAt = now + w;
        continue;
      }
      return g;
    }
    return undefined;
  }
}
