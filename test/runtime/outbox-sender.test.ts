import { describe, expect, it } from 'vitest';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import { RateLimiter } from '../../engine/runtime/rate-limiter.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { SendError } from '../../engine/errors.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { OutboxItem } from '../../engine/runtime/store.js';
import { seal } from '../../engine/runtime/seal.js';

function item(key: string, text: string, seq: number, now: number): OutboxItem {
  return { id: `${key}-${seq}`, key, platform: 'p', to: key, message: { kind: 'text', text }, seq, attempts: 0, notBefore: now, createdAt: now };
}

function setup(fail: (text: string, attempt: number) => Error | undefined, extra: Partial<ConstructorParameters<typeof OutboxSender>[0]> = {}) {
  let clock = 1_000_000;
  const now = () => clock;
  const store = createMemoryStore({ now });
  const sent: string[] = [];
  const attempts = new Map<string, number>();
  const failed: string[] = [];
  const sender = new OutboxSender({
    store,
    logger: silentLogger,
    now,
    baseDelayMs: 100,
    maxAttempts: 4,
    async deliver(it) {
      const text = it.message.kind === 'text' ? it.message.text : '';
      const n = (attempts.get(text) ?? 0) + 1;
      attempts.set(text, n);
      const err = fail(text, n);
      if (err) throw err;
      sent.push(text);
      return { messageIds: [`m-${text}`] };
    },
    onFailed: (it, error) => {
      failed.push(`${it.message.kind === 'text' ? it.message.text : ''}: ${error}`);
    },
    ...extra,
  });
  /** Drains `times` times, moving the clock `ms` on after each, so retries come due. */
  const drainEvery = async (ms: number, times: number) => {
    for (let i = 0; i < times; i++) {
      await sender.drain();
      clock += ms;
    }
  };
  return { store, sender, sent, failed, now, advance: (ms: number) => (clock += ms), drainEvery };
}

