/**
 * An in-process ConversationStore for tests and single-process experiments. Every method
 * does all of its work synchronously before its first await, so within one process each
 * call is atomic: commits are compare-and-set, vaultTake hands a secret out once.
 */
import type { ConversationKey } from '../../types.js';
import { wipeSealed } from '../seal.js';
import { memoryDeadLetters } from './dead-letter-rows.js';
import type {
  CommitRequest,
  CommitResult,
  ConversationRecord,
  ConversationStore,
  InboxEntry,
  OutboxBacklog,
  OutboxItem,
  TaskRecord,
  TimerRecord,
  VaultRecord,
} from '../store.js';
import { createMemoryVersionPorts } from './memory-versions.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Clock for inbox retention and lock expiry; default Date.now. */
  now?: () => number;
  /** Behave as a store shared by several processes (tests of multi-process behaviour). */
  multiProcess?: boolean;
}

interface InboxRow {
  entry: InboxEntry;
  processed: boolean;
  /** The dedup mark may be forgotten after this time (ms), once processed. */
  expiresAt: number;
}

interface FailedRow {
  item: OutboxItem & { error: string };
  /** Insertion counter, so "newest first" is stable even when the clock stands still. */
  order: number;
}

/**
 * Copies through JSON, as the durable stores do, so callers never share objects with the
 * store and tests see the same data shapes (no undefined fields, no class instances).
 */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function inboxId(platform: string, eventId: string): string {
  return `${platform}\u0000${eventId}`;
}

