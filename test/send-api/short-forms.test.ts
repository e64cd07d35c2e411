/**
 * The send API also takes the short forms a caller is likely to write: options as plain
 * strings and media as a plain URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { closeStandIns, sendApiClient, sendApiEnv, sends, startStandIns, type StandIns } from './send-api-harness.js';

describe('POST /api/v1/messages short forms (real HTTP)', () => {
  let apis: StandIns;
  let parley: TestParley;
  beforeAll(async () => {
    apis = await startStandIns();
    parley = await startTestParley(sendApiEnv(apis));
  });
  afterAll(async () => {
    await parley?.stop();
    await closeStandIns(apis);
  });

  it('takes options as plain strings, each its own id and title', async () => {
    const api = sendApiClient(parley.url);
    const res = await api.send({ platform: 'telegram', to: '9100001', text: 'Pick one', options: ['Yes', 'No'] });
    expect(res.status).toBe(202);
    await apis.telegram.waitFor((reqs) => reqs.some((r) => r.path.endsWith('/sendMessage') && (r.body as any)?.chat_id === 9100001));
    const sent = sends(apis.telegram).find((r) => (r.body as any).chat_id === 9100001)!;
    expect((sent.body as any).reply_markup.inline_keyboard.flat().map((b: any) => [b.text, b.callback_data])).toEqual([
      ['Yes', 'Yes'],
      ['No', 'No'],
    ]);
  });

  it('takes media as a plain URL and sends it as an image', async () => {
    const api = sendApiClient(parley.url);
    const res = await api.send({ platform: 'telegram', to: '9100002', media: 'https://cdn.example.com/pool.jpg' });
    expect(res.status).toBe(202);
    await apis.telegram.waitFor((reqs) => reqs.some((r) => r.path.endsWith('/sendPhoto') && (r.body as any)?.chat_id === 9100002));
    const photo = apis.telegram.requests.find((r) => r.path.endsWith('/sendPhoto'))!;
    expect((photo.body as any).photo).toBe('https://cdn.example.com/pool.jpg');
  });

  it('still refuses a media string that is not an http(s) URL', async () => {
    const res = await sendApiClient(parley.url).send({ platform: 'telegram', to: '9100003', media: 'not a url' });
    expect(res.status).toBe(400);
    expect(res.json.error).toContain('media');
  });
});
