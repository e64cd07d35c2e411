/**
 * Every way a caller can get the send API wrong, over real HTTP: 401 without the right
 * token, 400 with a JSON reason for a bad body, 404 for an unknown task, and no API at all
 * without PARLEY_API_TOKEN. Nothing reaches a platform when a request is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { closeStandIns, platformEnv, sendApiClient, startSendApiServer, startStandIns, type SendApiServer, type StandIns } from './send-api-harness.js';

describe('send API request errors (real HTTP)', () => {
  let t: SendApiServer;
  // Viber is left off, so "not configured" can be seen.
  beforeAll(async () => void (t = await startSendApiServer({ VIBER_AUTH_TOKEN: undefined })));
  afterAll(async () => t?.stop());

  const ok = { platform: 'telegram', to: '4242', text: 'hola' };

  describe('401', () => {
    it('refuses a request without a token, with a JSON error', async () => {
      const res = await t.api.send(ok, null);
      expect(res.status).toBe(401);
      expect(res.contentType).toContain('application/json');
      expect(res.json.error).toMatch(/token/);
    });

    it('refuses a wrong token', async () => {
      const res = await t.api.send(ok, 'parley-api-token-012345678X');
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: expect.stringMatching(/token/) });
    });

    it('refuses a token that is not a Bearer token', async () => {
      const { request } = await import('undici');
      const res = await request(`${t.parley.url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Basic cGFybGV5OnBhcmxleQ==' },
        body: JSON.stringify(ok),
      });
      expect(res.statusCode).toBe(401);
      expect(await res.body.json()).toEqual({ error: expect.stringMatching(/token/) });
    });

    it('guards GET /api/v1/tasks/:id too', async () => {
      const res = await t.api.task('whatever', null);
      expect(res.status).toBe(401);
      expect(res.json.error).toMatch(/token/);
    });
  });

  describe('400 names the problem', () => {
    const cases: [string, unknown, RegExp][] = [
      ['malformed JSON', '{"platform": "telegram", "to": ', /JSON/],
      ['a JSON array', '[1, 2]', /object/],
      ['an unknown platform', { ...ok, platform: 'signal' }, /unknown platform "signal".*telegram/],
      ['a platform that is not configured', { ...ok, platform: 'viber' }, /"viber" is not configured/],
      ['a missing recipient', { platform: 'telegram', text: 'hola' }, /'to'/],
      ['an empty recipient', { ...ok, to: '' }, /\/to/],
      ['an unknown flow', { platform: 'telegram', to: '4242', flow: 'no-such-flow' }, /unknown flow "no-such-flow".*club-menu/],
      ['nothing to send', { platform: 'telegram', to: '4242' }, /nothing to send/],
      ['an empty text', { ...ok, text: '' }, /\/text/],
      ['options without text', { platform: 'telegram', to: '4242', options: [{ id: 'a', title: 'A' }] }, /options need a text/],
      ['an option without a title', { ...ok, options: [{ id: 'a' }] }, /\/options\/0.*'title'/],
      ['a callback_url that is not a URL', { ...ok, callback_url: 'not a url' }, /\/callback_url/],
      ['a callback_url that is not http(s)', { ...ok, callback_url: 'ftp://example.com/hook' }, /\/callback_url must match pattern/],
      ['a media type that does not exist', { ...ok, media: { type: 'gif', url: 'https://example.com/a.gif' } }, /\/media\/type/],
      ['an unknown field', { ...ok, txt: 'typo' }, /additional propert/],
    ];
    for (const [what, body, reason] of cases) {
      it(`refuses ${what}`, async () => {
        const res = await t.api.send(body);
        expect(res.status).toBe(400);
        expect(res.contentType).toContain('application/json');
        expect(typeof res.json.error).toBe('string');
        expect(res.json.error).toMatch(reason);
      });
    }

    it('sends nothing to any platform for a refused request', async () => {
      for (const [, body] of cases) await t.api.send(body);
      await t.api.send(ok, 'wrong');
      for (const stand of Object.values(t.apis)) expect(stand.requests).toEqual([]);
    });
  });

  describe('404', () => {
    it('answers an unknown task with a JSON error naming it', async () => {
      const res = await t.api.task('00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: expect.stringContaining('00000000-0000-4000-8000-000000000000') });
    });
  });
});

describe('send API without PARLEY_API_TOKEN', () => {
  let apis: StandIns;
  let parley: TestParley;

  beforeAll(async () => {
    apis = await startStandIns();
    parley = await startTestParley(platformEnv('telegram', apis.telegram.url));
  });
  afterAll(async () => {
    await parley?.stop();
    await closeStandIns(apis);
  });

  it('is not there: every API path answers 404, whatever the token', async () => {
    const api = sendApiClient(parley.url);
    expect((await api.send({ platform: 'telegram', to: '4242', text: 'hola' })).status).toBe(404);
    expect((await api.send({ platform: 'telegram', to: '4242', text: 'hola' }, null)).status).toBe(404);
    expect((await api.task('x')).status).toBe(404);
    expect((await api.openapi()).status).toBe(404);
    expect(apis.telegram.requests).toEqual([]);
  });
});
