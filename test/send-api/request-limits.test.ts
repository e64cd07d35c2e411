/**
 * The send API's limits and its outbound guard, over real HTTP with the allow-list off:
 * prototype names are unknown platforms, a body over the limit is 413, lengths are capped,
 * media must be https, and no callback or media URL may point into the server's network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SEND_LIMITS } from '../../app/send-api/openapi.js';
import { ssrfUrls, startCountingListener, type CountingListener } from '../support/ssrf-targets.js';
import { API_TOKEN, startSendApiServer, type SendApiServer } from './send-api-harness.js';

let t: SendApiServer;
let listener: CountingListener;

// The outbound allow-list is off, so the guard sees every inner address.
beforeAll(async () => void ([t, listener] = await Promise.all([startSendApiServer({ PARLEY_OUTBOUND_ALLOW: undefined }), startCountingListener()])));
afterAll(async () => Promise.all([t?.stop(), listener?.close()]));

const ok = { platform: 'telegram', to: '4242', text: 'hola' };

describe('send API platforms', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('answers 400 unknown platform for %s', async (platform) => {
    const res = await t.api.send({ ...ok, platform });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe(`unknown platform "${platform}"; use one of telegram, whatsapp, viber, messenger, web`);
  });
});

describe('send API sizes', () => {
  it('answers 413 for a 1.2 MB body', async () => {
    const res = await t.api.send({ ...ok, text: 'x'.repeat(1_200_000) });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: 'body larger than 1000000 bytes' });
  });

  it.each([
    ['a 900 kB to', { ...ok, to: '1'.repeat(900_000) }, /\/to must NOT have more than 128 characters/],
    [`a to of ${SEND_LIMITS.to + 1}`, { ...ok, to: '1'.repeat(SEND_LIMITS.to + 1) }, /\/to must NOT have more than 128/],
    [`a text of ${SEND_LIMITS.text + 1}`, { ...ok, text: 'x'.repeat(SEND_LIMITS.text + 1) }, /\/text must NOT have more than 4096/],
    ['a 3,000-character media URL', { ...ok, media: `https://cdn.example.com/${'a'.repeat(3000)}.png` }, /\/media must NOT have more than 2048/],
    ['a long callback_url', { ...ok, callback_url: `https://hooks.example.com/${'a'.repeat(3000)}` }, /\/callback_url must NOT have more than 2048/],
    ['a long caption', { ...ok, media: { url: 'https://cdn.example.com/a.png', caption: 'c'.repeat(1025) } }, /\/media\/caption must NOT have more than 1024/],
    ['a long option title', { ...ok, options: [{ id: 'a', title: 't'.repeat(257) }] }, /\/options\/0\/title must NOT have more than 256/],
  ])('answers 400 for %s', async (_what, body, reason) => {
    const res = await t.api.send(body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(reason);
  });

  it('accepts the longest allowed to and text', async () => {
    const res = await t.api.send({ ...ok, to: '1'.repeat(SEND_LIMITS.to), text: 'x'.repeat(SEND_LIMITS.text) });
    expect(res.status).toBe(202);
  });
});

describe('send API URLs (allow-list off)', () => {
  it.each(['file:///etc/passwd', 'http://cdn.example.com/a.png', 'ftp://cdn.example.com/a.png'])('refuses the media URL %s', async (url) => {
    for (const media of [url, { type: 'file', url }]) {
      const res = await t.api.send({ ...ok, media });
      expect(res.status).toBe(400);
    }
  });

  it('refuses every inner-address spelling as callback_url and as media, and the listener receives nothing', async () => {
    // The names of ssrfUrls that only the test resolver knows are left out: the server uses
    // the system resolver, and a name it cannot resolve is checked again when called.
    const urls = ssrfUrls(listener.port).filter((u) => !u.includes('parley.test'));
    for (const url of urls) {
      const asCallback = await t.api.send({ ...ok, callback_url: url });
      expect(asCallback.status, url).toBe(400);
      const asMedia = await t.api.send({ ...ok, media: url });
      expect(asMedia.status, url).toBe(400);
    }
    const res = await t.api.send({ ...ok, callback_url: `https://localhost:${listener.port}/hook` });
    expect(res.json.error).toMatch(/^callback_url: localhost is an address of the server's own network/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listener.connections()).toBe(0);
    expect(urls.length).toBeGreaterThanOrEqual(38);
  });

  it('answers with nosniff, and /healthz shows platforms only to ?verbose with the API token', async () => {
    const res = await t.api.send({ ...ok, platform: 'nope' });
    const raw = await request(`${t.parley.url}/healthz`);
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    expect(await raw.body.json()).toEqual({ status: 'ok' });
    const anonymous = await request(`${t.parley.url}/healthz?verbose`);
    expect(await anonymous.body.json()).toEqual({ status: 'ok' });
    const verbose = await request(`${t.parley.url}/healthz?verbose`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
      // The verbose body also carries the outbox backlog per platform (README "Outbound") and
      // the last flows reload (README "Changing flows while the bot runs").
      expect(await verbose.body.json()).toEqual({ status: 'ok', platforms: ['telegram', 'whatsapp', 'viber', 'messenger', 'web'], outbox: expect.any(Object), reload: expect.any(Object) });
    expect(res.status).toBe(400);
  });
});
