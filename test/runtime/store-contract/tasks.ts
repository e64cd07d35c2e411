/**
 * Send-API tasks (TaskPort): put replaces, get reads back.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeTaskContract(ctx: ContractContext): void {
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
}
