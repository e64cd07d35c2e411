import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendError } from '../../../engine/errors.js';
import type { SendContext } from '../../../engine/types.js';
import { whatsappAdapter } from '../../../adapters/whatsapp/index.js';
import type { WhatsappConfig } from '../../../adapters/whatsapp/config.js';
import { mockGraph, type GraphMock } from '../shared/graph-mock.js';

const config: WhatsappConfig = {
  token: 'EAAG-token',
  appSecret: 'test_app_secret',
  verifyToken: 'wa-verify',
  phoneNumberId: '112233445566778',
  apiUrl: 'https://graph.facebook.com/v21.0',
};
const PATH = '/v21.0/112233445566778/messages';
const TO = '447700900123';
const head = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

let graph: GraphMock;
let ctx: SendContext<WhatsappConfig>;
beforeEach(() => {
  graph = mockGraph('https://graph.facebook.com');
  ctx = { config, http: graph.http };
});
afterEach(async () => graph.agent.close());

function ok(times = 1): void {
  for (let i = 0; i < times; i++) {
    graph.reply(PATH, 200, { messaging_product: 'whatsapp', contacts: [{ input: TO, wa_id: TO }], messages: [{ id: `wamid.OUT${i + 1}` }] });
  }
}

function error(status: number, code: number, headers?: Record<string, string>): void {
  graph.reply(PATH, status, { error: { message: `(#${code}) something`, type: 'OAuthException', code, error_data: { details: 'details here' }, fbtrace_id: 'AbC' } }, { headers });
}

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `opt${i + 1}`, title: `Option ${i + 1}` }));

describe('whatsappAdapter.send', () => {
  it('POSTs a text to /<phone-number-id>/messages with the bearer token and returns the wamid', async () => {
    ok();
    expect(await whatsappAdapter.send(TO, { kind: 'text', text: 'Hola!' }, ctx)).toEqual({ messageIds: ['wamid.OUT1'] });
    expect(graph.seen).toEqual([
      {
        method: 'POST',
        path: PATH,
        headers: expect.objectContaining({ authorization: 'Bearer EAAG-token', 'content-type': 'application/json' }),
        body: { ...head, type: 'text', text: { body: 'Hola!', preview_url: false } },
      },
    ]);
  });

  it('splits a text over 4096 characters on whitespace into several messages', async () => {
    ok(2);
    const text = `${'a'.repeat(4000)} ${'b'.repeat(200)}`;
    expect(await whatsappAdapter.send(TO, { kind: 'text', text }, ctx)).toEqual({ messageIds: ['wamid.OUT1', 'wamid.OUT2'] });
    expect(graph.seen.map((r) => (r.body as { text: { body: string } }).text.body)).toEqual(['a'.repeat(4000), 'b'.repeat(200)]);
  });

  it('renders up to 3 options as reply buttons with titles trimmed to 20 characters', async () => {
    ok();
    await whatsappAdapter.send(
      TO,
      { kind: 'options', text: 'Por favor elije una opción:', options: [{ id: 'pool', title: 'Pileta' }, { id: 'tennis', title: 'Tenis' }, { id: 'hall', title: 'Salón de usos múltiples' }] },
      ctx,
    );
    expect(graph.seen[0].body).toEqual({
      ...head,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Por favor elije una opción:' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'pool', title: 'Pileta' } },
            { type: 'reply', reply: { id: 'tennis', title: 'Tenis' } },
            { type: 'reply', reply: { id: 'hall', title: 'Salón de usos múlti…' } },
          ],
        },
      },
    });
  });

  it('renders 4 to 10 options as a list with the "Options" button and row titles trimmed to 24', async () => {
    ok();
    const opts = options(10);
    opts[0] = { id: 'long', title: 'A very long option title that overflows' };
    await whatsappAdapter.send(TO, { kind: 'options', text: 'Choose', options: opts }, ctx);
    const body = graph.seen[0].body as { interactive: { type: string; action: { button: string; sections: { rows: { id: string; title: string }[] }[] } } };
    expect(body.interactive.type).toBe('list');
    expect(body.interactive.action.button).toBe('Options');
    expect(body.interactive.action.sections).toHaveLength(1);
    const rows = body.interactive.action.sections[0].rows;
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ id: 'long', title: 'A very long option titl…' });
    expect(rows[9]).toEqual({ id: 'opt10', title: 'Option 10' });
  });

  it('renders more than 10 options as a numbered text', async () => {
    ok();
    await whatsappAdapter.send(TO, { kind: 'options', text: 'Pick one', options: options(11) }, ctx);
    const body = graph.seen[0].body as { type: string; text: { body: string } };
    expect(body.type).toBe('text');
    expect(body.text.body).toBe(`Pick one\n\n${options(11).map((o, i) => `${i + 1}. ${o.title}`).join('\n')}`);
  });

  it('sends the text beyond the 1024-character interactive body first, then the buttons', async () => {
    ok(2);
    const text = `${'x'.repeat(1500)} ${'Which one?'}`;
    const result = await whatsappAdapter.send(TO, { kind: 'options', text, options: options(2) }, ctx);
    expect(result.messageIds).toEqual(['wamid.OUT1', 'wamid.OUT2']);
    expect(graph.seen[0].body).toMatchObject({ type: 'text', text: { body: 'x'.repeat(1024) } });
    expect(graph.seen[1].body).toMatchObject({ type: 'interactive', interactive: { type: 'button', body: { text: `${'x'.repeat(476)} Which one?` } } });
  });

  it('gives an options message without text a non-empty interactive body', async () => {
    ok();
    await whatsappAdapter.send(TO, { kind: 'options', text: '', options: options(2) }, ctx);
    expect(graph.seen[0].body).toMatchObject({ type: 'interactive', interactive: { body: { text: '…' } } });
  });

  it('sends media by link, a file as a document, and a location', async () => {
    ok(3);
    await whatsappAdapter.send(TO, { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.jpg', caption: 'Entrance' }, ctx);
    await whatsappAdapter.send(TO, { kind: 'media', mediaType: 'file', url: 'https://cdn.example.com/menu.pdf' }, ctx);
    await whatsappAdapter.send(TO, { kind: 'location', latitude: 51.5, longitude: -0.12, name: 'Club' }, ctx);
    expect(graph.seen.map((r) => r.body)).toEqual([
      { ...head, type: 'image', image: { link: 'https://cdn.example.com/a.jpg', caption: 'Entrance' } },
      { ...head, type: 'document', document: { link: 'https://cdn.example.com/menu.pdf' } },
      { ...head, type: 'location', location: { latitude: 51.5, longitude: -0.12, name: 'Club' } },
    ]);
  });

  it('sends nothing for typing, since WhatsApp has no typing indicator', async () => {
    expect(await whatsappAdapter.send(TO, { kind: 'typing' }, ctx)).toEqual({ messageIds: [] });
    expect(graph.seen).toEqual([]);
  });

  it('maps a 429 throughput error (130429) to a retryable SendError with Retry-After', async () => {
    error(429, 130429, { 'retry-after': '7' });
    const err = await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ code: 'SEND_FAILED', status: 429, retryable: true, retryAfterMs: 7000, platformCode: 130429 });
  });

  it('treats the pair-rate and spam codes as retryable even on HTTP 400', async () => {
    for (const code of [131056, 131048, 80007, 4]) {
      error(400, code);
      await expect(whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, ctx)).rejects.toMatchObject({ retryable: true, platformCode: code, status: 400 });
    }
  });

  it('maps a 5xx to a retryable SendError', async () => {
    graph.reply(PATH, 503, 'Service Unavailable');
    await expect(whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, ctx)).rejects.toMatchObject({ retryable: true, status: 503 });
  });

  it('maps 131047 to a non-retryable SendError that says to send a template', async () => {
    error(400, 131047);
    const err = (await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ retryable: false, status: 400, platformCode: 131047 });
    expect(err.message).toContain("outside WhatsApp's 24-hour customer-service window: send a template message");
  });

  it('maps other 4xx errors to a non-retryable SendError with the Graph details', async () => {
    error(400, 100);
    const err = (await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ retryable: false, status: 400, platformCode: 100 });
    expect(err.message).toContain('details here');
  });

  it('maps a network failure to a retryable SendError without a status', async () => {
    graph.replyWithNetworkError(PATH);
    const err = (await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toBeInstanceOf(SendError);
    expect(err.retryable).toBe(true);
    expect(err.status).toBeUndefined();
  });

  it('never puts the token in the URL', async () => {
    ok();
    await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, ctx);
    expect(graph.seen[0].path).not.toContain('EAAG-token');
  });
});

