/**
 * The flow-source and transcript ports of the ConversationStore contract (version-store.ts).
 * Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../engine/runtime/version-store.js';
import type { ContractContext } from './fixtures.js';

const turn = (key: string, at: number, text: string): TranscriptEntry => ({
  key,
  at,
  version: 'v1',
  input: { kind: 'text', text },
  replies: [{ kind: 'text', text: `re ${text}` }],
  from: null,
  to: 'club-menu.choose',
});

/** Registers the version-store and transcript groups inside the current describe. */
export function describeVersionContract(ctx: ContractContext): void {
  describe('flow sources by version', () => {
    it('reads back a version\'s sources and keeps the first write of a version', async () => {
      const store = await ctx.open();
      const v = store.versions!;
      await v.putFlowSources('v1', [{ file: 'flows/a.yaml', text: 'one' }], 10);
      await v.putFlowSources('v1', [{ file: 'flows/a.yaml', text: 'other' }], 20);
      await v.putFlowSources('v2', [{ file: 'flows/a.yaml', text: 'two' }], 30);
      expect(await v.getFlowSources('v1')).toEqual([{ file: 'flows/a.yaml', text: 'one' }]);
      expect(await v.getFlowSources('nope')).toBeUndefined();
      expect(await v.flowVersions()).toEqual([{ version: 'v1', storedAt: 10 }, { version: 'v2', storedAt: 30 }]);
      await v.deleteFlowSources('v1');
      expect(await v.getFlowSources('v1')).toBeUndefined();
      expect((await v.flowVersions()).map((x) => x.version)).toEqual(['v2']);
    });

    it('scans every conversation once with its version and snapshot, page by page', async () => {
      const store = await ctx.open();
      for (let i = 0; i < 7; i++) {
        await store.commit({ key: `tg:${i}`, expectedRevision: 0, snapshot: { n: i }, flowVersion: i < 3 ? 'old' : 'new', outbox: [] });
      }
      const seen = new Map<string, { flowVersion: string; snapshot: unknown }>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.versions!.scanConversations(cursor, 3);
        for (const c of page.items) seen.set(c.key, { flowVersion: c.flowVersion, snapshot: c.snapshot });
        cursor = page.cursor;
      } while (cursor !== undefined && ++pages < 100_000);
      expect(seen.size).toBe(7);
      expect(seen.get('tg:1')).toEqual({ flowVersion: 'old', snapshot: { n: 1 } });
      expect(seen.get('tg:5')).toEqual({ flowVersion: 'new', snapshot: { n: 5 } });
    });
  });

  describe('transcripts', () => {
    it('reads a conversation\'s turns oldest first, the newest `limit` of them', async () => {
      const store = await ctx.open();
      const t = store.transcripts!;
      for (const [i, text] of ['a', 'b', 'c'].entries()) await t.appendTranscript(turn('tg:1', 100 + i, text), 1_000_000);
      await t.appendTranscript(turn('tg:2', 50, 'x'), 1_000_000);
      expect((await t.readTranscript('tg:1', 10)).map((e) => e.input.text)).toEqual(['a', 'b', 'c']);
      expect((await t.readTranscript('tg:1', 2)).map((e) => e.input.text)).toEqual(['b', 'c']);
      expect(await t.readTranscript('tg:1', 1)).toEqual([turn('tg:1', 102, 'c')]);
      expect(await t.readTranscript('tg:none', 10)).toEqual([]);
    });

    it('lists conversations active since a time, newest first', async () => {
      const store = await ctx.open();
      const t = store.transcripts!;
      await t.appendTranscript(turn('tg:old', 10, 'a'), 1_000_000);
      await t.appendTranscript(turn('tg:new', 300, 'b'), 1_000_000);
      await t.appendTranscript(turn('tg:mid', 200, 'c'), 1_000_000);
      expect(await t.transcriptKeys(100, 10)).toEqual(['tg:new', 'tg:mid']);
      expect(await t.transcriptKeys(0, 1)).toEqual(['tg:new']);
    });

    it('forgets turns past the retention and conversations idle since before a sweep', async () => {
      const store = await ctx.open();
      const t = store.transcripts!;
      await t.appendTranscript(turn('tg:1', 100, 'old'), 50);
      await t.appendTranscript(turn('tg:1', 200, 'new'), 50);
      expect((await t.readTranscript('tg:1', 10)).map((e) => e.input.text)).toEqual(['new']);
      await t.appendTranscript(turn('tg:2', 120, 'idle'), 1_000_000);
      await t.sweepTranscripts(150);
      expect(await t.readTranscript('tg:2', 10)).toEqual([]);
      expect(await t.transcriptKeys(0, 10)).toEqual(['tg:1']);
    });
  });
}
