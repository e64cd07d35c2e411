/**
 * The outbox lanes part of the ConversationStore contract: claims of one lane (a platform's
 * replies or its proactive sends), the backlog per platform, and, on stores that have one,
 * the shared token bucket. Called from describeStoreContract (describe-store-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { outboxItem, type ContractContext } from './fixtures.js';

const replies = { platform: 'tg', proactive: false };
const proactive = { platform: 'tg', proactive: true };

/** Registers the lane, backlog and token-bucket groups inside the current describe. */
export function describeOutboxLaneContract(ctx: ContractContext): void {
  describe('claimOutbox of one lane', () => {
    it('claims only the lane\'s items, in order, and keeps proactive through a claim', async () => {
      const store = await ctx.open();
      await store.enqueue([
        outboxItem('p1', { key: 'tg:1', createdAt: 100, proactive: true }),
        outboxItem('r1', { key: 'tg:2', to: '2', createdAt: 101 }),
        outboxItem('w1', { key: 'wa:1', platform: 'wa', createdAt: 99 }),
        outboxItem('r2', { key: 'tg:3', to: '3', createdAt: 102 }),
      ]);
      expect((await store.claimOutbox(1000, 10, 100, replies)).map((i) => i.id)).toEqual(['r1', 'r2']);
      const [p1] = await store.claimOutbox(1000, 10, 100, proactive);
      expect(p1).toMatchObject({ id: 'p1', proactive: true });
      expect((await store.claimOutbox(1000, 10, 100)).map((i) => i.id)).toEqual(['w1']);
    });

    it('holds a reply back behind an earlier proactive item of its conversation', async () => {
      const store = await ctx.open();
      await store.enqueue([
        outboxItem('p1', { createdAt: 100, seq: 0, proactive: true }),
        outboxItem('r1', { createdAt: 100, seq: 1 }),
        outboxItem('r2', { key: 'tg:2', to: '2', createdAt: 101 }),
      ]);
      expect((await store.claimOutbox(1000, 10, 100, replies)).map((i) => i.id)).toEqual(['r2']);
      expect((await store.claimOutbox(1000, 10, 100, proactive)).map((i) => i.id)).toEqual(['p1']);
      await store.markSent('p1');
      expect((await store.claimOutbox(1000, 10, 100, replies)).map((i) => i.id)).toEqual(['r1']);
    });

    it('leases a lane\'s claim for every kind of claim, and a reschedule moves it in its lane', async () => {
      const store = await ctx.open();
      await store.enqueue([outboxItem('r1'), outboxItem('r2', { key: 'tg:2', to: '2' })]);
      expect((await store.claimOutbox(1000, 1, 500)).map((i) => i.id)).toEqual(['r1']);
      expect((await store.claimOutbox(1000, 10, 500, replies)).map((i) => i.id)).toEqual(['r2']);
      expect(await store.claimOutbox(1499, 10, 500, replies)).toEqual([]);
      await store.reschedule('r1', 1200, 1);
      expect(await store.claimOutbox(1199, 10, 500, replies)).toEqual([]);
      expect(await store.claimOutbox(1200, 10, 500, replies)).toMatchObject([{ id: 'r1', attempts: 1 }]);
    });
  });

  describe('outboxBacklog', () => {
    it('counts every item per platform, claimed or not, with the oldest createdAt', async () => {
      const store = await ctx.open();
      expect(await store.outboxBacklog()).toEqual([]);
      await store.enqueue([
        outboxItem('a', { createdAt: 300 }),
        outboxItem('b', { key: 'tg:2', to: '2', createdAt: 200, proactive: true }),
        outboxItem('c', { key: 'wa:1', platform: 'wa', createdAt: 400 }),
      ]);
      await store.claimOutbox(1000, 1, 100);
      const sorted = (await store.outboxBacklog()).sort((x, y) => x.platform.localeCompare(y.platform));
      expect(sorted).toEqual([
        { platform: 'tg', size: 2, oldestCreatedAt: 200 },
        { platform: 'wa', size: 1, oldestCreatedAt: 400 },
      ]);
      await store.markSent('b');
      await store.markFailed('c', 'gone');
      expect(await store.outboxBacklog()).toEqual([{ platform: 'tg', size: 1, oldestCreatedAt: 300 }]);
    });
  });

  describe('takeToken (stores several processes share)', () => {
    it('hands out the capacity at once, then one token per 1/perSecond', async () => {
      const store = await ctx.open();
      if (!store.takeToken) return;
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) waits.push(await store.takeToken('tg', 10, 3, 1000));
      expect(waits).toEqual([0, 0, 0, 100]);
      expect(await store.takeToken('tg', 10, 3, 1050)).toBe(50);
      expect(await store.takeToken('tg', 10, 3, 1100)).toBe(0);
      // A clock that went back (another process's) adds no tokens.
      expect(await store.takeToken('tg', 10, 3, 900)).toBe(100);
    });
  });
}
