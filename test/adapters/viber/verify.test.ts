import { describe, expect, it } from 'vitest';
import { viberAdapter } from '../../../adapters/viber/index.js';
import { configFromEnv, type ViberConfig } from '../../../adapters/viber/config.js';
import { signedViberBody, viberTextBody, viberWebhookRequest } from '../../support/webhooks/viber.js';

const TOKEN = '4a1b2c3d4e5f6a7b-8c9d0e1f2a3b4c5d-6e7f8a9b0c1d2e3f';
const config: ViberConfig = { authToken: TOKEN, botName: 'Parley', apiUrl: 'https://chatapi.viber.com/pa' };
const body = viberTextBody({ id: 'Tq7sK1mZp0Wc9bX2fYv4Ng==', name: 'Ines' }, 'hi');

describe('viberAdapter.verify', () => {
  it('accepts a body signed with the auth token', () => {
    expect(viberAdapter.verify(viberWebhookRequest(signedViberBody(body, TOKEN)), config)).toEqual({ kind: 'accept' });
  });

  it('matches the published test vector and answers the webhook ping with an empty 200', () => {
    const raw = '{"event":"webhook","timestamp":1757940000000,"chat_hostname":"SN-CHAT-07_","message_token":5491270987643298517}';
    const req = {
      method: 'POST',
      headers: { 'x-viber-content-signature': '427d1fe9e7d7314ea7054473d57e1192d2cbc9023d2939b89f930086672eb03e' },
      query: {},
      rawBody: Buffer.from(raw),
    };
    expect(viberAdapter.verify(req, config)).toEqual({ kind: 'respond', status: 200, body: '' });
  });

  it('rejects a body signed with another token with 401', () => {
    const req = viberWebhookRequest(signedViberBody(body, 'another-token'));
    expect(viberAdapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('rejects a body changed after signing', () => {
    const signed = signedViberBody(body, TOKEN);
    const req = viberWebhookRequest({ ...signed, body: signed.body.replace('"hi"', '"ho"') });
    expect(viberAdapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('rejects a missing signature and a malformed one with 401', () => {
    const signed = signedViberBody(body, TOKEN);
    const missing = viberWebhookRequest({ ...signed, headers: { 'content-type': 'application/json' } });
    const short = viberWebhookRequest({ ...signed, headers: { 'x-viber-content-signature': 'abc' } });
    expect(viberAdapter.verify(missing, config)).toMatchObject({ kind: 'reject', status: 401 });
    expect(viberAdapter.verify(short, config)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('does not answer a forged webhook ping', () => {
    const req = viberWebhookRequest(signedViberBody({ event: 'webhook', timestamp: 1 }, 'forged'));
    expect(viberAdapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
  });
});

describe('viberAdapter.configFromEnv', () => {
  it('lists VIBER_AUTH_TOKEN as missing when it is not set', () => {
    expect(configFromEnv({ VIBER_BOT_NAME: 'X' })).toEqual({ missing: ['VIBER_AUTH_TOKEN'] });
  });

  it('defaults the bot name to Parley and the API URL to chatapi.viber.com/pa', () => {
    expect(configFromEnv({ VIBER_AUTH_TOKEN: 't' })).toEqual({
      missing: [],
      config: { authToken: 't', botName: 'Parley', apiUrl: 'https://chatapi.viber.com/pa' },
    });
  });

  it('reads the avatar and an overridden API URL', () => {
    const { config: c } = configFromEnv({ VIBER_AUTH_TOKEN: 't', VIBER_BOT_AVATAR: 'https://a.test/a.jpg', VIBER_API_URL: 'http://127.0.0.1:1/pa/' });
    expect(c).toMatchObject({ botAvatar: 'https://a.test/a.jpg', apiUrl: 'http://127.0.0.1:1/pa' });
  });
});
