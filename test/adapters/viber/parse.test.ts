import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import type { WebhookRequest } from '../../../engine/types.js';
import { viberAdapter } from '../../../adapters/viber/index.js';
import type { ViberConfig } from '../../../adapters/viber/config.js';
import { signedViberBody, viberButtonPressBody, viberWebhookRequest } from '../../support/webhooks/viber.js';
import { fixtureRequest, itParsesFixtures } from '../shared/parse-cases.js';

const config: ViberConfig = { authToken: 't', botName: 'Parley', apiUrl: 'https://chatapi.viber.com/pa' };
const DIR = new URL('../../fixtures/platforms/viber/', import.meta.url);
const USER_ID = 'Tq7sK1mZp0Wc9bX2fYv4Ng==';
const common = { platform: 'viber', conversation: USER_ID };
const parse = (name: string) => viberAdapter.parse(fixtureRequest('viber', name), config);

describe('viberAdapter.parse', () => {
  itParsesFixtures('viber', (req) => viberAdapter.parse(req, config));

  it('keeps every 64-bit message_token exact: the fixtures give distinct event ids', () => {
    const names = readdirSync(DIR).map((f) => f.replace(/\.json$/, ''));
    expect(names).toHaveLength(12);
    const events = names.flatMap(parse);
    // All but the set-up `webhook` ping are events, each with its own id.
    expect(events).toHaveLength(11);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(11);
    expect(parse('unsubscribed')[0]!.eventId).toBe(`unsubscribed:5491270987643299120:${USER_ID}`);
  });

  it('reads a text equal to an option id offered in Parley\'s tracking_data as an option press', () => {
    const body = viberButtonPressBody({ id: USER_ID, name: 'Ines Okafor' }, 'slot:19', ['slot:18', 'slot:19'], { token: 5491270987643298999n });
    const events = viberAdapter.parse(viberWebhookRequest(signedViberBody(body, 't')), config);
    expect(events).toEqual([expect.objectContaining({ ...common, kind: 'option', optionId: 'slot:19', eventId: 'msg:5491270987643298999' })]);
  });

  it('reads a text not among the offered ids as text even with Parley\'s tracking_data', () => {
    const body = viberButtonPressBody({ id: USER_ID, name: 'Ines' }, 'slot:20', ['slot:18']);
    expect(viberAdapter.parse(viberWebhookRequest(signedViberBody(body, 't')), config)[0]).toMatchObject({ kind: 'text', text: 'slot:20' });
  });

  it('reads a picture as an image with its URL and caption', () => {
    expect(parse('message_picture')).toEqual([
      expect.objectContaining({
        ...common,
        kind: 'media',
        mediaType: 'image',
        url: expect.stringMatching(/^https:\/\/dl-media\.viber\.com\/.*\/image\/0x0\//),
        caption: 'Is this the side entrance you mentioned?',
        eventId: 'msg:5491270987643298655',
      }),
    ]);
  });

  it('throws ParseError on malformed JSON and on a body without an event', () => {
    const bad = (raw: string): WebhookRequest => ({ method: 'POST', headers: {}, query: {}, rawBody: Buffer.from(raw) });
    expect(() => viberAdapter.parse(bad('{"event":'), config)).toThrow(ParseError);
    expect(() => viberAdapter.parse(bad('{"timestamp":1}'), config)).toThrow(ParseError);
    expect(() => viberAdapter.parse(bad('{"event":"message","timestamp":1,"message":{"type":"text","text":"x"}}'), config)).toThrow(ParseError);
  });
});
