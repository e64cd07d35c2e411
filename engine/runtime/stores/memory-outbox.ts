/** The outbox part of the in-memory store: items by id, and the failed ones newest first. */
import { wipeSealed } from '../seal.js';
import type { OutboxBacklog, OutboxItem, OutboxPort } from '../ports/outbox-port.js';
import { copy } from './memory-copy.js';

interface FailedRow {
  item: OutboxItem & { error: string };
  /** Insertion counter, so "newest first" is stable even when the clock stands still. */
  order: number;
}

function byCreatedThenSeq(a: OutboxItem, b: OutboxItem): number {
  return a.createdAt - b.createdAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The outbox methods, and `addReplies` for a commit's replies. */
export function memoryOutbox() {
  const outbox = new Map<string, OutboxItem>();
  const failed: FailedRow[] = [];
  let failedOrder = 0;
  // Items per conversation, so a commit can tell whether its conversation has any waiting.
  const perKey = new Map<string, number>();
  const add = (items: OutboxItem[]): void => {
    for (const item of items) {
      if (!outbox.has(item.id)) perKey.set(item.key, (perKey.get(item.key) ?? 0) + 1);
      outbox.set(item.id, copy(item));
    }
  };
  const remove = (item: OutboxItem): void => {
    outbox.delete(item.id);
    const left = (perKey.get(item.key) ?? 1) - 1;
    if (left > 0) perKey.set(item.key, left);
    else perKey.delete(item.key);
  };
  /**
   * A commit's replies: claimed until `until` (given and their conversation has nothing in
   * the outbox), else unclaimed. True when they were written claimed.
   */
  const addReplies = (key: string, items: OutboxItem[], until: number | undefined): boolean => {
    const leased = until !== undefined && items.length > 0 && !perKey.has(key);
    add(leased ? items.map((item) => ({ ...item, notBefore: until })) : items);
    return leased;
  };
  const methods: OutboxPort = {
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
      const item = outbox.get(id);
      if (item) remove(item);
    },

    async reschedule(id, notBefore, attempts) {
      const item = outbox.get(id);
      if (item) Object.assign(item, { notBefore, attempts });
    },

    async markFailed(id, error) {
      const item = outbox.get(id);
      if (!item) return;
      remove(item);
      failed.push({ item: { ...item, message: wipeSealed(item.message), error }, order: ++failedOrder });
    },

    async failedOutbox(limit) {
      return [...failed]
        .sort((a, b) => b.order - a.order)
        .slice(0, limit)
        .map((r) => copy(r.item));
    },

    async enqueue(items) {
      add(items);
    },
  };
  return { methods, addReplies };
}
