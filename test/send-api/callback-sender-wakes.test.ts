/**
 * When the callback sender looks at the store (fake timers and clock): at once when this
 * process queues a callback, when a retry it scheduled is due, again at once after a full
 * batch, and otherwise only at the slow poll, so a process that only waits does not read the
 * callbacks four times a second.
 */
import { describe, expect, it, vi } from 'vitest';
import { CallbackSender } from '../../app/send-api/callback-sender.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import type { HttpClient } from '../../engine/types.js';
import { useFakeClock } from '../support/fake-clock.js';

const START = 1_700_000_000_000;

function setup(answers: (number | Error)[] = [], over: { batch?: number; pollMs?: number } = {}) {
  const store = createMemoryStore({ now: Date.now });
  let claims = 0;
  const claimCallbacks = store.claimCallbacks.bind(store);
  store.claimCallbacks = (...args) => {
    claims++;
    return claimCallbacks(...args);
  };
  const posted: { id: string; at: number }[] = [];
  const http: HttpClient = {
    async request(req) {
      posted.push({ id: (JSON.parse(req.body as string) as { task_id: string }).task_id, at: Date.now() });
      const answer = answers.shift() ?? 200;
      if (answer instanceof Error) throw answer;
      return { status: answer, headers: {}, body: '' };
    },
  };
  const sender = new CallbackSender({ store, http, secret: 's', logger: silentLogger, now: Date.now, baseDelayMs: 400, leaseMs: 1000, ...over });
  const put = (id: string) =>
    store.putCallback({ taskId: id, url: 'https://example.com/cb', body: JSON.stringify({ task_id: id }), notBefore: Date.now(), createdAt: Date.now() });
  return { store, sender, posted, put, claims: () => claims };
}

describe('CallbackSender wakes', () => {
  useFakeClock(START);

  it('reads the store once a poll interval while nothing is queued, not every 250 ms', async () => {
    const { sender, claims } = setup();
    sender.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(claims()).toBe(1);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(claims()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(claims()).toBe(2);
    await sender.stop();
  });

  it('posts a callback this process queued as soon as it is woken, without waiting for the poll', async () => {
    const { sender, posted, put } = setup();
    sender.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await put('t1');
    sender.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(posted).toEqual([{ id: 't1', at: START + 1_000 }]);
    await sender.stop();
  });

  it('finds a callback nobody woke it for (another process queued it) at the slow poll', async () => {
    const { sender, posted, put } = setup([], { pollMs: 2_000 });
    sender.start();
    await vi.advanceTimersByTimeAsync(500);
    await put('t1');
    await vi.advanceTimersByTimeAsync(1_400);
    expect(posted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(posted).toEqual([{ id: 't1', at: START + 2_000 }]);
    await sender.stop();
  });

  it('posts a retry when its backoff ends, also after a wake for another callback meanwhile', async () => {
    const { sender, posted, put } = setup([503]);
    sender.start();
    await put('t1');
    sender.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(posted).toHaveLength(1);
    // Another task's callback in between must not make the sender forget the retry's time.
    await vi.advanceTimersByTimeAsync(100);
    await put('t2');
    sender.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(posted.map((p) => p.id)).toEqual(['t1', 't2']);
    // The first backoff is 400 ms ± 25 %: the retry goes within it, long before the 5 s poll.
    await vi.advanceTimersByTimeAsync(500);
    expect(posted.map((p) => p.id)).toEqual(['t1', 't2', 't1']);
    expect(posted[2]!.at - START).toBeGreaterThanOrEqual(300);
    expect(posted[2]!.at - START).toBeLessThanOrEqual(500);
    await sender.stop();
  });

  it('claims again at once after a full batch, until what is due is posted', async () => {
    const { sender, posted, put, claims } = setup([], { batch: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await put(id);
    sender.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(posted.map((p) => p.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(posted.every((p) => p.at === START)).toBe(true);
    expect(claims()).toBe(3);
    await sender.stop();
  });
});