function byCreatedThenSeq(a: OutboxItem, b: OutboxItem): number {
  return a.createdAt - b.createdAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Creates an empty in-memory store. */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const now = options.now ?? Date.now;
  const conversations = new Map<ConversationKey, ConversationRecord>();
  const inbox = new Map<string, InboxRow>();
  let inboxSeq = 0;
  const locks = new Map<ConversationKey, { owner: string; expiresAt: number }>();
  const outbox = new Map<string, OutboxItem>();
  const failed: FailedRow[] = [];
  let failedOrder = 0;
  const timers = new Map<ConversationKey, Map<string, TimerRecord>>();
  const vault = new Map<string, VaultRecord>();
  const tasks = new Map<string, TaskRecord>();


  const pendingRows = (): InboxRow[] =>
    [...inbox.values()].filter((r) => !r.processed).sort((a, b) => a.entry.seq! - b.entry.seq!);

  return {
    ...memoryDeadLetters(),
    multiProcess: options.multiProcess ?? false,
    // Flow sources by version and transcripts (version-store.ts).
    ...createMemoryVersionPorts(conversations),
    async load(key) {
      return copy(conversations.get(key));
    },

    async commit(req: CommitRequest): Promise<CommitResult> {
      const current = conversations.get(req.key);
      if ((current?.revision ?? 0) !== req.expectedRevision) return { ok: false, reason: 'conflict' };
      // A secret another turn took meanwhile: this turn showed it too, so it must not commit.
      for (const t of req.vaultTakes ?? []) if (vault.get(t.id)?.tokenHash !== t.tokenHash) return { ok: false, reason: 'conflict' };
      for (const t of req.vaultTakes ?? []) vault.delete(t.id);
      const revision = req.expectedRevision + 1;
      conversations.set(req.key, {
        key: req.key,
        snapshot: copy(req.snapshot),
        flowVersion: req.flowVersion,
        revision,
        updatedAt: now(),
      });
      if (req.processed) {
        const row = inbox.get(inboxId(req.processed.platform, req.processed.eventId));
        // Keep only the dedup mark: the event itself is not needed once processed.
        if (row) row.processed = true;
      }
      for (const item of req.outbox) outbox.set(item.id, copy(item));
      if (req.timers) timers.set(req.key, new Map(req.timers.map((t) => [t.timerId, copy(t)])));
      return { ok: true, revision };
    },

    async accept(entry, retentionMs) {
      const id = inboxId(entry.platform, entry.eventId);
      const existing = inbox.get(id);
      // An unprocessed entry is never expired: forgetting it would lose or double the event.
      if (existing && (!existing.processed || existing.expiresAt > now())) return 'duplicate';
      inbox.set(id, {
        entry: { ...copy(entry), seq: ++inboxSeq },
        processed: false,
        expiresAt: now() + retentionMs,
      });
      return 'new';
    },

    async pendingFor(key, limit) {
      return pendingRows()
        .filter((r) => r.entry.key === key)
        .slice(0, limit)
        .map((r) => copy(r.entry));
    },

    async pendingKeys(limit) {
      const keys: ConversationKey[] = [];
      for (const row of pendingRows()) {
        if (keys.length >= limit) break;
        if (!keys.includes(row.entry.key)) keys.push(row.entry.key);
      }
      return keys;
    },

    async lock(key, owner, ttlMs) {
      const held = locks.get(key);
      const t = now();
      if (held && held.owner !== owner && held.expiresAt > t) return false;
      locks.set(key, { owner, expiresAt: t + ttlMs });
      return true;
    },

    async unlock(key, owner) {
      if (locks.get(key)?.owner === owner) locks.delete(key);
    },

    async claimOutbox(at, limit, leaseMs, lane) {
      // Head-of-line: a conversation's items are due only up to its first waiting one (or,
      // for a lane's claim, its first one outside the lane).
      const blocked = new Set<string>();
      const due: OutboxItem[] = [];
      for (const item of [...outbox.values()].sort(byCreatedThenSeq)) {
        if (due.length >= limit) break;
        if (blocked.has(item.key)) continue;
        const outside = lane !== undefined && (item.platform !== lane.platform || (item.proactive ?? false) !== lane.proactive);
        if (item.notBefore > at || outside) blocked.add(item.key);
        else due.push(item);
      }
      for (const item of due) item.notBefore = at + leaseMs;
      return due.map(copy);
    },

    async outboxBacklog() {
      const byPlatform = new Map<string, OutboxBacklog>();
      for (const item of outbox.values()) {
        const b = byPlatform.get(item.platform);
        if (!b) byPlatform.set(item.platform, { platform: item.platform, size: 1, oldestCreatedAt: item.createdAt });
        else {
          b.size++;
          b.oldestCreatedAt = Math.min(b.oldestCreatedAt, item.createdAt);
        }
      }
      return [...byPlatform.values()];
    },

    async markSent(id) {
      outbox.delete(id);
    },

    async reschedule(id, notBefore, attempts) {
      const item = outbox.get(id);
      if (item) Object.assign(item, { notBefore, attempts });
    },

    async markFailed(id, error) {
      const item = outbox.get(id);
      if (!item) return;
      outbox.delete(id);
      failed.push({ item: { ...item, message: wipeSealed(item.message), error }, order: ++failedOrder });
    },

    async failedOutbox(limit) {
      return [...failed]
        .sort((a, b) => b.order - a.order)
        .slice(0, limit)
        .map((r) => copy(r.item));
    },

    async enqueue(items) {
      for (const item of items) outbox.set(item.id, copy(item));
    },

    async claimTimers(at, limit, leaseMs) {
      const due = [...timers.values()]
        .flatMap((set) => [...set.values()])
        .filter((t) => t.dueAt <= at)
        .sort((a, b) => a.dueAt - b.dueAt)
        .slice(0, limit);
      for (const timer of due) timer.dueAt = at + leaseMs;
      return due.map(copy);
    },

    async vaultPut(record) {
      vault.set(record.id, copy(record));
    },

    async vaultTake(id, tokenHash, at) {
      const record = vault.get(id);
      if (!record || record.tokenHash !== tokenHash || record.expiresAt <= at) return undefined;
      vault.delete(id);
      return record;
    },

    async vaultPeek(id, tokenHash, at) {
      const record = vault.get(id);
      if (!record || record.tokenHash !== tokenHash || record.expiresAt <= at) return undefined;
      return copy(record);
    },

    async putTask(task) {
      tasks.set(task.id, copy(task));
    },

    async getTask(id) {
      return copy(tasks.get(id));
    },

    async sweep(at) {
      for (const [id, row] of inbox) if (row.processed && row.expiresAt <= at) inbox.delete(id);
      for (const [id, record] of vault) if (record.expiresAt <= at) vault.delete(id);
      for (const [key, held] of locks) if (held.expiresAt <= at) locks.delete(key);
    },

    async close() {},
  };
}
