import { describe, expect, it } from 'vitest';
import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { configFromEnv } from '../../../adapters/messenger/config.js';
import { metaWebhookRequest, messengerTextBody, signedMetaBody } from '../../support/webhooks/meta.js';
import { describeMetaVerify } from '../shared/describe-meta-verify.js';
import { messengerConfig as config } from '../shared/meta-configs.js';

describeMetaVerify('messengerAdapter', messengerAdapter, config);

describe('messengerAdapter.verify', () => {
  it('rejects a body signed with the verify token instead of the app secret', () => {
    const signed = signedMetaBody(messengerTextBody('123', 'hello'), 'fb-verify');
    expect(messengerAdapter.verify(metaWebhookRequest(signed), config)).toMatchObject({ kind: 'reject', status: 403 });
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
