/**
 * The durable store behind conversations. One interface, several implementations
 * (memory for tests, SQLite by default, Redis for several processes), one contract suite
 * (test/runtime/store-contract.ts) that every implementation passes.
 */
import type { ConversationKey, InboundEvent, OutboundMessage } from '../types.js';
import type { Sealed } from './seal.js';
import type { TranscriptStore, VersionStore } from './version-store.js';

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

/** A durable timer of a conversation (wait steps, reminders). */
export interface TimerRecord {
  key: ConversationKey;
  /** Unique within the conversation. */
  timerId: string;
  dueAt: number;
  /** Enough to rebuild the event to send: platform and conversation. */
  platform: string;
  conversation: string;
}

/** An inbound event the server accepted (acknowledged) but has not yet processed. */
export interface InboxEntry {
  /** Assigned by the store on accept (arrival order); ignored on input. */
  seq?: number;
  platform: string;
  eventId: string;
  key: ConversationKey;
  /** The event; sealed by the pipeline when it may carry a value a flow marked sensitive. */
  event: InboundEvent | Sealed;
  acceptedAt: number;
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
}

export type CommitResult = { ok: true; revision: number } | { ok: false; reason: 'conflict' };

/** A send-API task. */
export interface TaskRecord {
  id: string;
  status: 'queued' | 'sent' | 'failed';
  platform: string;
  to: string;
  request: unknown;
  callbackUrl?: string;
  messageIds?: string[];
  /** Outbox items delivered so far. */
  delivered?: number;
  error?: string;
  createdAt: number;
  updatedAt: number;
  /** Callback delivery state. */
  callbackAttempts?: number;
  callbackDone?: boolean;
}

/** A vault secret, already encrypted by the caller. */
export interface VaultRecord {
  id: string;
  /** sha256 hex of the token; the token itself is never stored. */
  tokenHash: string;
  ciphertext: string;
  expiresAt: number;
}

/**
 * A webhook item that was skipped because it was not a readable event. Only where it was and
 * why are kept, not the item: it may hold user text, which is never stored in plain text
 * outside a conversation's own records.
 */
export interface DeadLetter {
  platform: string;
  /** Where in the body and what was wrong (at most {@link DEAD_LETTER_REASON_MAX} characters). */
  reason: string;
  /** When it arrived (ms). */
  at: number;
  /** The platform's event id, when the item had a readable one. */
  eventId?: string;
}

/** Dead letters a store keeps by default; older ones are dropped, so a flood cannot fill the disk. */
export const DEAD_LETTERS_KEPT = 1000;
/** Longest reason kept; the rest is cut. */
export const DEAD_LETTER_REASON_MAX = 500;
/** Longest event id kept (an id is whatever the body says it is). */
export const DEAD_LETTER_EVENT_ID_MAX = 200;

/** Everything the pipeline needs from storage. All methods are safe under concurrency. */
export interface ConversationStore {
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
   * Records an inbound event durably and gives it a store-wide sequence number (arrival
   * order). `duplicate` if (platform, eventId) was accepted within the retention window.
   */
  accept(entry: InboxEntry, retentionMs: number): Promise<'new' | 'duplicate'>;
  /** Unprocessed inbox entries of one conversation, in arrival order. */
  pendingFor(key: ConversationKey, limit: number): Promise<InboxEntry[]>;
  /** Conversations that have unprocessed inbox entries, oldest first (resume after a crash). */
  pendingKeys(limit: number): Promise<ConversationKey[]>;
  /**
   * Takes the conversation lock for `ttlMs` if it is free or expired or already `owner`'s.
   * Only the holder processes a conversation, which keeps events in order across processes.
   */
  lock(key: ConversationKey, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock if `owner` holds it. */
  unlock(key: ConversationKey, owner: string): Promise<void>;

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

  /** Claims timers due at `now` (moves dueAt to now + leaseMs meanwhile). */
  claimTimers(now: number, limit: number, leaseMs: number): Promise<TimerRecord[]>;

  /** Stores a vault secret. */
  vaultPut(record: VaultRecord): Promise<void>;
  /**
   * Atomically returns and deletes the secret if `tokenHash` matches and it has not expired;
   * a wrong token leaves it in place. Exactly one of concurrent callers gets it.
   */
  vaultTake(id: string, tokenHash: string, now: number): Promise<VaultRecord | undefined>;
  /** vaultTake without the delete: a turn deletes with `CommitRequest.vaultTakes`, in its commit. */
  vaultPeek(id: string, tokenHash: string, now: number): Promise<VaultRecord | undefined>;

  putTask(task: TaskRecord): Promise<void>;
  getTask(id: string): Promise<TaskRecord | undefined>;

  /** Records skipped webhook items; only the newest (DEAD_LETTERS_KEPT by default) stay. */
  addDeadLetters(letters: DeadLetter[]): Promise<void>;
  /** The newest `limit` dead letters, newest first. */
  deadLetters(limit: number): Promise<DeadLetter[]>;

  /** Deletes expired inbox marks and vault secrets. */
  sweep(now: number): Promise<void>;
  /** Flow sources by bot version and the census of conversations (hot reload, pinning). */
  readonly versions?: VersionStore;
  /** Recorded turns (`parley transcript`, replay). */
  readonly transcripts?: TranscriptStore;
  close(): Promise<void>;
}
