/**
 * When the outbox sender looks at the store (fake timers and clock): a sender with nothing to
 * do polls once a second, not four times; a retry it scheduled is claimed when it falls due,
 * without waiting for the poll; and DueTimes, which keeps those times, fires once per time.
 */
import { describe, expect, it, vi } from 'vitest';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import { DueTimes } from '../../engine/runtime/due-times.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { SendError } from '../../engine/errors.js';
import type { OutboxItem } from '../../engine/runtime/store.js';
import { useFakeClock } from '../support/fake-clock.js';

const START = 1_000_000;

function item(key: string, seq: number): OutboxItem {
  return { id: `${key}-${seq}`, key, platform: 'p', to: key, message: { kind: 'text', text: `${key}-${seq}` }, seq, attempts: 0, notBefore: START, createdAt: START + seq };
}

/** A sender over a memory store that counts claims; `fail` decides each attempt's error. */
function setup(fail: (id: string, attempt: number) => Error | undefined, pollMs?: number) {
  const store = createMemoryStore({ now: Date.now });
  let claims = 0;
  const claimOutbox = store.claimOutbox.bind(store);
  store.claimOutbox = (...args) => {
    claims++;
    return claimOutbox(...args);
  };
  const sent: string[] = [];
  const attempts = new Map<string, number>();
  const sender = new OutboxSender({
    store, logger: silentLogger, now: Date.now, baseDelayMs: 400, pollMs,
    async deliver(it) {
      const n = (attempts.get(it.id) ?? 0) + 1;
      attempts.set(it.id, n);
      const err = fail(it.id, n);
      if (err) throw err;
      sent.push(`${it.id}@${Date.now() - START}`);
      return { messageIds: [it.id] };
    },
  });
  return { store, sender, sent, claims: () => claims };
}

describe('OutboxSender wakes (fake clock)', () => {
  useFakeClock(START);

  it('polls an empty outbox once a second by default', async () => {
    const { sender, claims } = setup(() => undefined);
    sender.start();
    await vi.advanceTimersByTimeAsync(5_000);
    await sender.stop();
    // The claim at start, then one a second (it was four a second).
    expect(claims()).toBeGreaterThanOrEqual(5);
    expect(claims()).toBeLessThanOrEqual(6);
  });

  it('sends a retry when its backoff ends and a 429 when retry_after ends, with a poll far away', async () => {
    const { store, sender, sent } = setup(
      (id, n) =>
        n > 1 || id === 'a-2' ? undefined
        : id === 'a-1' ? new SendError('bad gateway', { status: 502, retryable: true })
        : new SendError('Too Many Requests', { status: 429, retryable: true, retryAfterMs: 3_000 }),
      60_000,
    );
    await store.enqueue([item('a', 1), item('a', 2), item('b', 3)]);
    sender.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);
    // The backoff is 400 ms ± 25 %; a-2 waits behind a-1, and goes once a-1 is sent.
    await vi.advanceTimersByTimeAsync(600);
    expect(sent.map((s) => s.split('@')[0])).toEqual(['a-1', 'a-2']);
    const at = Number(sent[0]!.split('@')[1]);
    expect(at).toBeGreaterThanOrEqual(300);
    expect(at).toBeLessThanOrEqual(500);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(sent.at(-1)).toBe('b-3@3000');
    await sender.stop();
  });
});

describe('DueTimes', () => {
  useFakeClock(START);

  it('fires once at each distinct time, an earlier one added later first, and nothing after clear', async () => {
    const fired: number[] = [];
    const due = new DueTimes(Date.now, () => fired.push(Date.now() - START));
    due.add(START + 300);
    due.add(START + 100);
    due.add(START + 300);
    due.add(START + 200);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual([100, 200, 300]);
    due.add(START + 1_500);
    due.clear();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual([100, 200, 300]);
  });
});
