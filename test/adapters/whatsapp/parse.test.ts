import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import type { InboundEvent, WebhookRequest } from '../../../engine/types.js';
import { whatsappAdapter } from '../../../adapters/whatsapp/index.js';
import { parseWhatsappRequest } from '../../../adapters/whatsapp/parse.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'platforms', 'whatsapp');

function request(body: string): WebhookRequest {
  return { method: 'POST', headers: {}, query: {}, rawBody: Buffer.from(body, 'utf8') };
}

function parseFixture(name: string): InboundEvent[] {
  return parseWhatsappRequest(request(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')));
}

/** The fields a user of the event checks: everything but the raw item. */
function strip(events: InboundEvent[]): unknown[] {
  return events.map(({ raw: _raw, ...rest }) => rest);
}

const INES = { id: '447700900123', name: 'Ines Okafor' };
const common = { platform: 'whatsapp', conversation: '447700900123', user: INES, platformData: { phoneNumberId: '112233445566778' } };

describe('parseWhatsappRequest', () => {
  it('reads a text message with the contact name as user.name', () => {
    expect(strip(parseFixture('text'))).toEqual([
      {
        ...common,
        kind: 'text',
        text: 'Do you have a table for two on Friday evening?',
        eventId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0FBNkQ0QzE5RTcyMEJCMjU4RjEA',
        timestamp: 1757940012000,
      },
    ]);
  });

  it('reads a button_reply as an option press with its id and title', () => {
    expect(strip(parseFixture('interactive_button_reply'))).toEqual([
      {
        ...common,
        kind: 'option',
        optionId: 'slot:2025-09-19T19:30',
        title: '19:30',
        eventId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0E5RjI3QjA0QzE2RDg4RTVGMjIA',
        timestamp: 1757940070000,
      },
    ]);
  });

  it('reads a list_reply as an option press', () => {
    expect(parseFixture('interactive_list_reply')[0]).toMatchObject({ kind: 'option', optionId: 'menu:vegan', title: 'Vegan tasting menu' });
  });

  it('reads a template quick-reply button as an option with its payload', () => {
    expect(parseFixture('button_template_quick_reply')[0]).toMatchObject({
      kind: 'option',
      optionId: 'CONFIRM_BOOKING_88213',
      title: 'Yes, confirm',
      eventId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0E2QjBFMUY3NDI5QTM1QzBEOTgA',
    });
  });

  it('reads a location with its name and address', () => {
    expect(strip(parseFixture('location'))).toEqual([
      {
        ...common,
        kind: 'location',
        latitude: 51.507351,
        longitude: -0.127758,
        name: 'Trafalgar Square',
        address: 'Trafalgar Sq, London WC2N 5DN',
        eventId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0FCQzA5NzNFMjE2NDRGQTgxMEIA',
        timestamp: 1757940260000,
      },
    ]);
  });

  it('reads an image as media with the media id, mime type and caption', () => {
    expect(parseFixture('image')[0]).toMatchObject({
      kind: 'media',
      mediaType: 'image',
      fileId: '1493827716400521',
      mimeType: 'image/jpeg',
      caption: 'Is this the side entrance you mentioned?',
    });
  });

  it('reads statuses as receipts keyed by wamid and status', () => {
    const wamid = 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSMEI3RDJGOUE1QzE4NDRFNkQ3AA==';
    expect(strip(parseFixture('status_delivered'))).toEqual([
      {
        platform: 'whatsapp',
        conversation: '447700900123',
        user: { id: '447700900123' },
        platformData: { phoneNumberId: '112233445566778' },
        kind: 'receipt',
        receipt: 'delivered',
        messageIds: [wamid],
        eventId: `status:${wamid}:delivered`,
        timestamp: 1757940046000,
      },
    ]);
    expect(parseFixture('status_read')[0]).toMatchObject({ receipt: 'read', eventId: `status:${wamid}:read` });
  });

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
    const body = readFileSync(join(FIXTURES, 'text.json'), 'utf8');
    expect(whatsappAdapter.parse(request(body), undefined as never)).toEqual(parseWhatsappRequest(request(body)));
  });
});
