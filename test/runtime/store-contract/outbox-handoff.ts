/**
 * Replies written already claimed by their commit (CommitRequest.leaseOutboxUntil), so this
 * process's sender holds them without a claim. A one-process store must do it; a store
 * several processes share may ignore it, and then its replies are claimed as usual.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { outboxItem, turnCommit, type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeOutboxHandoffContract(ctx: ContractContext): void {
  describe('outbox handoff', () => {
    it('writes a commit\'s replies claimed until the lease when the conversation has nothing waiting', async () => {
      const store = await ctx.open();
      const replies = [outboxItem('r1', { seq: 1 }), outboxItem('r2', { seq: 2 })];
      const result = await store.commit(turnCommit('tg:1', 0, { outbox: replies, leaseOutboxUntil: 1500 }));
      expect(result.ok).toBe(true);
      if (!store.multiProcess) expect(result).toMatchObject({ leased: true });
      if (result.ok && result.leased) {
        // Nobody claims them while the lease runs; after it they are claimable like any claim's.
        expect(await store.claimOutbox(1499, 10, 500)).toEqual([]);
        expect((await store.claimOutbox(1500, 10, 500)).map((i) => i.id)).toEqual(['r1', 'r2']);
      } else {
        expect((await store.claimOutbox(1000, 10, 500)).map((i) => i.id)).toEqual(['r1', 'r2']);
      }
    });

    it('never leases replies of a conversation with items in the outbox, so they cannot overtake them', async () => {
      const store = await ctx.open();
      // An earlier reply of the same conversation waits for a retry at 3000.
      await store.enqueue([outboxItem('old', { createdAt: 10, notBefore: 3000 })]);
      const result = await store.commit(turnCommit('tg:1', 0, { outbox: [outboxItem('new', { createdAt: 20 })], leaseOutboxUntil: 1500 }));
      expect(result).toEqual({ ok: true, revision: 1 });
      expect(await store.claimOutbox(2000, 10, 500)).toEqual([]);
      expect((await store.claimOutbox(3000, 10, 500)).map((i) => i.id)).toEqual(['old', 'new']);
      // Another conversation with nothing waiting is leased meanwhile.
      const other = await store.commit(turnCommit('tg:2', 0, { outbox: [outboxItem('x', { key: 'tg:2', to: '2' })], leaseOutboxUntil: 1500 }));
      if (!store.multiProcess) expect(other).toMatchObject({ leased: true });
    });

    it('writes nothing, leased or not, when the commit conflicts', async () => {
      const store = await ctx.open();
      await store.commit(turnCommit('tg:1', 0));
      const result = await store.commit(turnCommit('tg:1', 0, { outbox: [outboxItem('r1')], leaseOutboxUntil: 1500 }));
      expect(result).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.claimOutbox(5000, 10, 500)).toEqual([]);
      expect(await store.outboxBacklog()).toEqual([]);
    });
  });
}
