import { describe, expect, it } from 'vitest';
import { HandoffLanes } from '../../engine/runtime/outbox-handoff.js';
import type { OutboxItem } from '../../engine/runtime/store.js';

const reply = (id: string, over: Partial<OutboxItem> = {}): OutboxItem => ({
  id, key: `tg:${id}`, platform: 'tg', to: id, message: { kind: 'text', text: id }, seq: 0, attempts: 0, notBefore: 0, createdAt: 0, ...over,
});

/** Lanes after the first claim found the outbox empty. */
function clean(): HandoffLanes {
  const lanes = new HandoffLanes();
  lanes.claimed(lanes.ticket(), 'all', [], 10);
  return lanes;
}

describe('HandoffLanes (which replies may skip the claim)', () => {
  it('takes nothing before a claim has seen the outbox (a restart may have left replies there)', () => {
    const lanes = new HandoffLanes();
    expect(lanes.take([reply('a')], 0, 10)).toBe(false);
    expect(clean().take([reply('a')], 0, 10)).toBe(true);
  });

  it('takes no proactive sends and nothing beyond the budget', () => {
    const lanes = clean();
    expect(lanes.take([reply('p', { proactive: true })], 0, 10)).toBe(false);
    expect(lanes.caughtUp('tg')).toBe(true);
    expect(lanes.take([reply('a'), reply('b')], 9, 10)).toBe(false);
    expect(lanes.caughtUp('tg')).toBe(false);
  });

  it('waits after a refused reply until it is written and a claim started after the write has seen it', () => {
    const lanes = clean();
    expect(lanes.take([reply('a')], 10, 10)).toBe(false); // refused: it will be written unclaimed
    const early = lanes.ticket(); // a claim that starts before the write
    lanes.settled([reply('a')], false, true);
    lanes.claimed(early, 'tg', [], 10);
    // That claim may have read the outbox before "a" was there.
    expect(lanes.take([reply('b')], 0, 10)).toBe(false);
    lanes.settled([reply('b')], false, true);
    const late = lanes.ticket();
    lanes.claimed(late, 'tg', [], 10);
    expect(lanes.caughtUp('tg')).toBe(true);
    expect(lanes.take([reply('c')], 0, 10)).toBe(true);
  });

  it('counts a written reply seen when a claim returns it, even a full claim that cannot vouch for the rest', () => {
    const lanes = clean();
    lanes.take([reply('a')], 10, 10);
    lanes.settled([reply('a')], false, true);
    const t = lanes.ticket();
    lanes.claimed(t, 'tg', [reply('a')], 1);
    expect(lanes.caughtUp('tg')).toBe(false); // full: more may wait
    lanes.claimed(lanes.ticket(), 'tg', [], 1);
    expect(lanes.caughtUp('tg')).toBe(true);
  });

  it('releases what a dropped commit reserved, so the budget is not used up by conflicts', () => {
    const lanes = clean();
    expect(lanes.take([reply('a'), reply('b')], 0, 2)).toBe(true);
    expect(lanes.take([reply('c')], 0, 2)).toBe(false);
    lanes.settled([reply('c')], false, false);
    lanes.settled([reply('a'), reply('b')], true, false);
    expect(lanes.caughtUp('tg')).toBe(true);
    expect(lanes.take([reply('d'), reply('e')], 0, 2)).toBe(true);
  });
});
