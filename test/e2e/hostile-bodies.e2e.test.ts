/**
 * Hostile bodies over real HTTP: a batch with one bad event is acknowledged and its good
 * events run; a pathological body cannot fail the webhooks committed next to it; prototype
 * names are not platforms; repeated handshake parameters are a 400, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startMessengerApi } from '../support/stand-ins/messenger-api.js';
import { startTelegramApi } from '../support/stand-ins/telegram-api.js';
import { startWhatsappApi } from '../support/stand-ins/whatsapp-api.js';
import type { RecordingServer } from '../support/stand-ins/recording-server.js';
import { messengerTextBody, signedMetaBody, whatsappTextBody } from '../support/webhooks/meta.js';
import { signedTelegramUpdate, telegramTextUpdate } from '../support/webhooks/telegram.js';
import { startTestParley, type TestParley } from '../support/parley-server.js';

const WA_SECRET = 'wa_app_secret';
const FB_SECRET = 'fb_app_secret';
const TG_SECRET = 'tg_secret-1';

let parley: TestParley;
let wa: RecordingServer;
let fb: RecordingServer;
let tg: RecordingServer;

beforeAll(async () => {
  [wa, fb, tg] = await Promise.all([startWhatsappApi(), startMessengerApi(), startTelegramApi({ token: 'tg-token' })]);
  parley = await startTestParley({
    WHATSAPP_TOKEN: 'wa-token', WHATSAPP_APP_SECRET: WA_SECRET, WHATSAPP_VERIFY_TOKEN: 'wa-verify',
    WHATSAPP_PHONE_NUMBER_ID: '112233445566778', WHATSAPP_API_URL: wa.url,
    MESSENGER_PAGE_TOKEN: 'fb-token', MESSENGER_APP_SECRET: FB_SECRET, MESSENGER_VERIFY_TOKEN: 'fb-verify', MESSENGER_API_URL: fb.url,
    TELEGRAM_BOT_TOKEN: 'tg-token', TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_API_URL: tg.url,
  });
});
afterAll(async () => {
  await parley?.stop();
  await Promise.all([wa?.close(), fb?.close(), tg?.close()]);
});

async function post(path: string, hook: { headers: Record<string, string>; body: string }) {
  const res = await request(`${parley.url}${path}`, { method: 'POST', headers: hook.headers, body: hook.body });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

type Json = Record<string, any>;

describe('a batch with one bad event', () => {
  it('WhatsApp: acknowledges 200, runs the good messages and dead-letters the bad one', async () => {
    const body = whatsappTextBody({ waId: '5491100000001', name: 'Ana' }, '!echo uno') as Json;
    const value = body.entry[0].changes[0].value;
    const good = value.messages[0];
    value.messages = [good, { ...good, id: 'wamid.bad', from: null }, { ...good, id: 'wamid.good2', text: { body: '!echo dos' } }];
    // A second change whose `messages` is an object, as the issue saw.
    body.entry[0].changes.push({ field: 'messages', value: { ...value, messages: { from: 'x' } } });
    const res = await post('/webhooks/whatsapp', signedMetaBody(body, WA_SECRET));
    expect(res.status).toBe(200);
    const sent = await wa.waitFor((rs) => rs.filter((r) => (r.body as Json)?.to === '5491100000001').length >= 2);
    expect(sent.filter((r) => (r.body as Json)?.to === '5491100000001').map((r) => (r.body as Json).text?.body)).toEqual(['uno', 'dos']);
    const letters = await parley.store.deadLetters(10);
    expect(letters).toEqual(expect.arrayContaining([
      expect.objectContaining({ platform: 'whatsapp', eventId: 'wamid.bad', reason: 'entry[0].changes[0].messages[1]: the message has no string "from"' }),
      expect.objectContaining({ platform: 'whatsapp', reason: 'entry[0].changes[1].messages: is not an array' }),
    ]));
    expect(letters.every((l) => typeof l.at === 'number' && l.at > 0)).toBe(true);
  });

  it('Messenger: acknowledges 200, runs the good entry and dead-letters the item without a sender', async () => {
    const body = messengerTextBody('7100000000000001', '!echo tres') as Json;
    body.entry.push({ id: 'p', time: 1, messaging: [{ recipient: { id: 'p' }, timestamp: 1, message: { mid: 'm_bad', text: 'x' } }] });
    const res = await post('/webhooks/messenger', signedMetaBody(body, FB_SECRET));
    expect(res.status).toBe(200);
    const sent = await fb.waitFor((rs) => rs.some((r) => (r.body as Json)?.recipient?.id === '7100000000000001' && (r.body as Json)?.message));
    expect(sent.filter((r) => (r.body as Json)?.recipient?.id === '7100000000000001' && (r.body as Json)?.message).map((r) => (r.body as Json).message.text)).toEqual(['tres']);
    expect(await parley.store.deadLetters(10)).toContainEqual(
      expect.objectContaining({ platform: 'messenger', eventId: 'm_bad', reason: 'entry[1].messaging[0]: the messaging item has no sender with a string id' }),
    );
  });

  it('Telegram: an update whose chat is null is acknowledged and dead-lettered, not a 500', async () => {
    const update = telegramTextUpdate({ id: 42, name: 'Bo' }, 'hola') as Json;
    update.message.chat = null;
    const res = await post('/webhooks/telegram', signedTelegramUpdate(update, TG_SECRET));
    expect(res.status).toBe(200);
    expect(await parley.store.deadLetters(10)).toContainEqual(expect.objectContaining({ platform: 'telegram', eventId: String(update.update_id) }));
  });

  it('records at most 100 dead letters for one body, and counts the rest', async () => {
    const body = whatsappTextBody({ waId: '5491100000002', name: 'Eva' }, '!echo cuatro') as Json;
    const value = body.entry[0].changes[0].value;
    value.messages = [...Array.from({ length: 5000 }, () => 7), value.messages[0]];
    const res = await post('/webhooks/whatsapp', signedMetaBody(body, WA_SECRET));
    expect(res.status).toBe(200);
    await wa.waitFor((rs) => rs.some((r) => (r.body as Json)?.to === '5491100000002'));
    const letters = await parley.store.deadLetters(1000);
    expect(letters[0]).toMatchObject({ platform: 'whatsapp', reason: 'and 4900 more items of this body skipped' });
    expect(letters.filter((l) => /^entry\[0\]\.changes\[0\]\.messages\[\d+\]: the message is not an object$/.test(l.reason))).toHaveLength(100);
  });
});

describe('one body cannot fail another', () => {
  it('a deeply nested array as text, posted with 20 good webhooks at once: every good one is acknowledged and answered', async () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const bad = telegramTextUpdate({ id: 43, name: 'Bo' }, 'HOLE') as Json;
    const badBody = JSON.stringify(bad).replace('"HOLE"', deep);
    const users = Array.from({ length: 20 }, (_, i) => 1000 + i);
    const results = await Promise.all([
      post('/webhooks/telegram', { headers: signedTelegramUpdate({}, TG_SECRET).headers, body: badBody }),
      ...users.map((id) => post('/webhooks/telegram', signedTelegramUpdate(telegramTextUpdate({ id, name: 'U' }, `!echo e${id}`), TG_SECRET))),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(21).fill(200));
    const sent = await tg.waitFor((rs) => users.every((id) => rs.some((r) => (r.body as Json)?.chat_id === id)));
    for (const id of users) expect(sent.find((r) => (r.body as Json)?.chat_id === id)?.body).toMatchObject({ text: `e${id}` });
    expect(await parley.store.deadLetters(50)).toContainEqual(expect.objectContaining({ platform: 'telegram', reason: expect.stringContaining('message.text is not a string') }));
  });
});

describe('routes', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'nope'])('/webhooks/%s is 404 on GET and POST', async (name) => {
    const get = await request(`${parley.url}/webhooks/${name}`);
    await get.body.text();
    expect(get.statusCode).toBe(404);
    const posted = await post(`/webhooks/${name}`, { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(posted.status).toBe(404);
  });

  it('a repeated handshake parameter is 400', async () => {
    for (const query of ['hub.mode=a&hub.mode=b', 'hub.mode=subscribe&hub.verify_token=wa-verify&hub.verify_token=x&hub.challenge=1']) {
      const res = await request(`${parley.url}/webhooks/whatsapp?${query}`);
      expect(res.statusCode).toBe(400);
      expect(await res.body.json()).toEqual({ error: expect.stringMatching(/^query parameter hub\.(mode|verify_token) is repeated/) });
    }
  });

  it('the handshake itself still answers its challenge', async () => {
    const res = await request(`${parley.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wa-verify&hub.challenge=77`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('77');
  });
});
