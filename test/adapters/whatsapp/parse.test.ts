import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import { whatsappAdapter } from '../../../adapters/whatsapp/index.js';
import { parseWhatsappRequest } from '../../../adapters/whatsapp/parse.js';
import { fixtureRequest, itParsesFixtures, webhookRequest as request } from '../shared/parse-cases.js';

const parseFixture = (name: string) => parseWhatsappRequest(fixtureRequest('whatsapp', name));

describe('parseWhatsappRequest', () => {
  itParsesFixtures('whatsapp', parseWhatsappRequest);

  it('reads a failed status (131047) as a failed receipt that names the 24-hour window', () => {
    const [event] = parseFixture('status_failed');
    expect(event).toMatchObject({ kind: 'receipt', receipt: 'failed', conversation: '5511987654321' });
    expect(event.kind === 'receipt' && event.error).toContain("outside WhatsApp's 24-hour customer-service window");
  });

  it('reads every message and status of a batched body, each user with their own name', () => {
    const events = parseFixture('batched_multi_change');
    expect(events.map((e) => [e.kind, e.conversation, e.user.name])).toEqual([
      ['text', '447700900123', 'Ines Okafor'],
      ['text', '5511987654321', 'Tiago Brandão'],
      ['receipt', '447700900123', undefined],
      ['receipt', '447700900123', undefined],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
  });

  it('gives every fixture event a distinct eventId and keeps the platform item as raw', () => {
    const names = ['text', 'interactive_button_reply', 'interactive_list_reply', 'button_template_quick_reply', 'location', 'image', 'status_delivered', 'status_read', 'status_failed', 'batched_multi_change'];
    const events = names.flatMap(parseFixture);
    expect(events).toHaveLength(13);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(13);
    expect(events.every((e) => typeof e.raw === 'object' && e.raw !== null)).toBe(true);
  });

  it('ignores sent statuses, reactions and non-message fields', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
            {
              field: 'messages',
              value: {
                statuses: [{ id: 'wamid.x', status: 'sent', timestamp: '1', recipient_id: '1' }],
                messages: [{ from: '1', id: 'wamid.r', timestamp: '1', type: 'reaction', reaction: { emoji: '👍', message_id: 'wamid.x' } }],
              },
            },
          ],
        },
      ],
    };
    expect(parseWhatsappRequest(request(JSON.stringify(body)))).toEqual([]);
  });

  it('throws ParseError on malformed JSON and on a body that is not a WhatsApp notification', () => {
    expect(() => parseWhatsappRequest(request('{"object":'))).toThrow(ParseError);
    expect(() => parseWhatsappRequest(request('{"object":"page","entry":[]}'))).toThrow(ParseError);
    expect(() => parseWhatsappRequest(request('{"object":"whatsapp_business_account"}'))).toThrow(ParseError);
    expect(() => parseWhatsappRequest(request('null'))).toThrow(ParseError);
  });

  it('is what whatsappAdapter.parse does', () => {
    expect(whatsappAdapter.parse(fixtureRequest('whatsapp', 'text'), undefined as never)).toEqual(parseWhatsappRequest(fixtureRequest('whatsapp', 'text')));
  });
});
