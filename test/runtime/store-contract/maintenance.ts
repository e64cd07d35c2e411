/**
 * Upkeep (MaintenancePort): sweep forgets expired marks and secrets and keeps live ones.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { inboxEntry, vaultRecord, type ContractContext } from './fixtures.js';

/** Registers this concern's groups inside the current describe. */
export function describeMaintenanceContract(ctx: ContractContext): void {
  const { clock } = ctx;

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
