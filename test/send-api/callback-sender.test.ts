/**
 * The callback sender in isolation (memory store, a recording HTTP client, a clock the test
 * moves): the signed POST, retries with backoff after a refusal or a network error, the
 * give-up after the last attempt, and a callback in another sender's lease left alone.
 */
import { describe, expect, it } from 'vitest';
import { CallbackSender, signCallback } from '../../app/send-api/callback-sender.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import type { HttpClient } from '../../engine/types.js';
import { expectedSignature } from './callback-receiver.js';

type Req = Parameters<HttpClient['request']>[0];

function setup(answers: (number | Error)[], over: { maxAttempts?: number } = {}) {
  const clock = { t: 1_000_000 };
  const store = createMemoryStore({ now: () => clock.t });
  const requests: Req[] = [];
  const http: HttpClient = {
    async request(req) {
      requests.push(req);
      const answer = answers.shift() ?? 200;
      if (answer instanceof Error) throw answer;
      return { status: answer, headers: {}, body: '' };
    },
  };
  const sender = new CallbackSender({ store, http, secret: 's3cret', logger: silentLogger, now: () => clock.t, baseDelayMs: 100, leaseMs: 1000, ...over });
  const body = JSON.stringify({ task_id: 't1', status: 'sent', platform: 'telegram', to: '42' });
  const put = () => store.putCallback({ taskId: 't1', url: 'https://example.com/cb', body, notBefore: clock.t, createdAt: clock.t });
  return { clock, store, requests, sender, body, put };
}

describe('CallbackSender', () => {
  it('posts the body as it is, signed with the secret, and marks the callback done', async () => {
    const { store, requests, sender, body, put } = setup([200]);
    await put();
    await sender.drain();
    expect(requests).toEqual([{
      method: 'POST', url: 'https://example.com/cb', body,
      headers: { 'content-type': 'application/json', 'x-parley-signature': expectedSignature(body, 's3cret') },
    }]);
    expect(signCallback(body, 's3cret')).toBe(expectedSignature(body, 's3cret'));
    expect(await store.getCallback('t1')).toMatchObject({ state: 'done', attempts: 0 });
    await sender.drain();
    expect(requests).toHaveLength(1);
  });

  it('retries a refusal and a network error with a growing backoff, then delivers', async () => {
    const { clock, store, requests, sender, put } = setup([503, new Error('socket hang up'), 204]);
    await put();
    await sender.drain();
    const first = await store.getCallback('t1');
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastError: 'callback receiver answered 503' });
    // The first backoff: 100 ms ± 25 %.
    expect(first!.notBefore - clock.t).toBeGreaterThanOrEqual(75);
    expect(first!.notBefore - clock.t).toBeLessThanOrEqual(125);
    clock.t = first!.notBefore;
    await sender.drain();
    const second = await store.getCallback('t1');
    expect(second).toMatchObject({ attempts: 2, lastError: 'callback to https://example.com/cb failed: socket hang up' });
    expect(second!.notBefore - clock.t).toBeGreaterThanOrEqual(150);
    clock.t = second!.notBefore;
    await sender.drain();
    expect(requests).toHaveLength(3);
    expect(await store.getCallback('t1')).toMatchObject({ state: 'done' });
  });

  it('gives up after the last attempt and keeps the reason', async () => {
    const { clock, store, requests, sender, put } = setup([500, 500, 500, 500], { maxAttempts: 3 });
    await put();
    for (let i = 0; i < 5; i++) {
      await sender.drain();
      clock.t += 10_000;
    }
    expect(requests).toHaveLength(3);
    expect(await store.getCallback('t1')).toMatchObject({ state: 'failed', attempts: 3, lastError: 'callback receiver answered 500' });
  });

  it('leaves a callback another sender holds until its lease runs out', async () => {
    const { clock, store, requests, sender, put } = setup([200]);
    await put();
    await store.claimCallbacks(clock.t, 10, 1000);
    await sender.drain();
    expect(requests).toHaveLength(0);
    clock.t += 1000;
    await sender.drain();
    expect(requests).toHaveLength(1);
  });

  it('posts what is due once started, and stops', async () => {
    const { store, requests, sender, put } = setup([200]);
    await put();
    sender.start();
    await expect.poll(async () => (await store.getCallback('t1'))?.state).toBe('done');
    await sender.stop();
    expect(requests).toHaveLength(1);
  });
});
