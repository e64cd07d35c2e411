import { describe, expect, it } from 'vitest';
import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { graphErrorReply, startMessengerApi } from '../../support/stand-ins/messenger-api.js';
import { useStandIn } from '../../support/stand-ins/use-stand-in.js';

const t = useStandIn(messengerAdapter, () => startMessengerApi({ token: 'EAAP-page-token' }));

describe('startMessengerApi', () => {
  it('receives the adapter\'s sends at exactly /me/messages and answers message ids', async () => {
    expect(await messengerAdapter.send('683', { kind: 'typing' }, t.ctx)).toEqual({ messageIds: [] });
    expect(await messengerAdapter.send('683', { kind: 'text', text: 'Hi' }, t.ctx)).toEqual({ messageIds: ['m_STANDIN000001'] });
    expect(t.api.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization])).toEqual([
      ['POST', '/me/messages', {}, 'Bearer EAAP-page-token'],
      ['POST', '/me/messages', {}, 'Bearer EAAP-page-token'],
    ]);
    expect(t.api.requests[1].body).toEqual({ recipient: { id: '683' }, messaging_type: 'RESPONSE', message: { text: 'Hi' } });
  });

  it('answers queued failures first: the 24-hour window error is not retryable', async () => {
    t.api.fail(1, graphErrorReply(10, { subcode: 2018278, message: 'This message is sent outside of allowed window.' }));
    await expect(messengerAdapter.send('683', { kind: 'text', text: 'late' }, t.ctx)).rejects.toMatchObject({
      retryable: false,
      platformCode: 10,
    });
  });

  it('serves the profile and subscription calls of the set-up', async () => {
    await messengerAdapter.setup!.setProfile!({ getStartedPayload: 'GET_STARTED' }, t.ctx);
    expect(await messengerAdapter.setup!.webhookInfo(t.ctx)).toBe('Parley: messages, messaging_postbacks');
    expect(t.api.requests[0]).toMatchObject({ path: '/me/messenger_profile', body: { get_started: { payload: 'GET_STARTED' } } });
  });
});
