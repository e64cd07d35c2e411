import { describe, expect, it } from 'vitest';
import { SendError } from '../../../engine/errors.js';
import { whatsappAdapter } from '../../../adapters/whatsapp/index.js';
import { answerHandshake, jsonPost, useSendHarness } from '../shared/graph-mock.js';
import { whatsappConfig as config } from '../shared/meta-configs.js';

const PATH = '/v21.0/112233445566778/messages';
const TO = '447700900123';
const head = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

const t = useSendHarness('https://graph.facebook.com', config);

function ok(times = 1): void {
  for (let i = 0; i < times; i++) {
    t.api.reply(PATH, 200, { messaging_product: 'whatsapp', contacts: [{ input: TO, wa_id: TO }], messages: [{ id: `wamid.OUT${i + 1}` }] });
  }
}

function error(status: number, code: number, headers?: Record<string, string>): void {
  t.api.reply(PATH, status, { error: { message: `(#${code}) something`, type: 'OAuthException', code, error_data: { details: 'details here' }, fbtrace_id: 'AbC' } }, { headers });
}

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `opt${i + 1}`, title: `Option ${i + 1}` }));

describe('whatsappAdapter.send', () => {
  it('POSTs a text to /<phone-number-id>/messages with the bearer token and returns the wamid', async () => {
    ok();
    expect(await whatsappAdapter.send(TO, { kind: 'text', text: 'Hola!' }, t.ctx)).toEqual({ messageIds: ['wamid.OUT1'] });
    expect(t.api.seen).toEqual([jsonPost(PATH, { authorization: 'Bearer EAAG-token' }, { ...head, type: 'text', text: { body: 'Hola!', preview_url: false } })]);
  });

  it('splits a text over 4096 characters on whitespace into several messages', async () => {
    ok(2);
    const text = `${'a'.repeat(4000)} ${'b'.repeat(200)}`;
    expect(await whatsappAdapter.send(TO, { kind: 'text', text }, t.ctx)).toEqual({ messageIds: ['wamid.OUT1', 'wamid.OUT2'] });
    expect(t.api.seen.map((r) => (r.body as { text: { body: string } }).text.body)).toEqual(['a'.repeat(4000), 'b'.repeat(200)]);
  });

  it('renders up to 3 options as reply buttons with titles trimmed to 20 characters', async () => {
    ok();
    await whatsappAdapter.send(
      TO,
      { kind: 'options', text: 'Por favor elije una opción:', options: [{ id: 'pool', title: 'Pileta' }, { id: 'tennis', title: 'Tenis' }, { id: 'hall', title: 'Salón de usos múltiples' }] },
      t.ctx,
    );
    expect(t.api.seen[0].body).toEqual({
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
    await whatsappAdapter.send(TO, { kind: 'options', text: 'Choose', options: opts }, t.ctx);
    const body = t.api.seen[0].body as { interactive: { type: string; action: { button: string; sections: { rows: { id: string; title: string }[] }[] } } };
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
    await whatsappAdapter.send(TO, { kind: 'options', text: 'Pick one', options: options(11) }, t.ctx);
    const body = t.api.seen[0].body as { type: string; text: { body: string } };
    expect(body.type).toBe('text');
    expect(body.text.body).toBe(`Pick one\n\n${options(11).map((o, i) => `${i + 1}. ${o.title}`).join('\n')}`);
  });

  it('sends the text beyond the 1024-character interactive body first, then the buttons', async () => {
    ok(2);
    const text = `${'x'.repeat(1500)} ${'Which one?'}`;
    const result = await whatsappAdapter.send(TO, { kind: 'options', text, options: options(2) }, t.ctx);
    expect(result.messageIds).toEqual(['wamid.OUT1', 'wamid.OUT2']);
    expect(t.api.seen[0].body).toMatchObject({ type: 'text', text: { body: 'x'.repeat(1024) } });
    expect(t.api.seen[1].body).toMatchObject({ type: 'interactive', interactive: { type: 'button', body: { text: `${'x'.repeat(476)} Which one?` } } });
  });

  it('gives an options message without text a non-empty interactive body', async () => {
    ok();
    await whatsappAdapter.send(TO, { kind: 'options', text: '', options: options(2) }, t.ctx);
    expect(t.api.seen[0].body).toMatchObject({ type: 'interactive', interactive: { body: { text: '…' } } });
  });

  it('sends media by link, a file as a document, and a location', async () => {
    ok(3);
    await whatsappAdapter.send(TO, { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.jpg', caption: 'Entrance' }, t.ctx);
    await whatsappAdapter.send(TO, { kind: 'media', mediaType: 'file', url: 'https://cdn.example.com/menu.pdf' }, t.ctx);
    await whatsappAdapter.send(TO, { kind: 'location', latitude: 51.5, longitude: -0.12, name: 'Club' }, t.ctx);
    expect(t.api.seen.map((r) => r.body)).toEqual([
      { ...head, type: 'image', image: { link: 'https://cdn.example.com/a.jpg', caption: 'Entrance' } },
      { ...head, type: 'document', document: { link: 'https://cdn.example.com/menu.pdf' } },
      { ...head, type: 'location', location: { latitude: 51.5, longitude: -0.12, name: 'Club' } },
    ]);
  });

  it('sends nothing for typing, since WhatsApp has no typing indicator', async () => {
    expect(await whatsappAdapter.send(TO, { kind: 'typing' }, t.ctx)).toEqual({ messageIds: [] });
    expect(t.api.seen).toEqual([]);
  });

  it('maps a 429 throughput error (130429) to a retryable SendError with Retry-After', async () => {
    error(429, 130429, { 'retry-after': '7' });
    const err = await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ code: 'SEND_FAILED', status: 429, retryable: true, retryAfterMs: 7000, platformCode: 130429 });
  });

  it('treats the pair-rate and spam codes as retryable even on HTTP 400', async () => {
    for (const code of [131056, 131048, 80007, 4]) {
      error(400, code);
      await expect(whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx)).rejects.toMatchObject({ retryable: true, platformCode: code, status: 400 });
    }
  });

  it('maps a 5xx to a retryable SendError', async () => {
    t.api.reply(PATH, 503, 'Service Unavailable');
    await expect(whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx)).rejects.toMatchObject({ retryable: true, status: 503 });
  });

  it('maps 131047 to a non-retryable SendError that says to send a template', async () => {
    error(400, 131047);
    const err = (await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ retryable: false, status: 400, platformCode: 131047 });
    expect(err.message).toContain("outside WhatsApp's 24-hour customer-service window: send a template message");
  });

  it('maps other 4xx errors to a non-retryable SendError with the Graph details', async () => {
    error(400, 100);
    const err = (await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ retryable: false, status: 400, platformCode: 100 });
    expect(err.message).toContain('details here');
  });

  it('maps a network failure to a retryable SendError without a status', async () => {
    t.api.replyWithNetworkError(PATH);
    const err = (await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toBeInstanceOf(SendError);
    expect(err.retryable).toBe(true);
    expect(err.status).toBeUndefined();
  });

  it('never puts the token in the URL', async () => {
    ok();
    await whatsappAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx);
    expect(t.api.seen[0].path).not.toContain('EAAG-token');
  });
});

