/**
 * The second half of the ConversationStore contract: inbox, locks, outbox, timers, vault,
 * tasks and sweep. Called from describeStoreContract (test/runtime/store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { inboxEntry, outboxItem, timer, vaultRecord, type ContractContext } from './store-fixtures.js';

/** Registers the inbox/lock/outbox/timer/vault/task groups inside the current describe. */
export function describeStoreQueueContract(ctx: ContractContext): void {
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
  });

  describe('lock and unlock', () => {
    it('gives the lock to one owner at a time', async () => {
      const store = await ctx.open();
      expect(await store.lock('tg:1', 'a', 1000)).toBe(true);
      expect(await store.lock('tg:1', 'b', 1000)).toBe(false);
      expect(await store.lock('tg:2', 'b', 1000)).toBe(true);
    });

    it('lets the holder take it again and extends it', async () => {
      const store = await ctx.open();
      await store.lock('tg:1', 'a', 1000);
      clock.t += 900;
      expect(await store.lock('tg:1', 'a', 1000)).toBe(true);
      clock.t += 900;
      expect(await store.lock('tg:1', 'b', 1000)).toBe(false);
    });

    it('frees an expired lock for another owner', async () => {
      const store = await ctx.open();
      await store.lock('tg:1', 'a', 1000);
      clock.t += 1000;
      expect(await store.lock('tg:1', 'b', 1000)).toBe(true);
      expect(await store.lock('tg:1', 'a', 1000)).toBe(false);
    });

    it('releases only for the holder', async () => {
      const store = await ctx.open();
      await store.lock('tg:1', 'a', 1000);
      await store.unlock('tg:1', 'b');
      expect(await store.lock('tg:1', 'b', 1000)).toBe(false);
      await store.unlock('tg:1', 'a');
      expect(await store.lock('tg:1', 'b', 1000)).toBe(true);
    });
  });

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

  describe('claimTimers', () => {
    it('claims due timers and hides them for the lease', async () => {
      const store = await ctx.open();
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', outbox: [], timers: [timer('tg:1', 'a', 100), timer('tg:1', 'b', 300)] });
      expect(await store.claimTimers(200, 10, 1000)).toEqual([{ ...timer('tg:1', 'a', 1200) }]);
      expect((await store.claimTimers(300, 10, 1000)).map((t) => t.timerId)).toEqual(['b']);
      expect((await store.claimTimers(1200, 10, 1000)).map((t) => t.timerId)).toEqual(['a']);
    });
  });

  describe('vault', () => {
    it('hands a secret out exactly once among concurrent takers', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock));
      const taken = await Promise.all([1, 2, 3, 4].map(() => store.vaultTake('v1', 'hash-v1', clock.t)));
      expect(taken.filter(Boolean)).toEqual([vaultRecord('v1', clock)]);
    });

    it('leaves the secret in place for a wrong token', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock));
      expect(await store.vaultTake('v1', 'hash-wrong', clock.t)).toBeUndefined();
      expect(await store.vaultTake('v1', 'hash-v1', clock.t)).toEqual(vaultRecord('v1', clock));
    });

    it('does not hand out an expired secret', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock, 1000));
      expect(await store.vaultTake('v1', 'hash-v1', clock.t + 1000)).toBeUndefined();
      expect(await store.vaultTake('missing', 'hash-missing', clock.t)).toBeUndefined();
    });
  });

  describe('tasks', () => {
    it('stores, replaces and reads tasks', async () => {
      const store = await ctx.open();
      const task = { id: 't1', status: 'queued' as const, platform: 'tg', to: '1', request: { text: 'x' }, createdAt: 1, updatedAt: 1 };
      expect(await store.getTask('t1')).toBeUndefined();
      await store.putTask(task);
      expect(await store.getTask('t1')).toEqual(task);
      const sent = { ...task, status: 'sent' as const, messageIds: ['m1'], updatedAt: 2, callbackAttempts: 1, callbackDone: true };
      await store.putTask(sent);
      expect(await store.getTask('t1')).toEqual(sent);
    });
  });

  describe('sweep', () => {
    it('forgets expired inbox marks so the event is new again', async () => {
      const store = await ctx.open();
      await store.accept(inboxEntry('tg:1', 'e1'), 1000);
      await store.accept(inboxEntry('tg:1', 'e2'), 1000);
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', processed: { platform: 'tg', eventId: 'e1' }, outbox: [], timers: [] });
      // Sweep with a later time than the store's clock: only a deleted mark reads as new now.
      await store.sweep(clock.t + 1000);
      expect(await store.accept(inboxEntry('tg:1', 'e1'), 1000)).toBe('new');
      expect(await store.accept(inboxEntry('tg:1', 'e2'), 1000)).toBe('duplicate');
    });

    it('deletes expired vault secrets and keeps live ones', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('old', clock, 1000));
      await store.vaultPut(vaultRecord('live', clock, 5000));
      await store.sweep(clock.t + 1000);
      expect(await store.vaultTake('old', 'hash-old', clock.t)).toBeUndefined();
      expect(await store.vaultTake('live', 'hash-live', clock.t)).toBeDefined();
    });
  });
}