describe('OutboxSender', () => {
  it('delivers one conversation\'s replies in order and removes them', async () => {
    const t = setup(() => undefined);
    await t.store.enqueue([item('a', 'a1', 1, t.now()), item('a', 'a2', 2, t.now()), item('b', 'b1', 1, t.now())]);
    await t.sender.drain();
    expect(t.sent.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2']);
    expect(t.sent).toContain('b1');
    expect(await t.store.claimOutbox(t.now() + 60_000, 10, 1)).toEqual([]);
  });

  it('waits retry_after on a 429 and keeps later replies behind it', async () => {
    const t = setup((text, n) =>
      text === 'a1' && n === 1 ? new SendError('Too Many Requests', { status: 429, retryable: true, retryAfterMs: 5_000 }) : undefined,
    );
    await t.store.enqueue([item('a', 'a1', 1, t.now()), item('a', 'a2', 2, t.now())]);
    await t.sender.drain();
    expect(t.sent).toEqual([]);
    t.advance(4_000);
    await t.sender.drain();
    expect(t.sent).toEqual([]);
    t.advance(1_100);
    await t.sender.drain();
    expect(t.sent).toEqual(['a1', 'a2']);
  });

  // One reply that fails retryably: on 5xx it gets through on the third attempt; always down, it
  // fails for good after maxAttempts (4). Either way it is delivered or failed exactly once.
  it.each([
    [
      'backs off on 5xx and delivers exactly once',
      {
        fail: (_text: string, n: number) => (n <= 2 ? new SendError('bad gateway', { status: 502, retryable: true }) : undefined),
        stepMs: 1_000,
        times: 10,
        sent: ['a1'],
        failed: [] as string[],
      },
    ],
    [
      'gives up after maxAttempts',
      { fail: () => new SendError('down', { status: 503, retryable: true }), stepMs: 10_000, times: 20, sent: [] as string[], failed: ['a1: down'] },
    ],
  ])('%s', async (_title, { fail, stepMs, times, sent, failed }) => {
    const t = setup(fail);
    await t.store.enqueue([item('a', 'a1', 1, t.now())]);
    await t.drainEvery(stepMs, times);
    expect(t.sent).toEqual(sent);
    expect(t.failed).toEqual(failed);
  });

  it('records a non-retryable failure and goes on with the next reply', async () => {
    const t = setup((text) => (text === 'a1' ? new SendError('blocked by the user', { status: 403, retryable: false }) : undefined));
    await t.store.enqueue([item('a', 'a1', 1, t.now()), item('a', 'a2', 2, t.now())]);
    await t.sender.drain();
    expect(t.sent).toEqual(['a2']);
    expect(t.failed).toEqual(['a1: blocked by the user']);
    expect((await t.store.failedOutbox(10)).map((f) => f.error)).toEqual(['blocked by the user']);
  });


  it('reports a delivery before it removes the item, so a crash in between cannot lose the report', async () => {
    const steps: string[] = [];
    const t = setup(() => undefined, {
      onDelivered: (it) => {
        steps.push(`report ${it.id}`);
      },
    });
    const markSent = t.store.markSent.bind(t.store);
    t.store.markSent = async (id) => {
      steps.push(`markSent ${id}`);
      await markSent(id);
    };
    await t.store.enqueue([item('a', 'a1', 1, t.now())]);
    await t.sender.drain();
    expect(steps).toEqual(['report a-1', 'markSent a-1']);
  });

  it('reports a give-up before it removes the item', async () => {
    const steps: string[] = [];
    const t = setup(() => new SendError('blocked', { status: 403, retryable: false }), {
      onFailed: (it) => {
        steps.push(`report ${it.id}`);
      },
    });
    const markFailed = t.store.markFailed.bind(t.store);
    t.store.markFailed = async (id, error) => {
      steps.push(`markFailed ${id}`);
      await markFailed(id, error);
    };
    await t.store.enqueue([item('a', 'a1', 1, t.now())]);
    await t.sender.drain();
    expect(steps).toEqual(['report a-1', 'markFailed a-1']);
  });

  it('does not send again when a report hook throws', async () => {
    const t = setup(() => undefined, {
      onDelivered: () => {
        throw new Error('task store down');
      },
    });
    await t.store.enqueue([item('a', 'a1', 1, t.now()), item('a', 'a2', 2, t.now())]);
    await t.drainEvery(10_000, 3);
    expect(t.sent).toEqual(['a1', 'a2']);
    expect(await t.store.claimOutbox(t.now(), 10, 1)).toEqual([]);
  });

  it('respects the per-conversation rate', async () => {
    let clock = 0;
    const limiter = new RateLimiter({ p: { perSecond: 0, perConversationPerSecond: 1, burst: 2 } }, () => clock);
    const t = setup(() => undefined, { rateLimiter: limiter, now: () => clock });
    await t.store.enqueue([item('a', 'a1', 1, 0), item('a', 'a2', 2, 0), item('a', 'a3', 3, 0)]);
    await t.sender.drain();
    expect(t.sent).toEqual(['a1', 'a2']);
    clock += 1_000;
    await t.sender.drain();
    expect(t.sent).toEqual(['a1', 'a2', 'a3']);
  });
});

describe('OutboxSender with sealed replies', () => {
  const key = Buffer.alloc(32, 5);

  it('opens a sealed reply only to deliver it, and gives up one it cannot open (another key), reporting it redacted', async () => {
    const t = setup(() => undefined, { secretKey: key });
    const now = t.now();
    await t.store.enqueue([
      { ...item('a', '', 1, now), message: seal({ kind: 'text', text: 'the secret' }, key) },
      { ...item('a', '', 2, now), message: seal({ kind: 'text', text: 'other key' }, Buffer.alloc(32, 6)) },
    ]);
    await t.sender.drain();
    expect(t.sent).toEqual(['the secret']);
    expect(t.failed).toEqual([expect.stringMatching(/^\[sensitive\]: The reply is sealed and cannot be opened/)]);
    const [given] = await t.store.failedOutbox(10);
    expect(given?.message).toEqual({ kind: 'sealed', sealed: '' });
  });
});
