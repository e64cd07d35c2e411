/**
 * Test data builders and types shared by the store contract suite.
 */
import type { CommitRequest, ConversationStore, InboxEntry, OutboxItem, TimerRecord, VaultRecord } from '../../../engine/runtime/store.js';

/** A clock a test can move. */
export interface TestClock {
  t: number;
  now: () => number;
}

/** Makes a fresh, empty store that reads time from `now`. */
export type StoreFactory = (options: { now: () => number }) => Promise<ConversationStore>;

/** What every contract group receives: a way to get a fresh store and the clock behind it. */
export interface ContractContext {
  clock: TestClock;
  /** Opens a fresh store; the suite closes it after the test. */
  open(): Promise<ConversationStore>;
}

/** Builds an inbox entry of a text event for `platform:conversation`. */
export function inboxEntry(key: string, eventId: string, text = 'hi'): InboxEntry {
  const [platform, conversation] = key.split(':') as [string, string];
  return {
    platform,
    eventId,
    key,
    acceptedAt: 1,
    event: { kind: 'text', text, platform, conversation, user: { id: conversation }, eventId, timestamp: 1 },
  };
}

/** Builds an outbox item of conversation tg:1, due at once. */
export function outboxItem(id: string, over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id,
    key: 'tg:1',
    platform: 'tg',
    to: '1',
    message: { kind: 'text', text: `reply ${id}` },
    seq: 0,
    attempts: 0,
    notBefore: 0,
    createdAt: 100,
    ...over,
  };
}

/** Builds a timer of `platform:conversation`. */
export function timer(key: string, timerId: string, dueAt: number): TimerRecord {
  const [platform, conversation] = key.split(':') as [string, string];
  return { key, timerId, dueAt, platform, conversation };
}

/** A vault record that expires `ttl` ms after the clock. */
export function vaultRecord(id: string, clock: TestClock, ttl = 60_000): VaultRecord {
  return { id, tokenHash: `hash-${id}`, ciphertext: `cipher-${id}`, expiresAt: clock.t + ttl };
}

/** A turn's commit for `key` at `expectedRevision`: snapshot `{ at: key }`, nothing else unless `over` adds it. */
export function turnCommit(key: string, expectedRevision: number, over: Partial<CommitRequest> = {}): CommitRequest {
  return { key, expectedRevision, snapshot: { at: key }, flowVersion: 'v1', outbox: [], timers: [], ...over };
}
