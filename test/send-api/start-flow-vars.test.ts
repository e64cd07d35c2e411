/**
 * The send API starts a flow with `vars` the flow reads, over real HTTP: the API call, the
 * Telegram stand-in that receives the replies, and the user's answer by webhook.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { signedTelegramUpdate, telegramTextUpdate } from '../support/webhooks/telegram.js';
import { TG_SECRET, startSendApiServer, type SendApiServer } from './send-api-harness.js';

const texts = (t: SendApiServer, chatId: number) => t.apis.telegram.requests
  .filter((r) => r.path.endsWith('/sendMessage') && (r.body as { chat_id: number }).chat_id === chatId)
  .map((r) => (r.body as { text: string }).text);

describe('POST /api/v1/messages with flow and vars (real HTTP)', () => {
  let t: SendApiServer;
  beforeAll(async () => {
    t = await startSendApiServer({ PARLEY_FLOWS: join(import.meta.dirname, '..', 'fixtures', 'flows', 'send-vars') });
  });
  afterAll(async () => t?.stop());

  it('starts the flow with its vars, which it reads in this and later turns', async () => {
    const chatId = 62_000_001;
    const accepted = await t.api.send({ platform: 'telegram', to: String(chatId), flow: 'order-update', vars: { order_id: 'A-17', eta: '2027-03-15T17:30:00+00:00' } });
    expect(accepted.status).toBe(202);
    await t.apis.telegram.waitFor(() => texts(t, chatId).length >= 2);
    expect(texts(t, chatId)).toEqual(['Your order A-17 arrives Monday 15 March, 17:30.', 'Is someone at home then?']);
    const hook = signedTelegramUpdate(telegramTextUpdate({ id: chatId, name: 'Al' }, 'sure'), TG_SECRET);
    const res = await request(`${t.parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    await t.apis.telegram.waitFor(() => texts(t, chatId).length >= 3);
    expect(texts(t, chatId)[2]).toBe('Noted: yes for order A-17.');
  });

  it('refuses vars without a flow, and vars that are not variable names', async () => {
    const noFlow = await t.api.send({ platform: 'telegram', to: '1', text: 'hi', vars: { a: 1 } });
    expect(noFlow.status).toBe(400);
    expect(noFlow.json.error).toContain('give `flow`');
    const badName = await t.api.send({ platform: 'telegram', to: '1', flow: 'order-update', vars: { 'not a name': 1 } });
    expect(badName.status).toBe(400);
  });
});
