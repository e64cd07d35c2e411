/**
 * Timers (TimerPort): leased claims of due timers (a commit replaces the set: conversations.ts).
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { timer, type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeTimerContract(ctx: ContractContext): void {
  describe('claimTimers', () => {
    it('claims due timers and hides them for the lease', async () => {
      const store = await ctx.open();
      await store.commit({ key: 'tg:1', expectedRevision: 0, snapshot: {}, flowVersion: 'v', outbox: [], timers: [timer('tg:1', 'a', 100), timer('tg:1', 'b', 300)] });
      expect(await store.claimTimers(200, 10, 1000)).toEqual([{ ...timer('tg:1', 'a', 1200) }]);
      expect((await store.claimTimers(300, 10, 1000)).map((t) => t.timerId)).toEqual(['b']);
      expect((await store.claimTimers(1200, 10, 1000)).map((t) => t.timerId)).toEqual(['a']);
    });
  });
}
