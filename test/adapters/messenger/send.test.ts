import { describe, expect, it } from 'vitest';
import { SendError } from '../../../engine/errors.js';
import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { answerHandshake, jsonPost, useSendHarness } from '../shared/graph-mock.js';
import { messengerConfig as config } from '../shared/meta-configs.js';

const PATH = '/v21.0/me/messages';
const TO = '6837261940215583';

const t = useSendHarness('https://graph.facebook.com', config);

function ok(times = 1): void {
  for (let i = 0; i < times; i++) t.api.reply(PATH, 200, { recipient_id: TO, message_id: `m_OUT${i + 1}` });
}

function error(status: number, code: number, subcode?: number, headers?: Record<string, string>): void {
  t.api.reply(PATH, status, { error: { message: 'Graph says no', type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'x' } }, { headers });
}

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `opt${i + 1}`, title: `Option ${i + 1}` }));

describe('messengerAdapter.send', () => {
  it('POSTs a text to exactly /me/messages with the page token as a bearer header', async () => {
    ok();
    expect(await messengerAdapter.send(TO, { kind: 'text', text: 'Hello!' }, t.ctx)).toEqual({ messageIds: ['m_OUT1'] });
    expect(t.api.seen).toEqual([jsonPost(PATH, { authorization: 'Bearer EAAP-page-token' }, { recipient: { id: TO }, messaging_type: 'RESPONSE', message: { text: 'Hello!' } })]);
  });

  it('splits a text over 2000 characters into several messages', async () => {
    ok(2);
    const text = `${'a'.repeat(1990)} ${'b'.repeat(50)}`;
    expect((await messengerAdapter.send(TO, { kind: 'text', text }, t.ctx)).messageIds).toEqual(['m_OUT1', 'm_OUT2']);
    expect(t.api.seen.map((r) => (r.body as { message: { text: string } }).message.text)).toEqual(['a'.repeat(1990), 'b'.repeat(50)]);
  });

  it('renders options as quick replies with the id as payload and titles trimmed to 20', async () => {
    ok();
    await messengerAdapter.send(TO, { kind: 'options', text: 'Pick a time:', options: [{ id: 'slot:1800', title: '18:00' }, { id: 'slot:late', title: 'Later in the evening, please' }] }, t.ctx);
    expect(t.api.seen[0].body).toEqual({
      recipient: { id: TO },
      messaging_type: 'RESPONSE',
      message: {
        text: 'Pick a time:',
        quick_replies: [
          { content_type: 'text', title: '18:00', payload: 'slot:1800' },
          { content_type: 'text', title: 'Later in the evenin…', payload: 'slot:late' },
        ],
      },
    });
  });

  it('shows 13 options as quick replies and 14 as a numbered text', async () => {
    ok(2);
    await messengerAdapter.send(TO, { kind: 'options', text: 'Choose', options: options(13) }, t.ctx);
    await messengerAdapter.send(TO, { kind: 'options', text: 'Choose', options: options(14) }, t.ctx);
    expect((t.api.seen[0].body as { message: { quick_replies: unknown[] } }).message.quick_replies).toHaveLength(13);
    expect(t.api.seen[1].body).toEqual({
      recipient: { id: TO },
      messaging_type: 'RESPONSE',
      message: { text: `Choose\n\n${options(14).map((o, i) => `${i + 1}. ${o.title}`).join('\n')}` },
    });
  });

  it('puts the quick replies on the last part of a long text', async () => {
    ok(2);
    await messengerAdapter.send(TO, { kind: 'options', text: `${'y'.repeat(2000)} Which?`, options: options(2) }, t.ctx);
    expect(t.api.seen[0].body).toEqual({ recipient: { id: TO }, messaging_type: 'RESPONSE', message: { text: 'y'.repeat(2000) } });
    expect(t.api.seen[1].body).toMatchObject({ message: { text: 'Which?', quick_replies: [{ payload: 'opt1' }, { payload: 'opt2' }] } });
  });

  it('sends typing as the typing_on sender action, with no message id', async () => {
    t.api.reply(PATH, 200, { recipient_id: TO });
    expect(await messengerAdapter.send(TO, { kind: 'typing' }, t.ctx)).toEqual({ messageIds: [] });
    expect(t.api.seen[0].body).toEqual({ recipient: { id: TO }, sender_action: 'typing_on' });
  });

  it('sends media as an attachment and the caption as a following text', async () => {
    ok(2);
    const result = await messengerAdapter.send(TO, { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.jpg', caption: 'The entrance' }, t.ctx);
    expect(result.messageIds).toEqual(['m_OUT1', 'm_OUT2']);
    expect(t.api.seen.map((r) => r.body)).toEqual([
      { recipient: { id: TO }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { url: 'https://cdn.example.com/a.jpg', is_reusable: true } } } },
      { recipient: { id: TO }, messaging_type: 'RESPONSE', message: { text: 'The entrance' } },
    ]);
  });

  it('labels a send made with { proactive: true } UPDATE on every part: text, quick replies, attachment and caption', async () => {
    ok(3);
    const proactive = { ...t.ctx, proactive: true };
    await messengerAdapter.send(TO, { kind: 'options', text: 'Pick a time:', options: [{ id: 'slot:1800', title: '18:00' }] }, proactive);
    await messengerAdapter.send(TO, { kind: 'media', mediaType: 'file', url: 'https://cdn.example.com/menu.pdf', caption: 'Menu' }, proactive);
    expect(t.api.seen.map((r) => r.body)).toEqual([
      { recipient: { id: TO }, messaging_type: 'UPDATE', message: { text: 'Pick a time:', quick_replies: [{ content_type: 'text', title: '18:00', payload: 'slot:1800' }] } },
      { recipient: { id: TO }, messaging_type: 'UPDATE', message: { attachment: { type: 'file', payload: { url: 'https://cdn.example.com/menu.pdf', is_reusable: true } } } },
      { recipient: { id: TO }, messaging_type: 'UPDATE', message: { text: 'Menu' } },
    ]);
  });

  it('labels a send RESPONSE when proactive is false or absent', async () => {
    ok(2);
    await messengerAdapter.send(TO, { kind: 'text', text: 'a' }, { ...t.ctx, proactive: false });
    await messengerAdapter.send(TO, { kind: 'text', text: 'b' }, t.ctx);
    expect(t.api.seen.map((r) => r.body)).toEqual([
      { recipient: { id: TO }, messaging_type: 'RESPONSE', message: { text: 'a' } },
      { recipient: { id: TO }, messaging_type: 'RESPONSE', message: { text: 'b' } },
    ]);
  });

  it('sends typing without a messaging_type even when proactive', async () => {
    t.api.reply(PATH, 200, { recipient_id: TO });
    await messengerAdapter.send(TO, { kind: 'typing' }, { ...t.ctx, proactive: true });
    expect(t.api.seen[0].body).toEqual({ recipient: { id: TO }, sender_action: 'typing_on' });
  });

  it('sends a location as a text with a map link', async () => {
    ok();
    await messengerAdapter.send(TO, { kind: 'location', latitude: 51.5, longitude: -0.12, name: 'Club' }, t.ctx);
    expect(t.api.seen[0].body).toMatchObject({ message: { text: 'Club\nhttps://maps.google.com/?q=51.5,-0.12' } });
  });

  it('maps code 10/2018278 to a non-retryable SendError that names the 24-hour window', async () => {
    error(400, 10, 2018278);
    const err = (await messengerAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ retryable: false, status: 400, platformCode: 10 });
    expect(err.message).toContain('outside Messenger\'s 24-hour standard messaging window');
  });

  it('maps rate-limit and temporary codes (613, 4, 2) to retryable SendErrors', async () => {
    for (const code of [613, 4, 2]) {
      error(400, code);
      await expect(messengerAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx)).rejects.toMatchObject({ retryable: true, platformCode: code });
    }
  });

  it('maps HTTP 429 with Retry-After and 5xx to retryable SendErrors', async () => {
    error(429, 613, undefined, { 'retry-after': '3' });
    await expect(messengerAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx)).rejects.toMatchObject({ retryable: true, status: 429, retryAfterMs: 3000 });
    t.api.reply(PATH, 500, { error: { message: 'An unexpected error has occurred.', code: 1 } });
    await expect(messengerAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx)).rejects.toMatchObject({ retryable: true, status: 500 });
  });

  it('maps an invalid token (190) to a non-retryable SendError', async () => {
    error(401, 190);
    await expect(messengerAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx)).rejects.toMatchObject({ retryable: false, status: 401, platformCode: 190 });
  });

  it('maps a network failure to a retryable SendError', async () => {
    t.api.replyWithNetworkError(PATH);
    await expect(messengerAdapter.send(TO, { kind: 'text', text: 'hi' }, t.ctx)).rejects.toMatchObject({ retryable: true, code: 'SEND_FAILED' });
  });
});

