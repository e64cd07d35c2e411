import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../engine/runtime/stores/memory-store.js';
import { describeStoreContract } from '../store-contract/describe-store-contract.js';
import { inboxEntry } from '../store-contract/fixtures.js';

describeStoreContract('createMemoryStore', async ({ now }) => createMemoryStore({ now }));

describe('createMemoryStore inbox (#13)', () => {
  // pendingFor used to filter and sort every inbox row, dedup marks included, on each call:
  // with 5,000 marks, 4,000 rounds took over 3 s. It now reads an index of the conversation's
  // unprocessed entries. The bound is loose so a busy machine does not fail it.
  it('answers pendingFor and pendingKeys without scanning the processed marks', async () => {
    const store = createMemoryStore({ now: () => 1000 });
    for (let i = 0; i < 5_000; i++) {
      await store.accept(inboxEntry(`tg:${i}`, `old${i}`), 60_000);
      await store.commit({ key: `tg:${i}`, expectedRevision: 0, snapshot: {}, flowVersion: 'v', processed: { platform: 'tg', eventId: `old${i}` }, outbox: [], timers: [] });
    }
    await store.accept(inboxEntry('tg:7', 'new1'), 60_000);
    const start = performance.now();
    for (let i = 0; i < 4000; i++) {
      expect((await store.pendingFor('tg:7', 10)).map((e) => e.eventId)).toEqual(['new1']);
      expect(await store.pendingKeys(10)).toEqual(['tg:7']);
    }
    expect(performance.now() - start).toBeLessThan(1500);
  }, 20_000);
});