describe('whatsappAdapter.setup', () => {
  it('prints what to paste into the dashboard and checks the handshake', async () => {
    graph.agent
      .get('https://bots.example.com')
      .intercept({ path: (p) => p.startsWith('/webhooks/whatsapp?'), method: 'GET' })
      .reply(200, (opts) => {
        const q = new URLSearchParams(String(opts.path).split('?')[1]);
        return q.get('hub.verify_token') === config.verifyToken ? (q.get('hub.challenge') ?? '') : 'Forbidden';
      });
    const printed = await whatsappAdapter.setup!.setWebhook('https://bots.example.com/webhooks/whatsapp', ctx);
    expect(printed).toContain('Callback URL:  https://bots.example.com/webhooks/whatsapp');
    expect(printed).toContain('Verify token:  wa-verify');
    expect(printed).toContain("answered Meta's handshake");
  });

  it('fails when the server answers the handshake with something else', async () => {
    graph.agent.get('https://bots.example.com').intercept({ path: (p) => p.startsWith('/webhooks/whatsapp?'), method: 'GET' }).reply(404, 'not found');
    await expect(whatsappAdapter.setup!.setWebhook('https://bots.example.com/webhooks/whatsapp', ctx)).rejects.toThrow(/404/);
  });

  it('shows the phone number the token reaches', async () => {
    graph.reply('/v21.0/112233445566778?fields=display_phone_number,verified_name,quality_rating', 200, {
      display_phone_number: '15550199876',
      verified_name: 'Parley Club',
      quality_rating: 'GREEN',
    });
    expect(await whatsappAdapter.setup!.webhookInfo(ctx)).toContain('15550199876 (Parley Club), quality GREEN');
  });
});
