/**
 * Tasks are durable: a task accepted by one server whose platform cannot be reached is
 * delivered, once, by the next server started on the same SQLite file, and its callback
 * arrives from there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { expectedSignature, startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
import { API_TOKEN, CALLBACK_SECRET, platformEnv, sendApiClient, TG_TOKEN } from './send-api-harness.js';

describe('send API across a restart (real HTTP, one SQLite file)', () => {
  let dataDir: string;
  let receiver: CallbackReceiver;
  let telegram: TelegramApi;
  /** Telegram having an outage: 503 to every request. */
  let down: TelegramApi;
  const running: TestParley[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-send-api-restart-'));
    receiver = await startCallbackReceiver();
    telegram = await startTelegramApi({ token: TG_TOKEN });
    down = await startTelegramApi({ token: TG_TOKEN });
    down.fail(100_000, { status: 503, body: { ok: false, error_code: 503, description: 'Service Unavailable' } });
  });
  afterAll(async () => {
    for (const p of running) await p.stop();
    await receiver?.close();
    await telegram?.close();
    await down?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A server on the shared DB file whose Telegram API is `apiUrl`. */
  const start = async (apiUrl: string, db: string) => {
    const parley = await startTestParley({
      ...platformEnv('telegram', apiUrl),
      PARLEY_DB: join(dataDir, db),
      PARLEY_API_TOKEN: API_TOKEN,
      PARLEY_CALLBACK_SECRET: CALLBACK_SECRET,
      // The callback receiver is on loopback, which the outbound guard refuses unless allowed.
      PARLEY_OUTBOUND_ALLOW: '127.0.0.1',
      PARLEY_SEND_BASE_DELAY_MS: '50',
      // The first server must keep retrying, not give up, until it is stopped.
      PARLEY_SEND_MAX_ATTEMPTS: '1000',
    });
    running.push(parley);
    return parley;
  };

  const stop = async (parley: TestParley) => {
    await parley.stop();
    running.splice(running.indexOf(parley), 1);
  };

  /**
   * A first server, whose Telegram is down, accepts a task for `body` with a callback and
   * tries it once: it fails, and the task stays queued.
   */
  const acceptWhileDown = async (db: string, body: { to: string; text?: string; flow?: string }) => {
    const first = await start(down.url, db);
    const accepted = await sendApiClient(first.url).send({ platform: 'telegram', ...body, callback_url: `${receiver.url}/cb` });
    expect(accepted.status).toBe(202);
    await down.waitFor((reqs) => reqs.some((r) => (r.body as { chat_id?: number }).chat_id === Number(body.to)));
    return { first, taskId: accepted.json.task_id as string };
  };

  it('delivers a message accepted before the restart exactly once, and the callback arrives', async () => {
    const { first, taskId } = await acceptWhileDown('message.db', { to: '91000001', text: 'Sobrevive' });
    expect((await sendApiClient(first.url).task(taskId)).json).toMatchObject({ task_id: taskId, status: 'queued' });
    await stop(first);

    const second = await start(telegram.url, 'message.db');
    await receiver.waitFor(() => receiver.accepted(taskId).length > 0);
    const mine = telegram.requests.filter((r) => r.path.endsWith('/sendMessage') && (r.body as { chat_id: number }).chat_id === 91000001);
    expect(mine.map((r) => r.body)).toEqual([{ chat_id: 91000001, text: 'Sobrevive' }]);

    const callback = receiver.accepted(taskId)[0]!;
    expect(callback.headers['x-parley-signature']).toBe(expectedSignature(callback.rawBody, CALLBACK_SECRET));
    expect(callback.body).toEqual({ task_id: taskId, status: 'sent', platform: 'telegram', to: '91000001', message_ids: [expect.stringMatching(/^\d+$/)] });
    expect((await sendApiClient(second.url).task(taskId)).json).toEqual(callback.body);
    await stop(second);
    expect(receiver.accepted(taskId)).toHaveLength(1);
  });

  it('runs a flow started before the restart, and reports the task sent', async () => {
    const { first, taskId } = await acceptWhileDown('flow.db', { to: '91000002', flow: 'club-menu' });
    await stop(first);

    const second = await start(telegram.url, 'flow.db');
    await receiver.waitFor(() => receiver.accepted(taskId).length > 0);
    const texts = telegram.requests
      .filter((r) => r.path.endsWith('/sendMessage') && (r.body as { chat_id: number }).chat_id === 91000002)
      .map((r) => (r.body as { text: string }).text);
    expect(texts).toEqual(['Hola!', 'Por favor elije una opción:']);
    expect(receiver.accepted(taskId)[0]!.body).toMatchObject({ status: 'sent', message_ids: [expect.any(String), expect.any(String)] });
    await stop(second);
  });
});
