import { describe, expect, it } from 'vitest';
import { whatsappAdapter } from '../../../adapters/whatsapp/index.js';
import { configFromEnv } from '../../../adapters/whatsapp/config.js';
import { metaWebhookRequest, signedMetaBody, whatsappTextBody } from '../../support/webhooks/meta.js';
import { describeMetaVerify } from '../shared/describe-meta-verify.js';
import { whatsappConfig as config } from '../shared/meta-configs.js';

describeMetaVerify('whatsappAdapter', whatsappAdapter, config);

describe('whatsappAdapter.verify', () => {
  it('accepts a body signed by the test helper and rejects it once tampered', () => {
    const signed = signedMetaBody(whatsappTextBody({ waId: '447700900123', name: 'Ines' }, 'hi'), 'test_app_secret');
    expect(whatsappAdapter.verify(metaWebhookRequest(signed), config)).toEqual({ kind: 'accept' });
    const tampered = metaWebhookRequest({ ...signed, body: signed.body.replace('hi', 'ho') });
    expect(whatsappAdapter.verify(tampered, config)).toMatchObject({ kind: 'reject', status: 403 });
  });
});

describe('whatsapp configFromEnv', () => {
  it('lists every missing required variable', () => {
    expect(configFromEnv({ WHATSAPP_TOKEN: 't' })).toEqual({
      missing: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'],
    });
  });

  it('defaults the API URL to Graph v21.0 and lets WHATSAPP_API_URL override it', () => {
    const env = { WHATSAPP_TOKEN: 't', WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_PHONE_NUMBER_ID: 'p' };
    expect(configFromEnv(env)).toEqual({
      missing: [],
      config: { token: 't', appSecret: 's', verifyToken: 'v', phoneNumberId: 'p', apiUrl: 'https://graph.facebook.com/v21.0' },
    });
    expect(configFromEnv({ ...env, WHATSAPP_API_URL: 'http://127.0.0.1:4000/' }).config?.apiUrl).toBe('http://127.0.0.1:4000');
  });
});