describe('messengerAdapter.setup', () => {
  it('sets the greeting, Get Started payload and persistent menu in one profile call', async () => {
    t.api.reply('/v21.0/me/messenger_profile', 200, { result: 'success' });
    const text = await messengerAdapter.setup!.setProfile!(
      { greeting: 'Hi {{user_first_name}}!', getStartedPayload: 'GET_STARTED', persistentMenu: [{ title: 'Menu', payload: 'MENU' }] },
      t.ctx,
    );
    expect(text).toContain('greeting, get_started, persistent_menu');
    expect(t.api.seen[0]).toMatchObject({
      path: '/v21.0/me/messenger_profile',
      headers: { authorization: 'Bearer EAAP-page-token' },
      body: {
        greeting: [{ locale: 'default', text: 'Hi {{user_first_name}}!' }],
        get_started: { payload: 'GET_STARTED' },
        persistent_menu: [{ locale: 'default', composer_input_disabled: false, call_to_actions: [{ type: 'postback', title: 'Menu', payload: 'MENU' }] }],
      },
    });
  });

  it('subscribes the Page to the webhook fields and reports the subscription', async () => {
    t.api.reply('/v21.0/me/subscribed_apps?subscribed_fields=messages,messaging_postbacks,message_deliveries,message_reads', 200, { success: true });
    t.api.reply('/v21.0/me/subscribed_apps', 200, { data: [{ name: 'Parley', id: '931827465019283', subscribed_fields: ['messages', 'messaging_postbacks'] }] });
    // The running server answers Meta's handshake with the challenge when the verify token matches.
    answerHandshake(t.api, 'messenger', config.verifyToken);
    const printed = await messengerAdapter.setup!.setWebhook('https://bots.example.com/webhooks/messenger', t.ctx);
    expect(printed).toContain('Callback URL:  https://bots.example.com/webhooks/messenger');
    expect(printed).toContain(`Verify token:  ${config.verifyToken}`);
    expect(printed).toContain('answered Meta\'s handshake');
    expect(t.api.seen[0].method).toBe('POST');
    expect(await messengerAdapter.setup!.webhookInfo(t.ctx)).toBe('Parley: messages, messaging_postbacks');
  });

  it('fails set-up when the server does not answer the handshake', async () => {
    t.api.reply('/v21.0/me/subscribed_apps?subscribed_fields=messages,messaging_postbacks,message_deliveries,message_reads', 200, { success: true });
    answerHandshake(t.api, 'messenger', config.verifyToken, { status: 403, body: 'Forbidden' });
    await expect(messengerAdapter.setup!.setWebhook('https://bots.example.com/webhooks/messenger', t.ctx)).rejects.toThrow(/instead of the challenge/);
  });
});
