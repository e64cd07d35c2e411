/**
 * The vault (VaultPort): take once, wrong tokens, expiry, and takes that commit with their turn.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { outboxItem, turnCommit, vaultRecord, type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeVaultContract(ctx: ContractContext): void {
  const { clock } = ctx;

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

  describe('vault takes in a commit', () => {
    it('vaultPeek reads a secret without taking it (and not with a wrong token or after expiry)', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock, 1000));
      expect(await store.vaultPeek('v1', 'hash-v1', clock.t)).toEqual(vaultRecord('v1', clock, 1000));
      expect(await store.vaultPeek('v1', 'hash-v1', clock.t)).toEqual(vaultRecord('v1', clock, 1000));
      expect(await store.vaultPeek('v1', 'hash-wrong', clock.t)).toBeUndefined();
      expect(await store.vaultPeek('v1', 'hash-v1', clock.t + 1000)).toBeUndefined();
    });

    it('deletes the secret in the commit that takes it', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock));
      const result = await store.commit(turnCommit('tg:1', 0, { vaultTakes: [{ id: 'v1', tokenHash: 'hash-v1' }], outbox: [outboxItem('o1')] }));
      expect(result).toEqual({ ok: true, revision: 1 });
      expect(await store.vaultPeek('v1', 'hash-v1', clock.t)).toBeUndefined();
      expect((await store.claimOutbox(clock.t, 10, 1000)).map((i) => i.id)).toEqual(['o1']);
    });

    it('lets one of two turns that read the same secret commit; the other writes nothing', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock));
      const take = [{ id: 'v1', tokenHash: 'hash-v1' }];
      const [a, b] = await Promise.all([
        store.commit(turnCommit('tg:1', 0, { vaultTakes: take, outbox: [outboxItem('a', { key: 'tg:1' })] })),
        store.commit(turnCommit('tg:2', 0, { vaultTakes: take, outbox: [outboxItem('b', { key: 'tg:2' })] })),
      ]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      const loser = a.ok ? 'tg:2' : 'tg:1';
      expect(await store.load(loser)).toBeUndefined();
      expect((await store.claimOutbox(clock.t, 10, 1000)).map((i) => i.key)).toEqual([a.ok ? 'tg:1' : 'tg:2']);
    });

    it('refuses a take with the wrong token hash', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock));
      expect(await store.commit(turnCommit('tg:1', 0, { vaultTakes: [{ id: 'v1', tokenHash: 'hash-wrong' }] }))).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.vaultPeek('v1', 'hash-v1', clock.t)).toBeDefined();
    });
  });
}
