/**
 * The one behavioural contract every ConversationStore passes. Each implementation's test
 * file calls describeStoreContract with a factory; the factory receives the clock to inject
 * so retention and lock expiry can be tested without waiting.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../engine/runtime/store.js';
import { inboxEntry, outboxItem, timer, type ContractContext, type StoreFactory, type TestClock } from './stores/store-fixtures.js';
import { describeStoreDeadLetterContract } from './stores/store-dead-letter-contract.js';
import { describeStoreQueueContract } from './stores/store-queue-contract.js';
import { describeStoreSecretsContract } from './stores/store-secrets-contract.js';
import { describeStoreLaneContract } from './stores/store-lane-contract.js';
import { describeVersionStoreContract } from './stores/version-store-contract.js';

export type { StoreFactory, TestClock } from './stores/store-fixtures.js';

/** Runs the ConversationStore contract against one implementation. */
export function describeStoreContract(name: string, makeStore: StoreFactory, cleanup?: () => Promise<void>): void {
  describe(`${name} (ConversationStore contract)`, () => {
    const clock: TestClock = { t: 1_000_000, now: () => clock.t };
    const opened: ConversationStore[] = [];
    const ctx: ContractContext = {
      clock,
      async open() {
        const store = await makeStore({ now: clock.now });
        opened.push(store);
        return store;
      },
    };
    afterEach(async () => {
      clock.t = 1_000_000;
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    if (cleanup) afterAll(cleanup);

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

    describeStoreQueueContract(ctx);
    describeStoreSecretsContract(ctx);
    describeStoreLaneContract(ctx);
    describeStoreDeadLetterContract(ctx);
    describeVersionStoreContract(ctx);
  });
}
