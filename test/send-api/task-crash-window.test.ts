/**
 * A task must not stay "queued" because the process died between the platform accepting its
 * message and the task recording it. Each case "kills" the first server at one store call
 * (every later store call fails, so nothing after that point is written), starts a second
 * server on the same SQLite file, and expects the task to end "sent" with exactly one callback.
 * The outbox is at least once: the message the first server sent goes out again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../engine/runtime/store.js';
import { openSqliteStore } from '../../engine/runtime/stores/sqlite-store.js';
import { crashingStore, type CrashTrap } from '../support/crashing-store.js';
import { startTestParley } from '../support/parley-server.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { expectedSignature, startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
import { API_TOKEN, CALLBACK_SECRET, platformEnv, sendApiClient, TG_TOKEN } from './send-api-harness.js';

/** The crash points, in the order the outbox and the task reports reach them. */
const cases: { name: string; trap: CrashTrap; before?: (receiver: CallbackReceiver) => void }[] = [
  {
    name: 'after the platform accepted the message, before the task records it',
    trap: (method, args) => method === 'putTask' && ((args[0] as TaskRecord).delivered ?? 0) >= 1,
  },
  {
    name: 'after the task is marked sent, before its callback is queued',
    trap: (method) => method === 'putCallback',
  },
  {
    name: 'after the callback is stored, before the task records that it is',
    trap: (method, args) => method === 'putTask' && (args[0] as TaskRecord).callbackQueued === true,
    // The callback sender may post the stored callback before the "crash": refuse that one.
    before: (receiver) => receiver.failNext(1),
  },
  {
    name: 'after the task and its callback are recorded, before the outbox removes the message',
    trap: (method) => method === 'markSent',
    // Refuse a callback the dying server might still post, so the only accepted one comes
    // from the second server (a callback posted just before a crash is re-posted: at least once).
    before: (receiver) => receiver.failNext(1),
  },
];

describe('send-API task across a crash between delivery and the task update (real HTTP, one SQLite file)', () => {
  let dataDir: string;
  let receiver: CallbackReceiver;
  let telegram: TelegramApi;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-task-crash-'));
    receiver = await startCallbackReceiver();
    telegram = await startTelegramApi({ token: TG_TOKEN });
  });
  afterAll(async () => {
    await receiver?.close();
    await telegram?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (db: string) => ({
    ...platformEnv('telegram', telegram.url),
    PARLEY_DB: db,
    PARLEY_API_TOKEN: API_TOKEN,
    PARLEY_CALLBACK_SECRET: CALLBACK_SECRET,
    // The callback receiver is on loopback, which the outbound guard refuses unless allowed.
    PARLEY_OUTBOUND_ALLOW: '127.0.0.1',
    PARLEY_SEND_BASE_DELAY_MS: '50',
    // The dead server's claim on the message expires soon, so the next one sends it; not so
    // soon that a slow, loaded machine lets the first server re-claim its own unfinished send.
    PARLEY_OUTBOX_LEASE_MS: '1000',
  });

  const sentTo = (chatId: number) =>
    telegram.requests.filter((r) => r.path.endsWith('/sendMessage') && (r.body as { chat_id: number }).chat_id === chatId);

  cases.forEach((c, i) => {
    it(`ends "sent" with one callback when the process dies ${c.name}`, async () => {
      const db = join(dataDir, `crash-${i}.db`);
      const chatId = 93_000_000 + i;
      c.before?.(receiver);

      const sqlite = openSqliteStore({ path: db });
      const crash = crashingStore(sqlite, c.trap);
      const first = await startTestParley(env(db), undefined, crash.store);
      const accepted = await sendApiClient(first.url).send({ platform: 'telegram', to: String(chatId), text: 'Sobrevive', callback_url: `${receiver.url}/cb` });
      expect(accepted.status).toBe(202);
      const taskId = accepted.json.task_id as string;
      await expect.poll(() => crash.crashed(), { timeout: 5_000 }).toBe(true);
      expect(sentTo(chatId)).toHaveLength(1);
      await first.stop();
      await sqlite.close();

      const second = await startTestParley(env(db));
      try {
        await receiver.waitFor(() => receiver.accepted(taskId).length > 0);
        const callback = receiver.accepted(taskId)[0]!;
        expect(callback.headers['x-parley-signature']).toBe(expectedSignature(callback.rawBody, CALLBACK_SECRET));
        expect(callback.body).toEqual({ task_id: taskId, status: 'sent', platform: 'telegram', to: String(chatId), message_ids: [expect.stringMatching(/^\d+$/)] });
        expect((await sendApiClient(second.url).task(taskId)).json).toEqual(callback.body);
        // The message the first server sent goes out once more; the task counts it once.
        await telegram.waitFor(() => sentTo(chatId).length >= 2);
        await new Promise((r) => setTimeout(r, 300));
        expect(sentTo(chatId)).toHaveLength(2);
        expect(receiver.accepted(taskId)).toHaveLength(1);
      } finally {
        await second.stop();
      }
    });
  });
});
