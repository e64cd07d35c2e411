import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import type { InboundEvent, WebhookRequest } from '../../../engine/types.js';
import { messengerAdapter } from '../../../adapters/messenger/index.js';
import { parseMessengerRequest } from '../../../adapters/messenger/parse.js';
import { messengerGetStartedBody } from '../../support/webhooks/meta.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'platforms', 'messenger');

function request(body: string): WebhookRequest {
  return { method: 'POST', headers: {}, query: {}, rawBody: Buffer.from(body, 'utf8') };
}

function parseFixture(name: string): InboundEvent[] {
  return parseMessengerRequest(request(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')));
}

function strip(events: InboundEvent[]): unknown[] {
  return events.map(({ raw: _raw, ...rest }) => rest);
}

const PSID = '6837261940215583';
const common = { platform: 'messenger', conversation: PSID, user: { id: PSID } };

describe('parseMessengerRequest', () => {
  it('reads a text message keyed by its mid, with no user name', () => {
    expect(strip(parseFixture('text'))).toEqual([
      {
        ...common,
        kind: 'text',
        text: 'Do you have a table for two on Friday evening?',
        eventId: 'm_Vq3nT8sK1pZ0wX2cB7yL4eR9uA6dF5gH1jM0kN3oP8qS2tU7vW4xY9zA1bC6dE5fG0hI3jK8lM2nO7pQ4rS',
        timestamp: 1757940012211,
      },
    ]);
  });

  it('reads a quick reply as an option press with the payload as id and the text as title', () => {
    expect(strip(parseFixture('quick_reply'))).toEqual([
      {
        ...common,
        kind: 'option',
        optionId: 'slot:2025-09-19T19:30',
        title: '19:30',
        eventId: 'm_Hk7pW2xQ9rT4vY1zA8bC3dE6fG0hJ5kL2mN9oP4qR7sT1uV6wX3yZ8aB5cD0eF2gH7iJ4kL9mN1oP6qR3sT8',
        timestamp: 1757940071655,
      },
    ]);
  });

  it('reads a postback as an option press keyed by its mid', () => {
    expect(strip(parseFixture('postback'))).toEqual([
      {
        ...common,
        kind: 'option',
        optionId: 'MENU_VIEW',
        title: 'View menu',
        eventId: 'postback:m_Pq2rS7tU4vW9xY1zA6bC3dE8fG5hI0jK7lM2nO9pQ4rS1tU6vW3xY8zA5bC0dE7fG2hI9jK4lM1nO6pQ3rS8t',
        timestamp: 1757940104102,
      },
    ]);
  });

  it('reads the Get Started button as the GET_STARTED option', () => {
    const [event] = parseMessengerRequest(request(JSON.stringify(messengerGetStartedBody('123', { mid: 'm_gs' }))));
    expect(event).toMatchObject({ kind: 'option', optionId: 'GET_STARTED', eventId: 'postback:m_gs', conversation: '123' });
  });

  it('keys a postback without a mid (before Graph v11) on sender, time and payload', () => {
    const body = { object: 'page', entry: [{ id: 'p', messaging: [{ sender: { id: 'u' }, recipient: { id: 'p' }, timestamp: 5, postback: { payload: 'X' } }] }] };
    expect(parseMessengerRequest(request(JSON.stringify(body)))[0]).toMatchObject({ kind: 'option', optionId: 'X', eventId: 'postback:u:5:X' });
  });

  it('reads an image attachment as media with its URL', () => {
    expect(parseFixture('attachment_image')[0]).toMatchObject({
      ...common,
      kind: 'media',
      mediaType: 'image',
      url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/471203958_1120938475610293_3847561029384756102_n.jpg?_nc_cat=107&oh=03_Q7cD1eF&oe=68F2A1B3',
      eventId: 'm_Ab4cD9eF2gH7iJ0kL5mN8oP1qR6sT3uV0wX7yZ2aB9cD4eF1gH6iJ3kL8mN5oP0qR7sT2uV9wX4yZ1aB6cD3e',
    });
  });

  it('reads a legacy location attachment as a location', () => {
    expect(parseFixture('attachment_location_legacy')[0]).toMatchObject({
      kind: 'location',
      latitude: 51.507351,
      longitude: -0.127758,
      name: "Ines's Location",
    });
  });

  it('reads delivery and read as receipts keyed by watermark', () => {
    expect(strip(parseFixture('delivery'))).toEqual([
      {
        ...common,
        kind: 'receipt',
        receipt: 'delivered',
        messageIds: ['m_Ou7tB0uN1dM2sG3aB4cD5eF6gH7iJ8kL9mN0oP1qR2sT3uV4wX5yZ6aB7cD8eF9gH0iJ1kL2mN3oP4qR5sT6u'],
        eventId: `delivery:${PSID}:1757940048990`,
        timestamp: 1757940049610,
        platformData: { watermark: 1757940048990 },
      },
    ]);
    expect(parseFixture('read')[0]).toMatchObject({ kind: 'receipt', receipt: 'read', messageIds: [], eventId: `read:${PSID}:1757940048990` });
  });

  it('ignores echoes of the Page\'s own messages', () => {
    expect(parseFixture('echo')).toEqual([]);
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
    const body = readFileSync(join(FIXTURES, 'postback.json'), 'utf8');
    expect(messengerAdapter.parse(request(body), undefined as never)).toEqual(parseMessengerRequest(request(body)));
  });
});
