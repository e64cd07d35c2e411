/**
 * Conversations: their persisted state, the atomic commit of a turn, and the lock that keeps
 * one conversation on one process at a time.
 */
import type { ConversationKey } from '../../types.js';
import type { OutboxItem } from './outbox-port.js';
import type { TimerRecord } from './timer-port.js';

/** A conversation's persisted state. */
export interface ConversationRecord {
  key: ConversationKey;
  /** The runner's persisted snapshot (JSON-serializable). */
  snapshot: unknown;
  /** Bot version (content hash of the flows) the snapshot was made with. */
  flowVersion: string;
  /** Increases by one on every commit; commits are compare-and-set on it. */
  revision: number;
  updatedAt: number;
}

/** One atomic commit: new state + inbox mark + replies + timers, or nothing. */
export interface CommitRequest {
  key: ConversationKey;
  /** Revision read by `load`; 0 for a new conversation. */
  expectedRevision: number;
  snapshot: unknown;
  flowVersion: string;
  /** Marks this inbox entry processed (platform, eventId). */
  processed?: { platform: string; eventId: string };
  /** Replies to deliver. */
  outbox: OutboxItem[];
  /**
   * The conversation's full set of pending timers after this turn (replaces the old set);
   * undefined keeps the set as it is (an event skipped without running a turn).
   */
  timers?: TimerRecord[];
  /**
   * Vault secrets this turn revealed: deleted in the same atomic write, so a secret is gone
   * only together with the reply that shows it. If one of them is no longer there (another
   * turn took it), nothing is written and the result is a conflict.
   */
  vaultTakes?: { id: string; tokenHash: string }[];
  /**
   * Hands the replies straight to this process's sender: when no other item of the
   * conversation is in the outbox, they are written already claimed (notBefore = this time)
   * and the result says `leased`, so nobody claims them again. A store may ignore it (the
   * sender then claims them as usual); a conversation with items in the outbox always does,
   * so its replies keep their order.
   */
  leaseOutboxUntil?: number;
}

/**
 * What a commit did: the new revision (and whether its replies were written claimed, see
 * leaseOutboxUntil), or nothing because the revision moved meanwhile.
 */
export type CommitResult = { ok: true; revision: number; leased?: boolean } | { ok: false; reason: 'conflict' };

/**
 * Conversation state and its compare-and-set commit (the pipeline's turn executor), plus the
 * per-conversation lock of stores several processes share.
 */
export interface ConversationPort {
  /**
   * True when several processes may share this store (Redis). The pipeline then takes the
   * conversation lock around every turn; a one-process store (SQLite, memory) needs no lock,
   * because the pipeline already runs each conversation one turn at a time in-process.
   */
  readonly multiProcess: boolean;
  /** Loads a conversation, or undefined if it never committed. */
  load(key: ConversationKey): Promise<ConversationRecord | undefined>;
  /** Atomically applies a commit if the revision still matches. */
  commit(req: CommitRequest): Promise<CommitResult>;
  /**
   * Takes the conversation lock for `ttlMs` if it is free or expired or already `owner`'s.
   * Only the holder processes a conversation, which keeps events in order across processes.
   */
  lock(key: ConversationKey, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock if `owner` holds it. */
  unlock(key: ConversationKey, owner: string): Promise<void>;
}
