/**
 * The inbox part of the in-memory store. Unprocessed entries are also indexed by conversation,
 * so pendingFor costs the entries of that conversation, not a scan of every dedup mark.
 */
import type { ConversationKey } from '../../types.js';
import type { InboxEntry, InboxPort } from '../ports/inbox-port.js';
import { copy } from './memory-copy.js';

interface InboxRow {
  entry: InboxEntry;
  processed: boolean;
  /** The dedup mark may be forgotten after this time (ms), once processed. */
  expiresAt: number;
}

function inboxId(platform: string, eventId: string): string {
  return `${platform}\u0000${eventId}`;
}

/** The inbox methods, the commit's processed mark and the sweep of expired marks. */
export function memoryInbox(now: () => number) {
  const rows = new Map<string, InboxRow>();
  // Unprocessed entries by conversation, in arrival order (seq only grows, so a Map's
  // insertion order is seq order). A conversation with none has no entry here.
  const pending = new Map<ConversationKey, Map<string, InboxEntry>>();
  let seq = 0;

  const methods: InboxPort = {
    async accept(entry, retentionMs) {
      const id = inboxId(entry.platform, entry.eventId);
      const existing = rows.get(id);
      // An unprocessed entry is never expired: forgetting it would lose or double the event.
      if (existing && (!existing.processed || existing.expiresAt > now())) return 'duplicate';
      const stored = { ...copy(entry), seq: ++seq };
      rows.set(id, { entry: stored, processed: false, expiresAt: now() + retentionMs });
      let ofKey = pending.get(entry.key);
      if (!ofKey) pending.set(entry.key, (ofKey = new Map()));
      ofKey.set(id, stored);
      return 'new';
    },

    async pendingFor(key, limit) {
      const out: InboxEntry[] = [];
      for (const entry of pending.get(key)?.values() ?? []) {
        if (out.length >= limit) break;
        out.push(copy(entry));
      }
      return out;
    },

    async pendingKeys(limit) {
      // Oldest first by each conversation's oldest pending entry: one entry per conversation.
      const oldest: [ConversationKey, number][] = [];
      for (const [key, ofKey] of pending) oldest.push([key, ofKey.values().next().value!.seq!]);
      return oldest.sort((a, b) => a[1] - b[1]).slice(0, Math.max(0, limit)).map(([key]) => key);
    },
  };

  return {
    methods,
    /** Marks an entry processed, keeping only its dedup mark (the event is not needed any more). */
    markProcessed(platform: string, eventId: string): void {
      const id = inboxId(platform, eventId);
      const row = rows.get(id);
      if (!row || row.processed) return;
      row.processed = true;
      const ofKey = pending.get(row.entry.key);
      ofKey?.delete(id);
      if (ofKey?.size === 0) pending.delete(row.entry.key);
    },
    sweep(at: number): void {
      for (const [id, row] of rows) if (row.processed && row.expiresAt <= at) rows.delete(id);
    },
  };
}
