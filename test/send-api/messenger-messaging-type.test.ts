/**
 * Messenger labels every message with why it is sent (Meta's Send API policy): what the send
 * API sends, and the replies of a flow the API starts, are sent unasked (UPDATE); the replies
 * to what a user sends through the webhook are RESPONSE. Over real HTTP with the loopback
 * Graph stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { messengerQuickReplyBody, signedMetaBody } from '../support/webhooks/meta.js';
import { FB_SECRET, sends, startSendApiServer, type SendApiServer } from './send-api-harness.js';

interface FbBody {
  recipient: { id: string };
  messaging_type?: string;
  message?: { text?: string };
}

describe('messaging_type of Messenger sends (real HTTP)', () => {
  let t: SendApiServer;
  beforeAll(async () => {
    t = await startSendApiServer();
  });
  afterAll(async () => t?.stop());

  /** What the stand-in received for `psid`, as [messaging_type, text] in order. */
  const seen = (psid: string): [string | undefined, string | undefined][] =>
    sends(t.apis.messenger)
      .map((r) => r.body as FbBody)
      .filter((b) => b.recipient?.id === psid && b.message !== undefined)
      .map((b) => [b.messaging_type, b.message!.text]);

  const waitForSends = (psid: string, n: number) => t.apis.messenger.waitFor(() => seen(psid).length >= n);

  const press = async (psid: string, option: { id: string; title: string }) => {
    const hook = signedMetaBody(messengerQuickReplyBody(psid, option), FB_SECRET);
    const res = await request(`${t.parley.url}/webhooks/messenger`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
  };

  it('sends a message from the API as UPDATE', async () => {
    const psid = 'PSID-type-text';
    expect((await t.api.send({ platform: 'messenger', to: psid, text: 'Tu reserva está confirmada.' })).status).toBe(202);
    await waitForSends(psid, 1);
    expect(seen(psid)).toEqual([['UPDATE', 'Tu reserva está confirmada.']]);
  });

  it('sends the replies of a flow the API starts as UPDATE, and the reply to the user\'s press as RESPONSE', async () => {
    const psid = 'PSID-type-flow';
    const accepted = await t.api.send({ platform: 'messenger', to: psid, flow: 'club-menu' });
    expect(accepted.status).toBe(202);
    await waitForSends(psid, 2);
    await press(psid, { id: 'tennis', title: 'Tenis' });
    await waitForSends(psid, 3);
    expect(seen(psid)).toEqual([
      ['UPDATE', 'Hola!'],
      ['UPDATE', 'Por favor elije una opción:'],
      ['RESPONSE', 'Elegiste Tenis. Las canchas se reservan de 8 a 22 h.'],
    ]);
    await expect.poll(async () => (await t.api.task(accepted.json.task_id)).json.status).toBe('sent');
  });

  it('sends a text and the flow started with it as UPDATE, and reports the task sent once all three are delivered', async () => {
    const psid = 'PSID-type-both';
    const accepted = await t.api.send({ platform: 'messenger', to: psid, text: 'Novedades del club', flow: 'club-menu' });
    expect(accepted.status).toBe(202);
    await waitForSends(psid, 3);
    expect(seen(psid)).toEqual([
      ['UPDATE', 'Novedades del club'],
      ['UPDATE', 'Hola!'],
      ['UPDATE', 'Por favor elije una opción:'],
    ]);
    // The task covers the flow's replies too: their message ids are part of the result.
    await expect.poll(async () => (await t.api.task(accepted.json.task_id)).json).toMatchObject({
      status: 'sent',
      message_ids: [expect.any(String), expect.any(String), expect.any(String)],
    });
  });
});