describe('whatsappAdapter.setup', () => {
  it('prints what to paste into the dashboard and checks the handshake', async () => {
    answerHandshake(t.api, 'whatsapp', config.verifyToken);
    const printed = await whatsappAdapter.setup!.setWebhook('https://bots.example.com/webhooks/whatsapp', t.ctx);
    expect(printed).toContain('Callback URL:  https://bots.example.com/webhooks/whatsapp');
    expect(printed).toContain('Verify token:  wa-verify');
    expect(printed).toContain("answered Meta's handshake");
  });

  it('fails when the server answers the handshake with something else', async () => {
    answerHandshake(t.api, 'whatsapp', config.verifyToken, { status: 404, body: 'not found' });
    await expect(whatsappAdapter.setup!.setWebhook('https://bots.example.com/webhooks/whatsapp', t.ctx)).rejects.toThrow(/404/);
  });

  it('shows the phone number the token reaches', async () => {
    t.api.reply('/v21.0/112233445566778?fields=display_phone_number,verified_name,quality_rating', 200, {
      display_phone_number: '15550199876',
      verified_name: 'Parley Club',
      quality_rating: 'GREEN',
    });
    expect(await whatsappAdapter.setup!.webhookInfo(t.ctx)).toContain('15550199876 (Parley Club), quality GREEN');
  });
});
