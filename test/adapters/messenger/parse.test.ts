import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { parseMessengerRequest } from '../../../adapters/messenger/parse.js';
import { messengerGetStartedBody } from '../../support/webhooks/meta.js';
import { fixtureRequest, itParsesFixtures, webhookRequest as request } from '../shared/parse-cases.js';

const parseFixture = (name: string) => parseMessengerRequest(fixtureRequest('messenger', name));
const PSID = '6837261940215583';

describe('parseMessengerRequest', () => {
  itParsesFixtures('messenger', parseMessengerRequest);

  it('reads the Get Started button as the GET_STARTED option', () => {
    const [event] = parseMessengerRequest(request(JSON.stringify(messengerGetStartedBody('123', { mid: 'm_gs' }))));
    expect(event).toMatchObject({ kind: 'option', optionId: 'GET_STARTED', eventId: 'postback:m_gs', conversation: '123' });
  });

  it('keys a postback without a mid (before Graph v11) on sender, time and payload', () => {
    const body = { object: 'page', entry: [{ id: 'p', messaging: [{ sender: { id: 'u' }, recipient: { id: 'p' }, timestamp: 5, postback: { payload: 'X' } }] }] };
    expect(parseMessengerRequest(request(JSON.stringify(body)))[0]).toMatchObject({ kind: 'option', optionId: 'X', eventId: 'postback:u:5:X' });
  });

  it('reads every entry of a batched body, for each user', () => {
    const events = parseFixture('batched_multi_entry');
    expect(events.map((e) => [e.kind, e.conversation])).toEqual([
      ['text', PSID],
      ['text', '7120498836512047'],
      ['receipt', PSID],
    ]);
  });

  it('gives every fixture event a distinct eventId and keeps the messaging item as raw', () => {
    const names = ['text', 'quick_reply', 'postback', 'attachment_image', 'attachment_location_legacy', 'delivery', 'read', 'echo', 'batched_multi_entry'];
    const events = names.flatMap(parseFixture);
    expect(events).toHaveLength(10);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(10);
    expect(events.every((e) => e.user.name === undefined && typeof e.raw === 'object')).toBe(true);
  });

  it('throws ParseError on malformed JSON and on a body that is not a page webhook', () => {
    expect(() => parseMessengerRequest(request('not json'))).toThrow(ParseError);
    expect(() => parseMessengerRequest(request('{"object":"instagram","entry":[]}'))).toThrow(ParseError);
    expect(() => parseMessengerRequest(request('{"object":"page"}'))).toThrow(ParseError);
  });

  it('is what messengerAdapter.parse does', () => {
    expect(messengerAdapter.parse(fixtureRequest('messenger', 'postback'), undefined as never)).toEqual(parseMessengerRequest(fixtureRequest('messenger', 'postback')));
  });
});
