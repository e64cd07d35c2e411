/**
 * The inbox (InboxPort): accept with dedup and retention, and the pending queues.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { inboxEntry, type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeInboxContract(ctx: ContractContext): void {
  const { clock } = ctx;

  describe('accept', () => {
    it('accepts an event once and reports repeats as duplicate', async () => {
      const store = await ctx.open();
      expect(await store.accept(inboxEntry('tg:1', 'e1'), 60_000)).toBe('new');
      expect(await store.accept(inboxEntry('tg:1', 'e1'), 60_000)).toBe('duplicate');
      expect(await store.accept(inboxEntry('wa:1', 'e1'), 60_000)).toBe('new');
    });

    it('stores the event with an increasing sequence number', async () => {
      const store = await ctx.open();
      await store.accept(inboxEntry('tg:1', 'e1', 'one'), 60_000);
      await store.accept({ ...inboxEntry('tg:1', 'e2', 'two'), seq: 999 }, 60_000);
      const [a, b] = await store.pendingFor('tg:1', 10);
      expect(a).toMatchObject({ ...inboxEntry('tg:1', 'e1', 'one') });
      expect(b!.event).toMatchObject({ kind: 'text', text: 'two' });
      expect(b!.seq).toBeGreaterThan(a!.seq!);
    });

    it('accepts a processed event again once its retention has ended', async () => {
      const store = await ctx.open();
      await store.accept(inboxEntry('tg:1', 'e1'), 1000);
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', processed: { platform: 'tg', eventId: 'e1' }, outbox: [], timers: [] });
      clock.t += 999;
      expect(await store.accept(inboxEntry('tg:1', 'e1'), 1000)).toBe('duplicate');
      clock.t += 1;
      expect(await store.accept(inboxEntry('tg:1', 'e1'), 1000)).toBe('new');
      expect((await store.pendingFor('tg:1', 10)).map((e) => e.eventId)).toEqual(['e1']);
    });

    it('keeps an unprocessed event a duplicate past its retention', async () => {
      const store = await ctx.open();
      await store.accept(inboxEntry('tg:1', 'e1'), 1000);
      clock.t += 5000;
      expect(await store.accept(inboxEntry('tg:1', 'e1'), 1000)).toBe('duplicate');
      expect(await store.pendingFor('tg:1', 10)).toHaveLength(1);
    });
  });

  describe('pendingFor and pendingKeys', () => {
    it('lists one conversation\'s unprocessed entries in arrival order, up to the limit', async () => {
      const store = await ctx.open();
      for (const [key, id] of [['tg:1', 'c'], ['tg:2', 'x'], ['tg:1', 'a'], ['tg:1', 'b']] as const) {
        await store.accept(inboxEntry(key, id), 60_000);
      }
      expect((await store.pendingFor('tg:1', 10)).map((e) => e.eventId)).toEqual(['c', 'a', 'b']);
      expect((await store.pendingFor('tg:1', 2)).map((e) => e.eventId)).toEqual(['c', 'a']);
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', processed: { platform: 'tg', eventId: 'c' }, outbox: [], timers: [] });
      expect((await store.pendingFor('tg:1', 10)).map((e) => e.eventId)).toEqual(['a', 'b']);
    });

    it('lists conversations with pending work, oldest first', async () => {
      const store = await ctx.open();
      await store.accept(inboxEntry('tg:2', 'e1'), 60_000);
      await store.accept(inboxEntry('tg:1', 'e2'), 60_000);
      await store.accept(inboxEntry('tg:2', 'e3'), 60_000);
      await store.accept(inboxEntry('tg:3', 'e4'), 60_000);
      expect(await store.pendingKeys(10)).toEqual(['tg:2', 'tg:1', 'tg:3']);
      expect(await store.pendingKeys(2)).toEqual(['tg:2', 'tg:1']);
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', processed: { platform: 'tg', eventId: 'e2' }, outbox: [], timers: [] });
      expect(await store.pendingKeys(10)).toEqual(['tg:2', 'tg:3']);
    });

    it('orders conversations by their oldest entry still pending, after one was processed out of turn', async () => {
      const store = await ctx.open();
      await store.accept(inboxEntry('tg:1', 'e1'), 60_000);
      await store.accept(inboxEntry('tg:2', 'e2'), 60_000);
      await store.accept(inboxEntry('tg:1', 'e3'), 60_000);
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', processed: { platform: 'tg', eventId: 'e1' }, outbox: [], timers: [] });
      expect(await store.pendingKeys(10)).toEqual(['tg:2', 'tg:1']);
      expect((await store.pendingFor('tg:1', 10)).map((e) => e.eventId)).toEqual(['e3']);
      expect(await store.pendingFor('tg:9', 10)).toEqual([]);
    });
  });
}
