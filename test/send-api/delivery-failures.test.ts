/**
 * What a caller learns when delivery goes wrong, over real HTTP: a platform refusal ends the
 * task "failed" with the platform's reason, a failing callback receiver is retried until it
 * accepts, and a platform's 429 is waited out with the message delivered exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { graphErrorReply } from '../support/stand-ins/whatsapp-api.js';
import { startTelegramApi, telegramTooManyRequests, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { expectedSignature } from './callback-receiver.js';
import {
  CALLBACK_SECRET,
  API_TOKEN,
  platformEnv,
  sendApiClient,
  sends,
  TG_TOKEN,
  startSendApiServer,
  type SendApiServer,
} from './send-api-harness.js';

describe('send API delivery failures (real HTTP)', () => {
  let t: SendApiServer;
  beforeAll(async () => {
    t = await startSendApiServer();
  });
  afterAll(async () => t?.stop());

  /** Accepts a task with a callback and waits for its accepted callback body. */
  const sendAndWait = async (body: Record<string, unknown>) => {
    const accepted = await t.api.send({ ...body, callback_url: `${t.receiver.url}/cb` });
    expect(accepted.status).toBe(202);
    const taskId = accepted.json.task_id as string;
    await t.receiver.waitFor(() => t.receiver.accepted(taskId).length > 0);
    return { taskId, result: t.receiver.accepted(taskId)[0]!.body as Record<string, unknown> };
  };

  it('reports "failed" with the 24-hour window when WhatsApp answers 131047', async () => {
    t.apis.whatsapp.fail(1, graphErrorReply(131047, { status: 400, message: 'Message failed to send because more than 24 hours have passed' }));
    const { taskId, result } = await sendAndWait({ platform: 'whatsapp', to: '447700900111', text: 'Recordatorio' });
    expect(result).toEqual({ task_id: taskId, status: 'failed', platform: 'whatsapp', to: '447700900111', error: expect.stringMatching(/24-hour/) });
    expect(result.error).toMatch(/template/);
    // Not retried: the window will not reopen by waiting.
    expect(sends(t.apis.whatsapp).filter((r) => (r.body as { to?: string }).to === '447700900111')).toHaveLength(1);
    expect((await t.api.task(taskId)).json).toEqual(result);
  });

  it('reports "failed" with the 24-hour window when Messenger answers code 10 / 2018278', async () => {
    t.apis.messenger.fail(1, graphErrorReply(10, { status: 400, subcode: 2018278, message: 'This message is sent outside of allowed window.' }));
    const { result } = await sendAndWait({ platform: 'messenger', to: 'PSID-window-1', text: 'Recordatorio' });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/24-hour/);
    expect(result).not.toHaveProperty('message_ids');
  });

  it("reports the platform's own reason when it refuses the token", async () => {
    t.apis.telegram.fail(1, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const { result } = await sendAndWait({ platform: 'telegram', to: '81000001', text: 'hola' });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/Unauthorized|401/);
  });

  it('retries a callback receiver that answers 500 twice, with the same signed body', async () => {
    t.receiver.failNext(2);
    const accepted = await t.api.send({ platform: 'viber', to: 'vb-retry==', text: 'hola', callback_url: `${t.receiver.url}/cb` });
    const taskId = accepted.json.task_id as string;
    await t.receiver.waitFor(() => t.receiver.accepted(taskId).length > 0);
    const tries = t.receiver.received.filter((r) => (r.body as { task_id?: string }).task_id === taskId);
    expect(tries.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(new Set(tries.map((r) => r.rawBody)).size).toBe(1);
    for (const t of tries) expect(t.headers['x-parley-signature']).toBe(expectedSignature(t.rawBody, CALLBACK_SECRET));
    expect(tries[2]!.body).toMatchObject({ task_id: taskId, status: 'sent' });
  });

  it("waits out Telegram's 429 retry_after and delivers the message exactly once", async () => {
    t.apis.telegram.fail(1, telegramTooManyRequests(1));
    const to = '81000002';
    const { result } = await sendAndWait({ platform: 'telegram', to, text: 'despacio' });
    const tries = sends(t.apis.telegram).filter((r) => (r.body as { chat_id?: number }).chat_id === Number(to));
    expect(tries).toHaveLength(2);
    expect(tries[1]!.receivedAt - tries[0]!.receivedAt).toBeGreaterThanOrEqual(900);
    expect(result).toMatchObject({ status: 'sent', message_ids: [expect.stringMatching(/^\d+$/)] });
    expect(result).not.toHaveProperty('error');
  });

  it('retries a WhatsApp 503 and reports one delivered message', async () => {
    t.apis.whatsapp.fail(2, { status: 503, body: 'Service Unavailable' });
    const to = '447700900222';
    const { result } = await sendAndWait({ platform: 'whatsapp', to, text: 'otra vez' });
    expect(sends(t.apis.whatsapp).filter((r) => (r.body as { to?: string }).to === to)).toHaveLength(3);
    expect(result).toMatchObject({ status: 'sent', message_ids: [expect.stringMatching(/^wamid\./)] });
  });
});

describe('send API and the per-conversation rate limit (real HTTP)', () => {
  let telegram: TelegramApi;
  let parley: TestParley;

  beforeAll(async () => {
    telegram = await startTelegramApi({ token: TG_TOKEN });
    // Two messages a second per chat, no burst: the limit replies to users also obey.
    parley = await startTestParley({ ...platformEnv('telegram', telegram.url), PARLEY_API_TOKEN: API_TOKEN, PARLEY_RATE_TELEGRAM: '0,2,1' });
  });
  afterAll(async () => {
    await parley?.stop();
    await telegram?.close();
  });

  it('spaces API sends to one chat by the platform limit, in the order they were accepted', async () => {
    const api = sendApiClient(parley.url);
    for (const text of ['uno', 'dos', 'tres']) expect((await api.send({ platform: 'telegram', to: '83000001', text })).status).toBe(202);
    const mine = () => telegram.requests.filter((r) => (r.body as { chat_id?: number }).chat_id === 83000001);
    await telegram.waitFor(() => mine().length >= 3);
    expect(mine().map((r) => (r.body as { text: string }).text)).toEqual(['uno', 'dos', 'tres']);
    const [a, b, c] = mine().map((r) => r.receivedAt);
    expect(b! - a!).toBeGreaterThanOrEqual(400);
    expect(c! - b!).toBeGreaterThanOrEqual(400);
  });
});
