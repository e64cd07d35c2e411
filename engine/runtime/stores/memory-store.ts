/**
 * An in-process ConversationStore for tests and single-process experiments. Every method
 * does all of its work synchronously before its first await, so within one process each
 * call is atomic: commits are compare-and-set, vaultTake hands a secret out once. Each
 * concern lives in its own memory-*.ts (callbacks: memory-callbacks.ts); this file holds
 * conversations, locks, timers and tasks, and the commit that writes across the concerns.
 */
import type { ConversationKey } from '../../types.js';
import { memoryDeadLetters } from './dead-letter-rows.js';
import type { CommitRequest, CommitResult, ConversationRecord, ConversationStore, TaskRecord, TimerRecord } from '../store.js';
import { memoryCallbacks } from './memory-callbacks.js';
import { copy } from './memory-copy.js';
import { memoryInbox } from './memory-inbox.js';
import { memoryNotes } from './memory-notes.js';
import { memoryOutbox } from './memory-outbox.js';
import { memoryVault } from './memory-vault.js';
import { createMemoryVersionPorts } from './memory-versions.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Clock for inbox retention and lock expiry; default Date.now. */
  now?: () => number;
  /** Behave as a store shared by several processes (tests of multi-process behaviour). */
  multiProcess?: boolean;
}

/** Creates an empty in-memory store. */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const now = options.now ?? Date.now;
  const conversations = new Map<ConversationKey, ConversationRecord>();
  const locks = new Map<ConversationKey, { owner: string; expiresAt: number }>();
  const timers = new Map<ConversationKey, Map<string, TimerRecord>>();
  const tasks = new Map<string, TaskRecord>();
  const inbox = memoryInbox(now);
  const outbox = memoryOutbox();
  const vault = memoryVault();
  const notes = memoryNotes();

  return {
    ...memoryDeadLetters(),
    ...inbox.methods,
    ...outbox.methods,
    ...vault.methods,
    ...notes.methods,
    ...memoryCallbacks(),
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
      if (!vault.takeAll(req.vaultTakes)) return { ok: false, reason: 'conflict' };
      const revision = req.expectedRevision + 1;
      conversations.set(req.key, {
        key: req.key,
        snapshot: copy(req.snapshot),
        flowVersion: req.flowVersion,
        revision,
        updatedAt: now(),
      });
      if (req.processed) inbox.markProcessed(req.processed.platform, req.processed.eventId);
      const leased = outbox.addReplies(req.key, req.outbox, req.leaseOutboxUntil);
      if (req.timers) timers.set(req.key, new Map(req.timers.map((t) => [t.timerId, copy(t)])));
      return leased ? { ok: true, revision, leased } : { ok: true, revision };
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

    async claimTimers(at, limit, leaseMs) {
      const due = [...timers.values()]
        .flatMap((set) => [...set.values()])
        .filter((t) => t.dueAt <= at)
        .sort((a, b) => a.dueAt - b.dueAt)
        .slice(0, limit);
      for (const timer of due) timer.dueAt = at + leaseMs;
      return due.map(copy);
    },

    async putTask(task) {
      tasks.set(task.id, copy(task));
    },

    async getTask(id) {
      return copy(tasks.get(id));
    },

    async sweep(at) {
      inbox.sweep(at);
      vault.sweep(at);
      notes.sweep(at);
      for (const [key, held] of locks) if (held.expiresAt <= at) locks.delete(key);
    },

    async close() {},
  };
}
