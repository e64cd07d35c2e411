import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { createHttpClient } from '../../../engine/runtime/http-client.js';
import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { configFromEnv, type MessengerConfig } from '../../../adapters/messenger/config.js';
import { graphErrorReply, startMessengerApi } from '../../support/stand-ins/messenger-api.js';
import type { RecordingServer } from '../../support/stand-ins/recording-server.js';

let api: RecordingServer;
let agent: Agent;
let config: MessengerConfig;

beforeEach(async () => {
  api = await startMessengerApi({ token: 'EAAP-page-token' });
  agent = new Agent();
  config = configFromEnv({
    MESSENGER_PAGE_TOKEN: 'EAAP-page-token',
    MESSENGER_APP_SECRET: 'test_app_secret',
    MESSENGER_VERIFY_TOKEN: 'v',
    MESSENGER_API_URL: api.url,
  }).config!;
});
afterEach(async () => {
  await agent.close();
  await api.close();
});

describe('startMessengerApi', () => {
  it('receives the adapter\'s sends at exactly /me/messages and answers message ids', async () => {
    const http = createHttpClient({ dispatcher: agent });
    expect(await messengerAdapter.send('683', { kind: 'typing' }, { config, http })).toEqual({ messageIds: [] });
    expect(await messengerAdapter.send('683', { kind: 'text', text: 'Hi' }, { config, http })).toEqual({ messageIds: ['m_STANDIN000001'] });
    expect(api.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization])).toEqual([
      ['POST', '/me/messages', {}, 'Bearer EAAP-page-token'],
      ['POST', '/me/messages', {}, 'Bearer EAAP-page-token'],
    ]);
    expect(api.requests[1].body).toEqual({ recipient: { id: '683' }, messaging_type: 'RESPONSE', message: { text: 'Hi' } });
  });

  it('answers queued failures first: the 24-hour window error is not retryable', async () => {
    const http = createHttpClient({ dispatcher: agent });
    api.fail(1, graphErrorReply(10, { subcode: 2018278, message: 'This message is sent outside of allowed window.' }));
    await expect(messengerAdapter.send('683', { kind: 'text', text: 'late' }, { config, http })).rejects.toMatchObject({
      retryable: false,
      platformCode: 10,
    });
  });

  it('serves the profile and subscription calls of the set-up', async () => {
    const http = createHttpClient({ dispatcher: agent });
    await messengerAdapter.setup!.setProfile!({ getStartedPayload: 'GET_STARTED' }, { config, http });
    expect(await messengerAdapter.setup!.webhookInfo({ config, http })).toBe('Parley: messages, messaging_postbacks');
    expect(api.requests[0]).toMatchObject({ path: '/me/messenger_profile', body: { get_started: { payload: 'GET_STARTED' } } });
  });
});
