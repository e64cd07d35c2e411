/**
 * Upgrading with a callback still in the outbox: older versions queued a finished task's
 * callback as an outbox item of the platform '@callback'. The new version (real HTTP, a
 * store written as the old one left it: SQLite, and Redis when REDIS_URL is set) posts it
 * once, signed as before, and the outbox forgets the item.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore, OutboxItem } from '../../engine/runtime/store.js';
import { createRedisStore } from '../../engine/runtime/stores/redis-store.js';
import { openSqliteStore } from '../../engine/runtime/stores/sqlite-store.js';
import { startTestParley } from '../support/parley-server.js';
import { clearRedisPrefix } from '../../bench/redis-cleanup.js';
import { expectedSignature, startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
import { API_TOKEN, CALLBACK_SECRET } from './send-api-harness.js';

describe('a callback an older version left in the outbox', () => {
  let dataDir: string;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-legacy-callback-'));
    receiver = await startCallbackReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Exactly what the old task-reports.ts enqueued. */
  const legacyItem = (taskId: string, body: string): OutboxItem => ({
    id: `@callback:${taskId}`, key: `@callback:${taskId}`, platform: '@callback', to: `${receiver.url}/cb`,
    message: { kind: 'text', text: body }, seq: 0, attempts: 0, notBefore: 0, createdAt: 1,
  });

  /** Leaves a legacy item (`leave`), starts Parley (on `store`, or the one `env` names) and expects the callback posted once. */
  const upgrade = async (taskId: string, leave: (item: OutboxItem) => Promise<void>, env: Record<string, string>, store?: ConversationStore) => {
    const body = JSON.stringify({ task_id: taskId, status: 'sent', platform: 'telegram', to: '42', message_ids: ['9'] });
    await leave(legacyItem(taskId, body));
    // One refusal first: the record is retried like any callback.
    receiver.failNext(1);
    const parley = await startTestParley({
      PARLEY_API_TOKEN: API_TOKEN, PARLEY_CALLBACK_SECRET: CALLBACK_SECRET, PARLEY_OUTBOUND_ALLOW: '127.0.0.1', PARLEY_SEND_BASE_DELAY_MS: '50', ...env,
    }, undefined, store);
    try {
      await receiver.waitFor(() => receiver.accepted(taskId).length > 0);
      const callback = receiver.accepted(taskId)[0]!;
      expect(callback.rawBody).toBe(body);
      expect(callback.headers['x-parley-signature']).toBe(expectedSignature(body, CALLBACK_SECRET));
      await expect.poll(async () => (await parley.store.getCallback(taskId))?.state).toBe('done');
      expect(await parley.store.claimOutbox(Date.now() + 60_000, 10, 1000)).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.accepted(taskId)).toHaveLength(1);
    } finally {
      await parley.stop();
    }
  };

  it('is posted once, signed, from a callback record (SQLite file)', async () => {
    const db = join(dataDir, 'old.db');
    const leave = async (item: OutboxItem) => {
      const old = openSqliteStore({ path: db });
      await old.enqueue([item]);
      await old.close();
    };
    await upgrade('old-task', leave, { PARLEY_DB: db });
  });

  it.runIf(process.env.REDIS_URL)('is posted once, signed, from a callback record (Redis)', async () => {
    const prefix = `parley-test:legacy-callback-${randomUUID()}:`;
    const store = await createRedisStore({ url: process.env.REDIS_URL!, prefix });
    try {
      await upgrade('old-redis-task', (item) => store.enqueue([item]), {}, store);
    } finally {
      await store.close();
      await clearRedisPrefix(process.env.REDIS_URL!, prefix);
    }
  });
});
