/**
 * The ConversationStore contract for secrets: reveals that commit with their turn, and sealed
 * replies that are wiped when given up. Called from describeStoreContract.
 */
import { describe, expect, it } from 'vitest';
import { outboxItem, vaultRecord, type ContractContext } from './store-fixtures.js';
import type { CommitRequest } from '../../../engine/runtime/store.js';

/** Registers the vault-commit and sealed-outbox groups inside the current describe. */
export function describeStoreSecretsContract(ctx: ContractContext): void {
  const { clock } = ctx;
  const turn = (key: string, expectedRevision: number, over: Partial<CommitRequest> = {}): CommitRequest => ({
    key, expectedRevision, snapshot: { at: key }, flowVersion: 'v1', outbox: [], timers: [], ...over,
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
      const result = await store.commit(turn('tg:1', 0, { vaultTakes: [{ id: 'v1', tokenHash: 'hash-v1' }], outbox: [outboxItem('o1')] }));
      expect(result).toEqual({ ok: true, revision: 1 });
      expect(await store.vaultPeek('v1', 'hash-v1', clock.t)).toBeUndefined();
      expect((await store.claimOutbox(clock.t, 10, 1000)).map((i) => i.id)).toEqual(['o1']);
    });

    it('lets one of two turns that read the same secret commit; the other writes nothing', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock));
      const take = [{ id: 'v1', tokenHash: 'hash-v1' }];
      const [a, b] = await Promise.all([
        store.commit(turn('tg:1', 0, { vaultTakes: take, outbox: [outboxItem('a', { key: 'tg:1' })] })),
        store.commit(turn('tg:2', 0, { vaultTakes: take, outbox: [outboxItem('b', { key: 'tg:2' })] })),
      ]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      const loser = a.ok ? 'tg:2' : 'tg:1';
      expect(await store.load(loser)).toBeUndefined();
      expect((await store.claimOutbox(clock.t, 10, 1000)).map((i) => i.key)).toEqual([a.ok ? 'tg:1' : 'tg:2']);
    });

    it('refuses a take with the wrong token hash', async () => {
      const store = await ctx.open();
      await store.vaultPut(vaultRecord('v1', clock));
      expect(await store.commit(turn('tg:1', 0, { vaultTakes: [{ id: 'v1', tokenHash: 'hash-wrong' }] }))).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.vaultPeek('v1', 'hash-v1', clock.t)).toBeDefined();
    });
  });

  describe('sealed replies', () => {
    const sealed = { kind: 'sealed' as const, sealed: 'AbC-_123' };

    it('hands a sealed message to the sender as written', async () => {
      const store = await ctx.open();
      await store.commit(turn('tg:1', 0, { outbox: [outboxItem('o1', { message: sealed })] }));
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
