import { describe, expect, it } from 'vitest';
import { whatsappAdapter } from '../../../adapters/whatsapp/index.js';
import { graphErrorReply, startWhatsappApi } from '../../support/stand-ins/whatsapp-api.js';
import { useStandIn } from '../../support/stand-ins/use-stand-in.js';

const t = useStandIn(whatsappAdapter, () => startWhatsappApi({ token: 'EAAG-token', phoneNumberId: '112233445566778' }));

describe('startWhatsappApi', () => {
  it('receives the adapter\'s send over real HTTP at /<phone-number-id>/messages and answers a wamid', async () => {
    const result = await whatsappAdapter.send('447700900123', { kind: 'options', text: 'Elige', options: [{ id: 'pool', title: 'Pileta' }] }, t.ctx);
    expect(result).toEqual({ messageIds: ['wamid.STANDIN000001'] });
    expect(t.api.requests).toHaveLength(1);
    expect(t.api.requests[0]).toMatchObject({
      method: 'POST',
      path: '/112233445566778/messages',
      headers: { authorization: 'Bearer EAAG-token' },
      body: { to: '447700900123', type: 'interactive', interactive: { type: 'button' } },
    });
  });

  it('answers queued failures first, as Graph errors the adapter maps to SendError', async () => {
    t.api.fail(1, graphErrorReply(130429, { status: 429, retryAfterSeconds: 2 }));
    await expect(whatsappAdapter.send('1', { kind: 'text', text: 'a' }, t.ctx)).rejects.toMatchObject({
      retryable: true,
      status: 429,
      retryAfterMs: 2000,
      platformCode: 130429,
    });
    expect(await whatsappAdapter.send('1', { kind: 'text', text: 'a' }, t.ctx)).toEqual({ messageIds: ['wamid.STANDIN000001'] });
  });

  it('refuses a wrong token with Graph error 190', async () => {
    await expect(whatsappAdapter.send('1', { kind: 'text', text: 'a' }, { config: { ...t.config, token: 'bad' }, http: t.http })).rejects.toMatchObject({
      retryable: false,
      status: 401,
      platformCode: 190,
    });
  });
});
