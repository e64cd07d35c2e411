import { describe, expect, it } from 'vitest';
import { SendError } from '../../../engine/errors.js';
import { viberAdapter } from '../../../adapters/viber/index.js';
import type { ViberConfig } from '../../../adapters/viber/config.js';
import { jsonPost, useSendHarness } from '../shared/graph-mock.js';

const config: ViberConfig = { authToken: 'viber-token', botName: 'Tablekeeper', apiUrl: 'https://chatapi.viber.com/pa' };
const PATH = '/pa/send_message';
const TO = 'Tq7sK1mZp0Wc9bX2fYv4Ng==';
const head = { receiver: TO, min_api_version: 1, sender: { name: 'Tablekeeper' }, tracking_data: '' };

const t = useSendHarness('https://chatapi.viber.com', config);

let token = 5491270987643298618n;
/** Viber's success answer, with the 64-bit token written raw as Viber does. */
function ok(times = 1): void {
  for (let i = 0; i < times; i++) {
    token += 1n;
    t.api.reply(PATH, 200, `{"status":0,"status_message":"ok","message_token":${token},"chat_hostname":"SN-CHAT-07_","billing_status":0}`);
  }
}
const bodies = () => t.api.seen.map((r) => r.body);

describe('viberAdapter.send', () => {
  it('POSTs send_message with the auth token header and returns the exact 64-bit message token', async () => {
    ok();
    const result = await viberAdapter.send(TO, { kind: 'text', text: 'Hello!' }, t.ctx);
    expect(result).toEqual({ messageIds: [token.toString()] });
    expect(t.api.seen).toEqual([jsonPost(PATH, { 'x-viber-auth-token': 'viber-token' }, { ...head, type: 'text', text: 'Hello!' })]);
  });

  it('adds the avatar to the sender when configured', async () => {
    ok();
    await viberAdapter.send(TO, { kind: 'text', text: 'Hi' }, { ...t.ctx, config: { ...config, botAvatar: 'https://a.test/bot.jpg' } });
    expect(bodies()[0]).toMatchObject({ sender: { name: 'Tablekeeper', avatar: 'https://a.test/bot.jpg' } });
  });

  it('splits a text over 7000 characters on whitespace', async () => {
    ok(2);
    const result = await viberAdapter.send(TO, { kind: 'text', text: `${'a'.repeat(6999)} ${'b'.repeat(10)}` }, t.ctx);
    expect(result.messageIds).toHaveLength(2);
    expect(bodies()).toEqual([
      { ...head, type: 'text', text: 'a'.repeat(6999) },
      { ...head, type: 'text', text: 'b'.repeat(10) },
    ]);
  });

  it('renders options as a reply keyboard with the offered ids in tracking_data and min_api_version 7', async () => {
    ok();
    await viberAdapter.send(
      TO,
      { kind: 'options', text: 'Pick a time:', options: [{ id: 'slot:18', title: '18:00' }, { id: 'slot:19', title: '19:30' }] },
      t.ctx,
    );
    expect(bodies()).toEqual([
      {
        ...head,
        min_api_version: 7,
        tracking_data: '{"parley":{"options":["slot:18","slot:19"]}}',
        type: 'text',
        text: 'Pick a time:',
        keyboard: {
          Type: 'keyboard',
          DefaultHeight: false,
          Buttons: [
            { Columns: 6, Rows: 1, ActionType: 'reply', ActionBody: 'slot:18', Text: '18:00' },
            { Columns: 6, Rows: 1, ActionType: 'reply', ActionBody: 'slot:19', Text: '19:30' },
          ],
        },
      },
    ]);
  });

  it('trims button titles over 250 characters and degrades more than 24 options to a numbered text', async () => {
    ok(2);
    await viberAdapter.send(TO, { kind: 'options', text: 'Pick', options: [{ id: 'a', title: 'x'.repeat(260) }] }, t.ctx);
    const many = Array.from({ length: 25 }, (_, i) => ({ id: `o${i + 1}`, title: `Option ${i + 1}` }));
    await viberAdapter.send(TO, { kind: 'options', text: 'Choose', options: many }, t.ctx);
    const [first, second] = bodies() as { text: string; keyboard?: { Buttons: { Text: string }[] } }[];
    expect(first!.keyboard!.Buttons[0]!.Text).toBe(`${'x'.repeat(249)}…`);
    expect(second).toEqual({ ...head, type: 'text', text: expect.stringMatching(/^Choose\n\n1\. Option 1\n[\s\S]*\n25\. Option 25$/) });
  });

  it('sends no request for typing, which Viber does not have', async () => {
    expect(await viberAdapter.send(TO, { kind: 'typing' }, t.ctx)).toEqual({ messageIds: [] });
    expect(t.api.seen).toEqual([]);
  });

  it('sends an image as a picture, a file as a url message, and a location', async () => {
    ok(3);
    await viberAdapter.send(TO, { kind: 'media', mediaType: 'image', url: 'https://x.test/a.jpg', caption: 'Door' }, t.ctx);
    await viberAdapter.send(TO, { kind: 'media', mediaType: 'file', url: 'https://x.test/menu.pdf' }, t.ctx);
    await viberAdapter.send(TO, { kind: 'location', latitude: 51.5, longitude: -0.12 }, t.ctx);
    expect(bodies()).toEqual([
      { ...head, type: 'picture', media: 'https://x.test/a.jpg', text: 'Door' },
      { ...head, type: 'url', media: 'https://x.test/menu.pdf' },
      { ...head, type: 'location', location: { lat: 51.5, lon: -0.12 } },
    ]);
  });

  it('maps status 12 (too many requests) to a retryable SendError', async () => {
    t.api.reply(PATH, 200, { status: 12, status_message: 'Too many requests' });
    const err = await viberAdapter.send(TO, { kind: 'text', text: 'x' }, t.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ retryable: true, platformCode: 12 });
  });

  it('maps status 6 (not subscribed) to a non-retryable SendError that says so', async () => {
    t.api.reply(PATH, 200, { status: 6, status_message: 'receiverNotSubscribed' });
    const err = (await viberAdapter.send(TO, { kind: 'text', text: 'x' }, t.ctx).catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ retryable: false, platformCode: 6 });
    expect(err.message).toContain('not subscribed');
  });

  it('maps HTTP 429 with Retry-After and HTTP 5xx to retryable SendErrors', async () => {
    t.api.reply(PATH, 429, 'slow down', { headers: { 'retry-after': '3' } });
    t.api.reply(PATH, 503, 'unavailable');
    await expect(viberAdapter.send(TO, { kind: 'text', text: 'x' }, t.ctx)).rejects.toMatchObject({ retryable: true, status: 429, retryAfterMs: 3000 });
    await expect(viberAdapter.send(TO, { kind: 'text', text: 'x' }, t.ctx)).rejects.toMatchObject({ retryable: true, status: 503 });
  });

  it('maps a network failure to a retryable SendError', async () => {
    t.api.replyWithNetworkError(PATH);
    await expect(viberAdapter.send(TO, { kind: 'text', text: 'x' }, t.ctx)).rejects.toMatchObject({ retryable: true });
  });
});
