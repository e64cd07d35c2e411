import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import type { WebhookRequest } from '../../../engine/types.js';
import { webAdapter } from '../../../adapters/web/index.js';
import type { WebConfig } from '../../../adapters/web/config.js';
import { WebHub } from '../../../adapters/web/client.js';

const CONVERSATION = 'c0nversation-id-0123';
const config = (over: Partial<WebConfig> = {}): WebConfig => ({ origins: [], hub: new WebHub(), keepAliveMs: 60_000, now: () => 1_000, ...over });
const request = (body: unknown, headers: Record<string, string> = {}): WebhookRequest => ({
  method: 'POST',
  headers: { host: 'bot.example', ...headers },
  query: {},
  rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
const parse = (body: unknown) => webAdapter.parse(request(body), config());

describe('parseWebRequest', () => {
  it('reads a text with the user the page chose', () => {
    expect(parse({ id: 'm1', conversation: CONVERSATION, user: { name: 'Ana', locale: 'es-AR' }, text: 'Hola' })).toEqual([
      { platform: 'web', conversation: CONVERSATION, user: { id: CONVERSATION, name: 'Ana', locale: 'es-AR' }, eventId: 'm1', timestamp: 1_000, kind: 'text', text: 'Hola' },
    ]);
  });

  it('reads a button press, a location, a media message and a lifecycle event', () => {
    const base = { id: 'm2', conversation: CONVERSATION };
    expect(parse({ ...base, option: { id: 'tennis', title: 'Tenis' } })[0]).toMatchObject({ kind: 'option', optionId: 'tennis', title: 'Tenis' });
    expect(parse({ ...base, location: { latitude: -34.6, longitude: -58.4 } })[0]).toMatchObject({ kind: 'location', latitude: -34.6, longitude: -58.4 });
    expect(parse({ ...base, media: { type: 'image', url: 'https://x.example/a.jpg' } })[0]).toMatchObject({ kind: 'media', mediaType: 'image', url: 'https://x.example/a.jpg' });
    expect(parse({ ...base, event: 'started' })[0]).toMatchObject({ kind: 'lifecycle', lifecycle: 'started' });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['a short conversation id', { id: 'm', conversation: 'short', text: 'x' }],
    ['two kinds at once', { id: 'm', conversation: CONVERSATION, text: 'x', event: 'started' }],
    ['no kind', { id: 'm', conversation: CONVERSATION }],
    ['a text past 4096 characters', { id: 'm', conversation: CONVERSATION, text: 'x'.repeat(4097) }],
    ['a latitude out of range', { id: 'm', conversation: CONVERSATION, location: { latitude: 91, longitude: 0 } }],
    ['a file: media URL', { id: 'm', conversation: CONVERSATION, media: { type: 'image', url: 'file:///etc/passwd' } }],
    ['a bad locale', { id: 'm', conversation: CONVERSATION, user: { locale: 'es_AR!' }, text: 'x' }],
  ])('refuses %s with a ParseError', (_what, body) => {
    expect(() => parse(body)).toThrow(ParseError);
  });
});

describe('verifyWebRequest', () => {
  it('accepts the server\'s own pages and listed origins, refuses others with 403', () => {
    const c = config({ origins: ['https://shop.example'] });
    expect(webAdapter.verify(request({}, { origin: 'https://bot.example' }), c).kind).toBe('accept');
    expect(webAdapter.verify(request({}, { origin: 'https://shop.example' }), c).kind).toBe('accept');
    expect(webAdapter.verify(request({}, { origin: 'https://evil.example' }), c)).toMatchObject({ kind: 'reject', status: 403 });
  });

  it('asks clients without an allowed origin for the token when one is set', () => {
    const c = config({ token: 'site-key-0123456789' });
    expect(webAdapter.verify(request({}), c)).toMatchObject({ kind: 'reject', status: 401 });
    expect(webAdapter.verify(request({}, { authorization: 'Bearer wrong' }), c)).toMatchObject({ kind: 'reject', status: 401 });
    expect(webAdapter.verify(request({}, { authorization: 'Bearer site-key-0123456789' }), c).kind).toBe('accept');
    // A same-site EventSource sends no Origin, but says so in Sec-Fetch-Site.
    expect(webAdapter.verify(request({}, { 'sec-fetch-site': 'same-origin' }), c).kind).toBe('accept');
    expect(webAdapter.verify(request({}, { 'sec-fetch-site': 'cross-site' }), c)).toMatchObject({ status: 401 });
    expect(webAdapter.verify(request({}, { origin: 'https://evil.example', authorization: 'Bearer site-key-0123456789' }), c)).toMatchObject({ status: 403 });
  });
});

describe('configFromEnv', () => {
  it('is on in development and off in production until origins or a token are given', () => {
    expect(webAdapter.configFromEnv({}).missing).toEqual([]);
    expect(webAdapter.configFromEnv({ NODE_ENV: 'production' }).config).toBeUndefined();
    expect(webAdapter.configFromEnv({ NODE_ENV: 'production', PARLEY_WEB_ORIGINS: 'https://shop.example/, https://b.example' }).config?.origins).toEqual([
      'https://shop.example',
      'https://b.example',
    ]);
    expect(webAdapter.configFromEnv({ NODE_ENV: 'production', PARLEY_WEB_TOKEN: 't' }).missing).toEqual([]);
  });
});

describe('WebHub', () => {
  it('replays what a reconnecting page missed, then streams new replies', () => {
    const hub = new WebHub();
    hub.publish(CONVERSATION, { kind: 'text', text: 'one' }, 1);
    hub.publish(CONVERSATION, { kind: 'text', text: 'two' }, 2);
    const seen: string[] = [];
    const stop = hub.subscribe(CONVERSATION, 1, (o) => seen.push(`${o.seq}:${(o.message as { text: string }).text}`));
    hub.publish(CONVERSATION, { kind: 'text', text: 'three' }, 3);
    stop();
    hub.publish(CONVERSATION, { kind: 'text', text: 'four' }, 4);
    expect(seen).toEqual(['2:two', '3:three']);
  });
});
