/**
 * Conversations (ConversationPort): load, the compare-and-set commit that writes across
 * the concerns, and the conversation lock.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { inboxEntry, outboxItem, timer, type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeConversationContract(ctx: ContractContext): void {
  const { clock } = ctx;

  describe('load and commit', () => {
    it('loads undefined for a conversation that never committed', async () => {
      const store = await ctx.open();
      expect(await store.load('tg:nobody')).toBeUndefined();
    });

    it('loads what the last commit wrote, with revision and time', async () => {
      const store = await ctx.open();
      const snapshot = { value: 'ask', context: { name: 'Ana', tags: ['a'], n: 1.5 } };
      expect(await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot, flowVersion: 'v1', outbox: [], timers: [] }))
        .toEqual({ ok: true, revision: 1 });
      clock.t += 5;
      expect(await store.commit({ key: 'tg:1', expectedRevision: 1, snapshot: { value: 'done' }, flowVersion: 'v2', outbox: [], timers: [] }))
        .toEqual({ ok: true, revision: 2 });
      expect(await store.load('tg:1')).toEqual({
        key: 'tg:1', snapshot: { value: 'done' }, flowVersion: 'v2', revision: 2, updatedAt: clock.t,
      });
    });

    it('lets exactly one of two commits from the same revision win', async () => {
      const store = await ctx.open();
      const base = { key: 'tg:1', flowVersion: 'v1', outbox: [], timers: [] };
      await store.commit({ ...base, expectedRevision: 0, snapshot: 0 });
      const results = await Promise.all([
        store.commit({ ...base, expectedRevision: 1, snapshot: 'a' }),
        store.commit({ ...base, expectedRevision: 1, snapshot: 'b' }),
      ]);
      expect(results.filter((r) => r.ok)).toEqual([{ ok: true, revision: 2 }]);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'conflict' }]);
      const winner = results[0]!.ok ? 'a' : 'b';
      expect((await store.load('tg:1'))?.snapshot).toBe(winner);
    });

    it('rejects a first commit when the conversation already exists', async () => {
      const store = await ctx.open();
      const req = { key: 'tg:1', expectedRevision: 0, snapshot: 1, flowVersion: 'v1', outbox: [], timers: [] };
      await store.commit(req);
      expect(await store.commit(req)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.commit({ ...req, expectedRevision: 5 })).toEqual({ ok: false, reason: 'conflict' });
    });

    it('applies the inbox mark, outbox items and timers together', async () => {
      const store = await ctx.open();
      await store.accept(inboxEntry('tg:1', 'e1'), 60_000);
      const result = await store.commit({
        key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v1',
        processed: { platform: 'tg', eventId: 'e1' },
        outbox: [outboxItem('o1', { seq: 0 }), outboxItem('o2', { seq: 1 })],
        timers: [timer('tg:1', 'remind', clock.t + 10)],
      });
      expect(result.ok).toBe(true);
      expect(await store.pendingFor('tg:1', 10)).toEqual([]);
      expect(await store.pendingKeys(10)).toEqual([]);
      expect((await store.claimOutbox(clock.t, 10, 1000)).map((i) => i.id)).toEqual(['o1', 'o2']);
      expect(await store.claimTimers(clock.t + 10, 10, 1000)).toEqual([
        { ...timer('tg:1', 'remind', 0), dueAt: clock.t + 10 + 1000 },
      ]);
    });

    it('writes nothing of a conflicting commit', async () => {
      const store = await ctx.open();
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: 'kept', flowVersion: 'v1', outbox: [], timers: [] });
      await store.accept(inboxEntry('tg:1', 'e1'), 60_000);
      const result = await store.commit({
        key: 'tg:1', expectedRevision: 0, snapshot: 'lost', flowVersion: 'v1',
        processed: { platform: 'tg', eventId: 'e1' },
        outbox: [outboxItem('o1')],
        timers: [timer('tg:1', 'remind', 0)],
      });
      expect(result.ok).toBe(false);
      expect((await store.load('tg:1'))?.snapshot).toBe('kept');
      expect((await store.pendingFor('tg:1', 10)).map((e) => e.eventId)).toEqual(['e1']);
      expect(await store.claimOutbox(clock.t, 10, 1000)).toEqual([]);
      expect(await store.claimTimers(clock.t, 10, 1000)).toEqual([]);
    });

    it('replaces the conversation\'s timers with the committed set', async () => {
      const store = await ctx.open();
      const base = { flowVersion: 'v1', snapshot: {}, outbox: [] };
      await store.commit({ ...base, key: 'tg:1', expectedRevision: 0, timers: [timer('tg:1', 'a', 10), timer('tg:1', 'b', 20)] });
      await store.commit({ ...base, key: 'tg:2', expectedRevision: 0, timers: [timer('tg:2', 'a', 15)] });
      await store.commit({ ...base, key: 'tg:1', expectedRevision: 1, timers: [timer('tg:1', 'c', 30)] });
      const due = await store.claimTimers(100, 10, 1000);
      expect(due.map((t) => `${t.key}/${t.timerId}`)).toEqual(['tg:2/a', 'tg:1/c']);
    });

    it('keeps the conversation\'s timers when a commit gives none (a skipped event)', async () => {
      const store = await ctx.open();
      const base = { flowVersion: 'v1', snapshot: {}, outbox: [] };
      await store.commit({ ...base, key: 'tg:1', expectedRevision: 0, timers: [timer('tg:1', 'a', 10)] });
      expect(await store.commit({ ...base, key: 'tg:1', expectedRevision: 1 })).toEqual({ ok: true, revision: 2 });
      const due = await store.claimTimers(100, 10, 1000);
      expect(due.map((t) => `${t.key}/${t.timerId}`)).toEqual(['tg:1/a']);
    });
  });

  describe('lock and unlock', () => {
    // Each test is a script over one store: lock (with the result expected, where the test
    // checks it; every lease is 1000 ms), unlock, or move the clock on.
    type LockStep = ['lock', string, string, boolean?] | ['unlock', string, string] | ['advance', number];
    it.each<[string, LockStep[]]>([
      ['gives the lock to one owner at a time', [['lock', 'tg:1', 'a', true], ['lock', 'tg:1', 'b', false], ['lock', 'tg:2', 'b', true]]],
      ['lets the holder take it again and extends it', [['lock', 'tg:1', 'a'], ['advance', 900], ['lock', 'tg:1', 'a', true], ['advance', 900], ['lock', 'tg:1', 'b', false]]],
      ['frees an expired lock for another owner', [['lock', 'tg:1', 'a'], ['advance', 1000], ['lock', 'tg:1', 'b', true], ['lock', 'tg:1', 'a', false]]],
      ['releases only for the holder', [['lock', 'tg:1', 'a'], ['unlock', 'tg:1', 'b'], ['lock', 'tg:1', 'b', false], ['unlock', 'tg:1', 'a'], ['lock', 'tg:1', 'b', true]]],
    ])('%s', async (_title, steps) => {
      const store = await ctx.open();
      for (const step of steps) {
        if (step[0] === 'advance') clock.t += step[1];
        else if (step[0] === 'unlock') await store.unlock(step[1], step[2]);
        else {
          const got = await store.lock(step[1], step[2], 1000);
          if (step[3] !== undefined) expect(got).toBe(step[3]);
        }
      }
    });
  });
}
