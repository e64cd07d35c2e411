/**
 * The dead-letter part of the store contract: skipped webhook items are kept newest first,
 * bounded, with platform, reason and time, and survive a reopen where the store is durable.
 */
import { describe, expect, it } from 'vitest';
import { DEAD_LETTERS_KEPT, DEAD_LETTER_EVENT_ID_MAX, DEAD_LETTER_REASON_MAX } from '../../../engine/runtime/store.js';
import type { ContractContext } from './fixtures.js';

/** Runs the dead-letter contract on the stores `ctx` opens. */
export function describeDeadLetterContract(ctx: ContractContext): void {
  describe('dead letters', () => {
    it('returns what was recorded, newest first, with platform, reason, time and event id', async () => {
      const store = await ctx.open();
      expect(await store.deadLetters(10)).toEqual([]);
      await store.addDeadLetters([
        { platform: 'whatsapp', reason: 'entry[0].changes[0].messages[1]: the message has no string "from"', at: 5, eventId: 'wamid.2' },
        { platform: 'whatsapp', reason: 'entry[0].changes[0].messages[2]: the message is not an object', at: 5 },
      ]);
      await store.addDeadLetters([{ platform: 'messenger', reason: 'entry[1].messaging[0]: no sender', at: 7 }]);
      expect(await store.deadLetters(10)).toEqual([
        { platform: 'messenger', reason: 'entry[1].messaging[0]: no sender', at: 7 },
        { platform: 'whatsapp', reason: 'entry[0].changes[0].messages[2]: the message is not an object', at: 5 },
        { platform: 'whatsapp', reason: 'entry[0].changes[0].messages[1]: the message has no string "from"', at: 5, eventId: 'wamid.2' },
      ]);
      expect(await store.deadLetters(1)).toHaveLength(1);
      expect(await store.deadLetters(0)).toEqual([]);
    });

    it(`keeps only the newest ${DEAD_LETTERS_KEPT} and cuts long reasons and event ids`, async () => {
      const store = await ctx.open();
      const flood = Array.from({ length: DEAD_LETTERS_KEPT + 25 }, (_, i) => ({ platform: 'telegram', reason: `bad ${i}`, at: i }));
      await store.addDeadLetters(flood.slice(0, 600));
      await store.addDeadLetters(flood.slice(600));
      await store.addDeadLetters([{ platform: 'viber', reason: 'x'.repeat(10_000), at: 99_999, eventId: 'i'.repeat(10_000) }]);
      const kept = await store.deadLetters(DEAD_LETTERS_KEPT + 100);
      expect(kept).toHaveLength(DEAD_LETTERS_KEPT);
      expect(kept[0]).toEqual({ platform: 'viber', reason: 'x'.repeat(DEAD_LETTER_REASON_MAX), at: 99_999, eventId: 'i'.repeat(DEAD_LETTER_EVENT_ID_MAX) });
      expect(kept[1]).toMatchObject({ reason: `bad ${DEAD_LETTERS_KEPT + 24}` });
      expect(kept.at(-1)).toMatchObject({ reason: 'bad 26' });
    });
  });
}
