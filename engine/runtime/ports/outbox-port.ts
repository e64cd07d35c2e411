/** The outbox: replies and proactive sends waiting to be delivered, claimed by the sender. */
import type { ConversationKey, OutboundMessage } from '../../types.js';
import type { Sealed } from '../seal.js';

/** A reply waiting to be delivered. */
export interface OutboxItem {
  id: string;
  key: ConversationKey;
  platform: string;
  /** Platform conversation id to send to. */
  to: string;
  /** The reply; sealed (store key) when it carries sensitive values, opened only to send it. */
  message: OutboundMessage | Sealed;
  /** Send-API task this message belongs to, if any. */
  taskId?: string;
  /** How many outbox items the task has in all (the task is sent when all are delivered). */
  taskItems?: number;
  /**
   * Sent unasked (send API, broadcasts, timers) rather than in answer to a user who just
   * wrote: on a shared rate limit such items wait behind replies (see OutboxLane).
   */
  proactive?: boolean;
  /** Position within its commit, so one conversation's replies go out in order. */
  seq: number;
  attempts: number;
  /** Do not try before this time (ms); used for backoff and retry_after. */
  notBefore: number;
  createdAt: number;
}

/**
 * One platform's replies, or its proactive sends: the sender claims and holds each lane
 * separately, so a backlog of one never keeps the other from being claimed.
 */
export interface OutboxLane {
  platform: string;
  proactive: boolean;
}

/** The outbox of one platform: how many items wait and since when (health and metrics). */
export interface OutboxBacklog {
  platform: string;
  size: number;
  /** createdAt of the oldest item still in the outbox (claimed or not). */
  oldestCreatedAt: number;
}

/**
 * What the outbox sender (and the send API's enqueue) needs: leased claims in delivery
 * order, the outcome of each attempt, and the failed items kept for inspection.
 */
export interface OutboxPort {
  /**
   * Claims up to `limit` outbox items due at `now`, in (createdAt, seq) order, by moving
   * their notBefore to now + leaseMs, so another sender does not take them meanwhile.
   * With `lane`, only that lane's items: an item is then also held back while an earlier
   * item of its conversation is in another lane (a conversation's replies never overtake).
   */
  claimOutbox(now: number, limit: number, leaseMs: number, lane?: OutboxLane): Promise<OutboxItem[]>;
  /** The outbox's size and oldest item per platform (platforms with an empty outbox left out). */
  outboxBacklog(): Promise<OutboxBacklog[]>;
  /**
   * A token bucket several processes share (present on stores several processes share):
   * refills `perSecond` up to `capacity`, takes one token if there is one and returns 0,
   * else returns the milliseconds until one is due. `now` is the caller's clock.
   */
  takeToken?(bucket: string, perSecond: number, capacity: number, now: number): Promise<number>;
  /** Removes a delivered item. */
  markSent(id: string): Promise<void>;
  /** Postpones an item after a failed attempt. */
  reschedule(id: string, notBefore: number, attempts: number): Promise<void>;
  /** Removes an item that will never be delivered, keeping the reason (a sealed message wiped). */
  markFailed(id: string, error: string): Promise<void>;
  /** Items given up on, newest first, with the reason. */
  failedOutbox(limit: number): Promise<(OutboxItem & { error: string })[]>;
  /** Adds outbox items outside a conversation commit (send API). */
  enqueue(items: OutboxItem[]): Promise<void>;
}
