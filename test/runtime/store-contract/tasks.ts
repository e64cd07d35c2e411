/**
 * Send-API tasks (TaskPort): put replaces, get reads back, the counting fields included.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../engine/runtime/store.js';
import { type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeTaskContract(ctx: ContractContext): void {
  describe('tasks', () => {
    it('stores, replaces and reads tasks', async () => {
      const store = await ctx.open();
      const task: TaskRecord = { id: 't1', status: 'queued', platform: 'tg', to: '1', request: { text: 'x' }, createdAt: 1, updatedAt: 1 };
      expect(await store.getTask('t1')).toBeUndefined();
      await store.putTask(task);
      expect(await store.getTask('t1')).toEqual(task);
      const sent: TaskRecord = { ...task, status: 'sent', messageIds: ['m1'], delivered: 1, updatedAt: 2, items: 1, deliveredItemIds: ['o1'], callbackQueued: true };
      await store.putTask(sent);
      expect(await store.getTask('t1')).toEqual(sent);
    });

    it('round-trips every counting field, and a put without them clears them', async () => {
      const store = await ctx.open();
      const task: TaskRecord = {
        id: 't2', status: 'queued', platform: 'tg', to: '1', request: { flow: 'menu' }, callbackUrl: 'https://example.com/cb',
        directItems: 2, items: 5, deliveredItemIds: ['a', 'b'], delivered: 2, error: 'e', createdAt: 1, updatedAt: 3,
      };
      await store.putTask(task);
      expect(await store.getTask('t2')).toEqual(task);
      // items 0 and an empty list are values, not absences.
      await store.putTask({ ...task, items: 0, deliveredItemIds: [] });
      expect(await store.getTask('t2')).toEqual({ ...task, items: 0, deliveredItemIds: [] });
      const { items: _i, directItems: _d, deliveredItemIds: _c, ...bare } = task;
      await store.putTask(bare);
      expect(await store.getTask('t2')).toEqual(bare);
    });
  });
}
