/**
 * Upgrading with a callback still in the outbox: older versions queued a finished task's
 * callback as an outbox item of the platform '@callback'. The new version (real HTTP, a
 * SQLite file written as the old one left it) posts it once, signed as before, and the
 * outbox forgets the item.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../engine/runtime/stores/sqlite-store.js';
import { startTestParley } from '../support/parley-server.js';
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

  it('is posted once, signed, from a callback record', async () => {
    const db = join(dataDir, 'old.db');
    const body = JSON.stringify({ task_id: 'old-task', status: 'sent', platform: 'telegram', to: '42', message_ids: ['9'] });
    const old = openSqliteStore({ path: db });
    // Exactly what the old task-reports.ts enqueued.
    await old.enqueue([{
      id: '@callback:old-task', key: '@callback:old-task', platform: '@callback', to: `${receiver.url}/cb`,
      message: { kind: 'text', text: body }, seq: 0, attempts: 0, notBefore: 0, createdAt: 1,
    }]);
    await old.close();

    // One refusal first: the record is retried like any callback.
    receiver.failNext(1);
    const parley = await startTestParley({
      PARLEY_DB: db, PARLEY_API_TOKEN: API_TOKEN, PARLEY_CALLBACK_SECRET: CALLBACK_SECRET,
      PARLEY_OUTBOUND_ALLOW: '127.0.0.1', PARLEY_SEND_BASE_DELAY_MS: '50',
    });
    try {
      await receiver.waitFor(() => receiver.accepted('old-task').length > 0);
      const callback = receiver.accepted('old-task')[0]!;
      expect(callback.rawBody).toBe(body);
      expect(callback.headers['x-parley-signature']).toBe(expectedSignature(body, CALLBACK_SECRET));
      await expect.poll(async () => (await parley.store.getCallback('old-task'))?.state).toBe('done');
      expect(await parley.store.claimOutbox(Date.now() + 60_000, 10, 1000)).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.accepted('old-task')).toHaveLength(1);
    } finally {
      await parley.stop();
    }
  });
});
