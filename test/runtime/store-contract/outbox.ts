/**
 * The outbox (OutboxPort): claims in order with head-of-line blocking, leases, retries,
 * failed items, the fields of send-API task items and sealed replies.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { outboxItem, turnCommit, type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeOutboxContract(ctx: ContractContext): void {
  const { clock } = ctx;

  describe('outbox', () => {
    it('claims due items in (createdAt, seq) order up to the limit', async () => {
      const store = await ctx.open();
      await store.enqueue([
        outboxItem('late', { key: 'tg:3', to: '3', createdAt: 200, seq: 0 }),
        outboxItem('b', { key: 'tg:4', to: '4', createdAt: 100, seq: 1 }),
        outboxItem('future', { key: 'tg:2', to: '2', createdAt: 50, notBefore: 5000 }),
        outboxItem('a', { createdAt: 100, seq: 0 }),
      ]);
      expect((await store.claimOutbox(1000, 2, 100)).map((i) => i.id)).toEqual(['a', 'b']);
      expect((await store.claimOutbox(1000, 10, 100)).map((i) => i.id)).toEqual(['late']);
    });

    it('keeps a conversation\'s items behind its first waiting one (head-of-line)', async () => {
      const store = await ctx.open();
      await store.enqueue([
        outboxItem('a1', { createdAt: 100, seq: 1 }),
        outboxItem('a2', { createdAt: 100, seq: 2 }),
        outboxItem('a3', { createdAt: 101, seq: 0 }),
        outboxItem('b1', { key: 'tg:2', to: '2', createdAt: 100, seq: 3 }),
      ]);
      expect((await store.claimOutbox(1000, 1, 500)).map((i) => i.id)).toEqual(['a1']);
      // a1 is leased (in flight): a2 and a3 wait behind it, the other conversation goes on.
      expect((await store.claimOutbox(1000, 10, 500)).map((i) => i.id)).toEqual(['b1']);
      await store.markSent('b1');
      // a1 failed and waits for a retry at 3000: still nothing of that conversation.
      await store.reschedule('a1', 3000, 1);
      expect(await store.claimOutbox(2000, 10, 500)).toEqual([]);
      expect((await store.claimOutbox(3000, 10, 500)).map((i) => i.id)).toEqual(['a1', 'a2', 'a3']);
      await store.markSent('a1');
      await store.reschedule('a2', 9000, 1);
      expect(await store.claimOutbox(4000, 10, 500)).toEqual([]);
    });

    it('keeps the whole item through enqueue and claim', async () => {
      const store = await ctx.open();
      const item = outboxItem('o1', { taskId: 't1', message: { kind: 'options', text: 'Pick', options: [{ id: 'x', title: 'X' }] } });
      await store.enqueue([item]);
      expect(await store.claimOutbox(1000, 10, 500)).toEqual([{ ...item, notBefore: 1500 }]);
    });

    it('does not claim a claimed item again until its lease ends', async () => {
      const store = await ctx.open();
      await store.enqueue([outboxItem('o1')]);
      expect(await store.claimOutbox(1000, 10, 500)).toHaveLength(1);
      expect(await store.claimOutbox(1499, 10, 500)).toEqual([]);
      expect((await store.claimOutbox(1500, 10, 500)).map((i) => i.id)).toEqual(['o1']);
    });

    it('reschedules an item with its new attempt count', async () => {
      const store = await ctx.open();
      await store.enqueue([outboxItem('o1')]);
      await store.claimOutbox(1000, 10, 500);
      await store.reschedule('o1', 3000, 1);
      expect(await store.claimOutbox(2999, 10, 500)).toEqual([]);
      expect(await store.claimOutbox(3000, 10, 500)).toMatchObject([{ id: 'o1', attempts: 1 }]);
    });

    it('removes a sent item', async () => {
      const store = await ctx.open();
      await store.enqueue([outboxItem('o1'), outboxItem('o2', { seq: 1 })]);
      await store.markSent('o1');
      expect((await store.claimOutbox(1000, 10, 0)).map((i) => i.id)).toEqual(['o2']);
    });

    it('moves a failed item to the failed list, newest first', async () => {
      const store = await ctx.open();
      await store.enqueue([outboxItem('o1'), outboxItem('o2', { seq: 1 }), outboxItem('o3', { seq: 2 })]);
      await store.markFailed('o1', 'blocked by user');
      clock.t += 1;
      await store.markFailed('o2', 'bad request');
      expect((await store.claimOutbox(1000, 10, 0)).map((i) => i.id)).toEqual(['o3']);
      const failed = await store.failedOutbox(10);
      expect(failed.map((f) => [f.id, f.error])).toEqual([['o2', 'bad request'], ['o1', 'blocked by user']]);
      expect(failed[1]).toMatchObject({ ...outboxItem('o1'), error: 'blocked by user' });
      expect(await store.failedOutbox(1)).toHaveLength(1);
    });
  });

  // Send-API task reporting reads taskItems off a delivered item when the task itself has no
  // count yet (app/send-api/task-reports.ts), so every store must give both fields back.
  describe('outbox items of a send-API task', () => {
    it('keeps taskId and taskItems of a committed item through claimOutbox', async () => {
      const store = await ctx.open();
      const item = outboxItem('o1', { taskId: 't1', taskItems: 3 });
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v1', outbox: [item], timers: [] });
      const claimed = await store.claimOutbox(clock.t, 10, 1000);
      expect(claimed).toEqual([{ ...item, notBefore: clock.t + 1000 }]);
      expect(claimed[0]).toMatchObject({ taskId: 't1', taskItems: 3 });
    });

    it('keeps taskId and taskItems of an enqueued item through claimOutbox and failedOutbox', async () => {
      const store = await ctx.open();
      await store.enqueue([outboxItem('o1', { taskId: 't1', taskItems: 2 })]);
      expect(await store.claimOutbox(clock.t, 10, 1000)).toMatchObject([{ id: 'o1', taskId: 't1', taskItems: 2 }]);
      await store.markFailed('o1', 'blocked by user');
      expect(await store.failedOutbox(10)).toMatchObject([{ id: 'o1', taskId: 't1', taskItems: 2, error: 'blocked by user' }]);
    });

    it('returns an item of no task without taskId or taskItems (absent, not null)', async () => {
      const store = await ctx.open();
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v1', outbox: [outboxItem('o1')], timers: [] });
      await store.enqueue([outboxItem('o2', { seq: 1 })]);
      const claimed = await store.claimOutbox(clock.t, 10, 1000);
      expect(claimed.map((i) => i.id)).toEqual(['o1', 'o2']);
      await store.markFailed('o2', 'bad request');
      for (const item of [...claimed, ...(await store.failedOutbox(10))]) {
        expect(item).not.toHaveProperty('taskId');
        expect(item).not.toHaveProperty('taskItems');
      }
    });
  });

  describe('sealed replies', () => {
    const sealed = { kind: 'sealed' as const, sealed: 'AbC-_123' };

    it('hands a sealed message to the sender as written', async () => {
      const store = await ctx.open();
      await store.commit(turnCommit('tg:1', 0, { outbox: [outboxItem('o1', { message: sealed })] }));
      expect((await store.claimOutbox(clock.t, 10, 1000))[0]?.message).toEqual(sealed);
    });

    it('keeps a given-up sealed message wiped and a plain one as it was', async () => {
      const store = await ctx.open();
      await store.enqueue([outboxItem('s1', { message: sealed }), outboxItem('p1', { seq: 1 })]);
      await store.markFailed('s1', 'refused');
      await store.markFailed('p1', 'refused');
      const failed = await store.failedOutbox(10);
      expect(failed.find((f) => f.id === 's1')).toMatchObject({ message: { kind: 'sealed', sealed: '' }, error: 'refused', seq: 0 });
      expect(failed.find((f) => f.id === 'p1')?.message).toEqual(outboxItem('p1').message);
    });
  });
}
