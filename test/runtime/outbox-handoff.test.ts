import { describe, expect, it, vi } from 'vitest';
import { createRunner, builtinActions } from '../../engine/runtime/runner.js';
import { Pipeline } from '../../engine/runtime/pipeline.js';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import { RateLimiter } from '../../engine/runtime/rate-limiter.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { openSqliteStore } from '../../engine/runtime/stores/sqlite-store.js';
import { SendError } from '../../engine/errors.js';
import type { ConversationStore, OutboxItem } from '../../engine/runtime/store.js';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { COUNTER_FLOW, text } from './pipeline-harness.js';
import { useFakeClock } from '../support/fake-clock.js';

const START = 1_000_000;

/** A pipeline whose turns hand their replies to the sender, over a store that counts claims. */
async function setUp(base: ConversationStore, opts: { perSecond?: number; fail?: (item: OutboxItem) => SendError | undefined } = {}) {
  const calls = { claimed: 0 };
  const store: ConversationStore = {
    ...base,
    async claimOutbox(...args) {
      const items = await base.claimOutbox(...args);
      calls.claimed += items.length;
      return items;
    },
  };
  const delivered: OutboxItem[] = [];
  const sender = new OutboxSender({
    store,
    logger: silentLogger,
    ...(opts.perSecond ? { rateLimiter: new RateLimiter({ test: { perSecond: opts.perSecond, perConversationPerSecond: 0, burst: 1 } }, Date.now) } : {}),
    async deliver(item) {
      const err = opts.fail?.(item);
      if (err) throw err;
      delivered.push(item);
      return { messageIds: [item.id] };
    },
  });
  const bot = botFromYaml(COUNTER_FLOW);
  const runner = createRunner(bot, { actions: builtinActions(), logger: silentLogger, now: Date.now });
  const pipeline = new Pipeline({
    store,
    runner,
    logger: silentLogger,
    http: { request: async () => ({ status: 200, headers: {}, body: '' }) },
    secretKey: Buffer.alloc(32, 1),
    onCommitted: (outbox) => sender.wake(outbox),
    handoff: sender.handoff,
  });
  sender.start();
  // The first claim finds the outbox empty: from then on replies may be handed over.
  await vi.advanceTimersByTimeAsync(10);
  return { store, sender, pipeline, delivered, calls };
}

const stores: [string, () => ConversationStore][] = [
  ['memory', () => createMemoryStore({ now: Date.now })],
  ['SQLite', () => openSqliteStore({ path: ':memory:', now: Date.now })],
];

describe.each(stores)('replies handed from the commit to the sender (%s store)', (_name, open) => {
  useFakeClock(START, ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']);

  it('delivers every reply without claiming it back from the store, and leaves the outbox empty', async () => {
    const { store, sender, pipeline, delivered, calls } = await setUp(open());
    await Promise.all(Array.from({ length: 50 }, (_, i) => pipeline.ingest([text(`u${i}`, 'hi')])));
    await pipeline.idle();
    await vi.advanceTimersByTimeAsync(50);
    expect(delivered).toHaveLength(50);
    expect(calls.claimed).toBe(0);
    expect(await store.outboxBacklog()).toEqual([]);
    await sender.stop();
    await store.close();
  });

  it('keeps first come, first served at a rate limit: replies committed while others wait unclaimed go after them', async () => {
    // 10/s holds 20 (2 s of the rate): the first 20 are handed over, the rest go to the store.
    const { store, sender, pipeline, delivered, calls } = await setUp(open(), { perSecond: 10 });
    for (let i = 0; i < 60; i++) await pipeline.ingest([text(`u${i}`, 'hi')]);
    await pipeline.idle();
    // More users write, one every 250 ms, while the backlog is still in the store: the
    // sender's queue has room now and then, but their replies must wait their turn.
    for (let i = 60; i < 70; i++) {
      await vi.advanceTimersByTimeAsync(250);
      await pipeline.ingest([text(`u${i}`, 'hi')]);
      await pipeline.idle();
    }
    await vi.advanceTimersByTimeAsync(8_000);
    expect(delivered.map((d) => d.to)).toEqual(Array.from({ length: 70 }, (_, i) => `u${i}`));
    expect(calls.claimed).toBeGreaterThan(0);
    expect(calls.claimed).toBeLessThan(70);
    await sender.stop();
    await store.close();
  });

  it('does not hand over a reply while an earlier one of its conversation waits for a retry', async () => {
    let failures = 0;
    const fail = (item: OutboxItem) =>
      item.to === 'a' && failures++ === 0 ? new SendError('429', { status: 429, retryable: true, retryAfterMs: 3_000 }) : undefined;
    const { store, sender, pipeline, delivered } = await setUp(open(), { fail });
    await pipeline.ingest([text('a', 'first')]);
    await pipeline.idle();
    await vi.advanceTimersByTimeAsync(100);
    // "1 first" failed and waits 3 s; the next reply of "a" must not overtake it.
    await pipeline.ingest([text('a', 'second')]);
    await pipeline.ingest([text('b', 'hi')]);
    await pipeline.idle();
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered.map((d) => `${d.to}:${(d.message as { text: string }).text}`)).toEqual(['b:1 hi']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(delivered.map((d) => `${d.to}:${(d.message as { text: string }).text}`)).toEqual(['b:1 hi', 'a:1 first', 'a:2 second']);
    await sender.stop();
    await store.close();
  });
});
