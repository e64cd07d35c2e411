/**
 * Send-API callbacks (CallbackPort): one per task however often it is put, leased claims of
 * the due ones, and the outcome of each attempt.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import type { NewCallback } from '../../../engine/runtime/store.js';
import type { ContractContext } from './fixtures.js';

function callback(taskId: string, notBefore: number, over: Partial<NewCallback> = {}): NewCallback {
  return { taskId, url: `https://example.com/cb/${taskId}`, body: JSON.stringify({ task_id: taskId, status: 'sent' }), notBefore, createdAt: notBefore, ...over };
}

/** Registers the callbacks group inside the current describe. */
export function describeCallbackContract(ctx: ContractContext): void {
  describe('callbacks', () => {
    const clock = ctx.clock;

    it('keeps the first callback of a task; a second put changes nothing', async () => {
      const store = await ctx.open();
      expect(await store.getCallback('t1')).toBeUndefined();
      expect(await store.putCallback(callback('t1', clock.t))).toBe(true);
      expect(await store.putCallback(callback('t1', clock.t + 5, { body: '{"other":1}' }))).toBe(false);
      expect(await store.getCallback('t1')).toEqual({ ...callback('t1', clock.t), attempts: 0, state: 'pending' });
    });

    it('claims due callbacks oldest first, up to the limit, and hides them for the lease', async () => {
      const store = await ctx.open();
      await store.putCallback(callback('late', clock.t + 2000));
      await store.putCallback(callback('b', clock.t - 5));
      await store.putCallback(callback('a', clock.t - 10));
      await store.putCallback(callback('c', clock.t));
      const first = await store.claimCallbacks(clock.t, 2, 1000);
      expect(first.map((c) => c.taskId)).toEqual(['a', 'b']);
      expect(first[0]).toMatchObject({ url: 'https://example.com/cb/a', attempts: 0, notBefore: clock.t + 1000, state: 'pending' });
      expect((await store.claimCallbacks(clock.t, 10, 1000)).map((c) => c.taskId)).toEqual(['c']);
      expect(await store.claimCallbacks(clock.t + 999, 10, 1000)).toEqual([]);
      // The lease ran out (a crashed sender): claimed again; 'late' is not due yet.
      expect((await store.claimCallbacks(clock.t + 1000, 10, 5000)).map((c) => c.taskId).sort()).toEqual(['a', 'b', 'c']);
      expect((await store.claimCallbacks(clock.t + 2000, 10, 1000)).map((c) => c.taskId)).toEqual(['late']);
      expect(await store.claimCallbacks(clock.t, 0, 1000)).toEqual([]);
    });

    it('never claims a delivered callback again, nor puts it anew', async () => {
      const store = await ctx.open();
      await store.putCallback(callback('t1', clock.t));
      await store.claimCallbacks(clock.t, 10, 1000);
      await store.callbackDone('t1');
      expect(await store.claimCallbacks(clock.t + 5000, 10, 1000)).toEqual([]);
      expect(await store.putCallback(callback('t1', clock.t + 5000))).toBe(false);
      expect(await store.getCallback('t1')).toMatchObject({ state: 'done' });
    });

    it('reschedules a failed attempt with its count and error', async () => {
      const store = await ctx.open();
      await store.putCallback(callback('t1', clock.t));
      await store.claimCallbacks(clock.t, 10, 1000);
      await store.rescheduleCallback('t1', clock.t + 300, 1, 'receiver answered 503');
      expect(await store.claimCallbacks(clock.t + 299, 10, 1000)).toEqual([]);
      const [again] = await store.claimCallbacks(clock.t + 300, 10, 1000);
      expect(again).toMatchObject({ taskId: 't1', attempts: 1, lastError: 'receiver answered 503', notBefore: clock.t + 1300 });
    });

    it('keeps a given-up callback, never due again; outcomes of an unknown task change nothing', async () => {
      const store = await ctx.open();
      await store.putCallback(callback('t1', clock.t));
      await store.callbackFailed('t1', 8, 'gave up');
      // A late reschedule (another sender's stale attempt) does not revive it.
      await store.rescheduleCallback('t1', clock.t, 9, 'late');
      expect(await store.claimCallbacks(clock.t + 10_000, 10, 1000)).toEqual([]);
      expect(await store.getCallback('t1')).toMatchObject({ state: 'failed', attempts: 8, lastError: 'gave up' });
      await store.callbackDone('nope');
      await store.rescheduleCallback('nope', clock.t, 1, 'x');
      await store.callbackFailed('nope', 1, 'x');
      expect(await store.getCallback('nope')).toBeUndefined();
    });
  });
}
