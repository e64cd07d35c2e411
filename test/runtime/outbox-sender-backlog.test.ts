import { describe, expect, it, vi } from 'vitest';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import { RateLimiter } from '../../engine/runtime/rate-limiter.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { ConversationStore, OutboxItem } from '../../engine/runtime/store.js';
import { useFakeClock } from '../support/fake-clock.js';

const START = 1_000_000;

function item(key: string, n: number, over: Partial<OutboxItem> = {}): OutboxItem {
  return { id: `${key}-${n}`, key, platform: 'p', to: key, message: { kind: 'text', text: `${key}-${n}` }, seq: n, attempts: 0, notBefore: 0, createdAt: START + n, ...over };
}

/** A memory store that counts the calls that write to the outbox. */
function countingStore() {
  const store = createMemoryStore({ now: Date.now });
  const calls = { claims: 0, claimed: 0, reschedules: 0, sent: 0 };
  const counted: ConversationStore = {
    ...store,
    async claimOutbox(...args) {
      calls.claims++;
      const items = await store.claimOutbox(...args);
      calls.claimed += items.length;
      return items;
    },
    async reschedule(...args) {
      calls.reschedules++;
      return store.reschedule(...args);
    },
    async markSent(id) {
      calls.sent++;
      return store.markSent(id);
    },
  };
  return { store: counted, calls };
}

function senderOn(store: ConversationStore, perSecond: number, extra: Partial<ConstructorParameters<typeof OutboxSender>[0]> = {}) {
  const sent: OutboxItem[] = [];
  const sender = new OutboxSender({
    store,
    logger: silentLogger,
    rateLimiter: new RateLimiter({ p: { perSecond, perConversationPerSecond: 0, burst: 1 } }, Date.now),
    async deliver(it) {
      sent.push(it);
      return { messageIds: [it.id] };
    },
    ...extra,
  });
  return { sender, sent };
}

describe('OutboxSender with a backlog (fake clock)', () => {
  useFakeClock(START);

  it('sends 10,000 waiting items at the platform rate, oldest first, without rewriting the waiting ones', async () => {
    const { store, calls } = countingStore();
    await store.enqueue(Array.from({ length: 10_000 }, (_, i) => item(`c${i}`, i)));
    const { sender, sent } = senderOn(store, 30);
    sender.start();
    await vi.advanceTimersByTimeAsync(10_000);
    await sender.stop();
    // 30 tokens at once (the bucket's capacity), then 30 per second.
    expect(sent.length).toBeGreaterThanOrEqual(300);
    expect(sent.length).toBeLessThanOrEqual(331);
    expect(sent.map((i) => i.seq)).toEqual([...sent.map((i) => i.seq)].sort((a, b) => a - b));
    // No item is rewritten while it waits: the only outbox writes are the claims' leases of
    // what is about to go (at most the 2 s the sender holds, 60 items, beyond what was sent)
    // and the removal of what was sent.
    expect(calls.reschedules).toBe(0);
    expect(calls.claimed).toBeLessThanOrEqual(sent.length + 60);
    expect(calls.sent).toBe(sent.length);
    // Claims come in batches and polls (one a second), not one per waiting item.
    expect(calls.claims).toBeLessThan(150);
  });

  it('sends replies to users before a waiting broadcast, which gets the rest of the rate', async () => {
    const { store } = countingStore();
    await store.enqueue(Array.from({ length: 200 }, (_, i) => item(`b${i}`, i, { proactive: true })));
    const { sender, sent } = senderOn(store, 10);
    sender.start();
    await vi.advanceTimersByTimeAsync(2_000);
    const before = sent.length;
    expect(sent.every((i) => i.proactive)).toBe(true);
    const replies = Array.from({ length: 10 }, (_, i) => item(`u${i}`, 1000 + i, { createdAt: Date.now() }));
    await store.enqueue(replies);
    sender.wake(replies);
    await vi.advanceTimersByTimeAsync(1_000);
    const after = sent.slice(before);
    // Every token after the replies arrived went to them (10 tokens in the second).
    expect(after.slice(0, 10).map((i) => i.key)).toEqual(replies.map((r) => r.key));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent.slice(before + 10).every((i) => i.proactive)).toBe(true);
    await sender.stop();
  });

  it('gives proactive sends their configured share while replies wait too', async () => {
    const { store } = countingStore();
    const broadcast = Array.from({ length: 50 }, (_, i) => item(`b${i}`, i, { proactive: true }));
    const replies = Array.from({ length: 50 }, (_, i) => item(`u${i}`, 100 + i));
    await store.enqueue([...broadcast, ...replies]);
    const { sender, sent } = senderOn(store, 10, { proactiveShare: 0.5 });
    sender.start();
    await vi.advanceTimersByTimeAsync(3_000);
    await sender.stop();
    // Past the first claim (which held only broadcast items), replies and broadcast alternate.
    const tail = sent.slice(-20);
    expect(tail.filter((i) => i.proactive).length).toBe(10);
  });

  it('keeps one order for both kinds when priority is arrival', async () => {
    const { store } = countingStore();
    await store.enqueue([item('u1', 2), item('b1', 1, { proactive: true }), item('u2', 4), item('b2', 3, { proactive: true })]);
    const { sender, sent } = senderOn(store, 1, { priority: 'arrival' });
    sender.start();
    await vi.advanceTimersByTimeAsync(5_000);
    await sender.stop();
    expect(sent.map((i) => i.key)).toEqual(['b1', 'u1', 'b2', 'u2']);
  });

  it('sends a conversation\'s replies in order at its own rate while other conversations go on', async () => {
    const { store } = countingStore();
    await store.enqueue([item('a', 1), item('a', 2), item('a', 3), item('b', 4), item('a', 5, { proactive: true })]);
    const sent: string[] = [];
    const sender = new OutboxSender({
      store,
      logger: silentLogger,
      rateLimiter: new RateLimiter({ p: { perSecond: 100, perConversationPerSecond: 1, burst: 1 } }, Date.now),
      async deliver(it) {
        sent.push(`${it.id}@${Date.now() - START}`);
        return { messageIds: [it.id] };
      },
    });
    sender.start();
    await vi.advanceTimersByTimeAsync(4_500);
    await sender.stop();
    expect(sent).toEqual(['a-1@0', 'b-4@0', 'a-2@1000', 'a-3@2000', 'a-5@3000']);
  });
});
