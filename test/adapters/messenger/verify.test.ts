import { describe, expect, it } from 'vitest';
import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { configFromEnv, type MessengerConfig } from '../../../adapters/messenger/config.js';
import { metaWebhookRequest, messengerTextBody, signedMetaBody } from '../../support/webhooks/meta.js';

const config: MessengerConfig = {
  pageToken: 'EAAP-page-token',
  appSecret: 'test_app_secret',
  verifyToken: 'fb-verify',
  apiUrl: 'https://graph.facebook.com/v21.0',
};

describe('messengerAdapter.verify', () => {
  it('accepts the test vector body signed with test_app_secret', () => {
    const req = {
      method: 'POST',
      headers: { 'x-hub-signature-256': 'sha256=5da47c9c7409e70d7a1851f0cfd9bc27786bd99587a9bf1dd5b51e23a2de03cf' },
      query: {},
      rawBody: Buffer.from('{"object":"page","entry":[]}'),
    };
    expect(messengerAdapter.verify(req, config)).toEqual({ kind: 'accept' });
  });

  it('rejects a body signed with the verify token instead of the app secret', () => {
    const signed = signedMetaBody(messengerTextBody('123', 'hello'), 'fb-verify');
    expect(messengerAdapter.verify(metaWebhookRequest(signed), config)).toMatchObject({ kind: 'reject', status: 403 });
  });

  it('rejects an unsigned POST with 401', () => {
    const req = { method: 'POST', headers: {}, query: {}, rawBody: Buffer.from('{"object":"page","entry":[]}') };
    expect(messengerAdapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('answers the GET handshake with the challenge, and 403 for a wrong verify token', () => {
    const get = (token: string) => ({
      method: 'GET',
      headers: {},
      query: { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': 'CHALLENGE_ACCEPTED' },
      rawBody: Buffer.alloc(0),
    });
    expect(messengerAdapter.verify(get('fb-verify'), config)).toEqual({ kind: 'respond', status: 200, body: 'CHALLENGE_ACCEPTED', contentType: 'text/plain' });
    expect(messengerAdapter.verify(get('fb-verif'), config)).toMatchObject({ kind: 'reject', status: 403 });
  });
});

describe('messenger configFromEnv', () => {
  it('lists every missing required variable', () => {
    expect(configFromEnv({})).toEqual({ missing: ['MESSENGER_PAGE_TOKEN', 'MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'] });
  });

  it('defaults the API URL to Graph v21.0 and lets MESSENGER_API_URL override it', () => {
    const env = { MESSENGER_PAGE_TOKEN: 't', MESSENGER_APP_SECRET: 's', MESSENGER_VERIFY_TOKEN: 'v' };
    expect(configFromEnv(env)).toEqual({
      missing: [],
      config: { pageToken: 't', appSecret: 's', verifyToken: 'v', apiUrl: 'https://graph.facebook.com/v21.0' },
    });
    expect(configFromEnv({ ...env, MESSENGER_API_URL: 'http://127.0.0.1:5000' }).config?.apiUrl).toBe('http://127.0.0.1:5000');
  });
});
