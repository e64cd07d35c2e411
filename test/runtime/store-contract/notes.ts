/**
 * Adapter notes (NotePort): put and get, replace, expiry by the store's injected clock,
 * scoping by platform, and the sweep of expired notes.
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './fixtures.js';

/** Registers the notes group inside the current describe. */
export function describeNoteContract(ctx: ContractContext): void {
  const { clock } = ctx;

  describe('notes', () => {
    it('reads back what was put, and undefined for a note never put', async () => {
      const store = await ctx.open();
      await store.putNote('tg', 'cb:1', 'long option id', clock.t + 60_000);
      expect(await store.getNote('tg', 'cb:1', clock.t)).toBe('long option id');
      expect(await store.getNote('tg', 'cb:2', clock.t)).toBeUndefined();
    });

    it('replaces a note, value and expiry', async () => {
      const store = await ctx.open();
      await store.putNote('tg', 'k', 'first', clock.t + 1000);
      await store.putNote('tg', 'k', 'second: with a colon', clock.t + 5000);
      expect(await store.getNote('tg', 'k', clock.t + 2000)).toBe('second: with a colon');
    });

    it('gives nothing once the note expired by the clock it is asked with', async () => {
      const store = await ctx.open();
      await store.putNote('tg', 'k', 'v', clock.t + 1000);
      expect(await store.getNote('tg', 'k', clock.t + 999)).toBe('v');
      expect(await store.getNote('tg', 'k', clock.t + 1000)).toBeUndefined();
      // A replacement that expired already (by the store's clock) hides the old value too.
      await store.putNote('tg', 'k', 'gone', clock.t - 1);
      expect(await store.getNote('tg', 'k', clock.t)).toBeUndefined();
    });

    it('keeps platforms apart, even when a platform name has a colon', async () => {
      const store = await ctx.open();
      await store.putNote('tg', 'k', 'telegram', clock.t + 1000);
      await store.putNote('viber', 'k', 'viber', clock.t + 1000);
      await store.putNote('a:b', 'c', 'one', clock.t + 1000);
      await store.putNote('a', 'b:c', 'two', clock.t + 1000);
      expect(await store.getNote('tg', 'k', clock.t)).toBe('telegram');
      expect(await store.getNote('viber', 'k', clock.t)).toBe('viber');
      expect(await store.getNote('wa', 'k', clock.t)).toBeUndefined();
      expect(await store.getNote('a:b', 'c', clock.t)).toBe('one');
      expect(await store.getNote('a', 'b:c', clock.t)).toBe('two');
    });

    // Whether a sweep deletes the expired ones is each store's business (SQLite deletes rows,
    // Redis lets PX drop keys): the contract is that a sweep never loses a live note.
    it('keeps a live note through a sweep; an expired one stays gone', async () => {
      const store = await ctx.open();
      await store.putNote('tg', 'old', 'o', clock.t + 1000);
      await store.putNote('tg', 'live', 'l', clock.t + 5000);
      await store.sweep(clock.t + 1000);
      expect(await store.getNote('tg', 'old', clock.t + 1000)).toBeUndefined();
      expect(await store.getNote('tg', 'live', clock.t + 1000)).toBe('l');
    });
  });
}
