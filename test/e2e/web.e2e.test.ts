/**
 * The web platform over real HTTP: a page POSTs messages and reads replies from the
 * server-sent event stream, through the same inbox, deduplication, outbox and flows as any
 * platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';

const CONVERSATION = 'web-e2e-conversation-01';

interface Stream {
  events: { id: string; data: { seq: number; message: Record<string, unknown> } }[];
  waitFor(count: number): Promise<void>;
  close(): void;
}

/** Opens the reply stream and parses its events as they arrive. */
async function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Stream['events'] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) });
      }
    }
  })();
  return {
    events,
    async waitFor(count) {
      await expect.poll(() => events.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
    },
    close: () => abort.abort(),
  };
}

describe('web platform end to end', () => {
  let parley: TestParley;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${parley.url}/webhooks/web/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    parley = await startTestParley({ PARLEY_WEB_ORIGINS: 'https://shop.example' });
  });
  afterAll(() => parley?.stop());

  it('answers Hola with the menu on the stream, and a press with the choice', async () => {
    const stream = await openStream(`${parley.url}/webhooks/web/events?conversation=${CONVERSATION}`);
    expect((await post({ id: 'm1', conversation: CONVERSATION, user: { name: 'Ana' }, text: 'Hola' })).status).toBe(202);
    await stream.waitFor(2);
    expect(stream.events.map((e) => e.data.message)).toEqual([
      { kind: 'text', text: 'Hola!' },
      { kind: 'options', text: 'Por favor elije una opción:', options: [{ id: 'pool', title: 'Pileta' }, { id: 'tennis', title: 'Tenis' }, { id: 'hall', title: 'SUM' }] },
    ]);
    await post({ id: 'm2', conversation: CONVERSATION, option: { id: 'tennis', title: 'Tenis' } });
    await stream.waitFor(3);
    expect(stream.events[2].data.message).toEqual({ kind: 'text', text: 'Elegiste Tenis. Las canchas se reservan de 8 a 22 h.' });
    stream.close();
  });

  it('answers a repeated message id once', async () => {
    const conversation = 'web-e2e-duplicate-0001';
    const stream = await openStream(`${parley.url}/webhooks/web/events?conversation=${conversation}`);
    const message = { id: 'same-id', conversation, text: '!echo once' };
    await post(message);
    await post(message);
    await stream.waitFor(1);
    await parley.pipeline.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(stream.events.map((e) => e.data.message)).toEqual([{ kind: 'text', text: 'once' }]);
    stream.close();
  });

  it('replays what a page missed when it reconnects with Last-Event-ID', async () => {
    const stream = await openStream(`${parley.url}/webhooks/web/events?conversation=${CONVERSATION}`, { 'last-event-id': '1' });
    await stream.waitFor(2);
    expect(stream.events.map((e) => e.id)).toEqual(['2', '3']);
    stream.close();
  });

  it('refuses pages from sites that are not listed and answers listed ones with CORS headers', async () => {
    const evil = await post({ id: 'x1', conversation: CONVERSATION, text: 'hi' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const preflight = await fetch(`${parley.url}/webhooks/web/messages`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const shop = await post({ id: 'x2', conversation: 'web-e2e-shop-visitor-01', text: 'hi' }, { origin: 'https://shop.example' });
    expect(shop.status).toBe(202);
    expect(shop.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('answers a malformed body with 400 and stores nothing', async () => {
    const res = await post({ id: 'bad', conversation: 'short', text: 'hi' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/conversation/);
  });
});
