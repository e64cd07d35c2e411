/**
 * A send step whose image URL points into the server's network is never handed to the
 * platform: the outbox records it failed ("media URL refused"), the other replies go out, and
 * the address (a listener on 127.0.0.1) receives nothing. Over real HTTP, allow-list off.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTelegramApi } from '../support/stand-ins/telegram-api.js';
import type { RecordingServer } from '../support/stand-ins/recording-server.js';
import { signedTelegramUpdate, telegramCommandUpdate } from '../support/webhooks/telegram.js';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startCountingListener, type CountingListener } from '../support/ssrf-targets.js';

let tg: RecordingServer;
let listener: CountingListener;
let parley: TestParley;
let flows: string;

beforeAll(async () => {
  [tg, listener] = await Promise.all([startTelegramApi({ token: 'tg-token' }), startCountingListener()]);
  flows = mkdtempSync(join(tmpdir(), 'parley-media-flows-'));
  cpSync(join(import.meta.dirname, '..', '..', 'flows'), flows, { recursive: true });
  writeFileSync(
    join(flows, 'pictures.yaml'),
    [
      'version: 1',
      'id: pictures',
      'triggers: [ { command: pics } ]',
      'steps:',
      `  - send: { image: "https://127.1:${listener.port}/inner.png" }`,
      '  - send: { image: "https://169.254.169.254/latest/meta-data/x.png" }',
      '  - send: { image: "https://cdn.example.com/ok.png" }',
      '  - say: "done"',
      '',
    ].join('\n'),
  );
  parley = await startTestParley({
    PARLEY_FLOWS: flows, TELEGRAM_BOT_TOKEN: 'tg-token', TELEGRAM_WEBHOOK_SECRET: 's', TELEGRAM_API_URL: tg.url,
  });
});
afterAll(async () => {
  await parley?.stop();
  await Promise.all([tg?.close(), listener?.close()]);
  rmSync(flows, { recursive: true, force: true });
});

describe('media URL guard on send steps', () => {
  it('fails the inner media replies without asking the platform, and sends the rest', async () => {
    const hook = signedTelegramUpdate(telegramCommandUpdate({ id: 77, name: 'Al' }, 'pics'), 's');
    const res = await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    expect(res.statusCode).toBe(200);
    await res.body.text();
    const sent = await tg.waitFor((rs) => rs.some((r) => r.path.endsWith('/sendMessage')));
    expect(sent.filter((r) => r.path.endsWith('/sendPhoto')).map((r) => (r.body as { photo: string }).photo)).toEqual(['https://cdn.example.com/ok.png']);
    const failed = await parley.store.failedOutbox(10);
    expect(failed.map((f) => [(f.message as { url: string }).url, f.error.slice(0, 19)]).sort()).toEqual([
      [`https://127.1:${listener.port}/inner.png`, 'media URL refused: '],
      ['https://169.254.169.254/latest/meta-data/x.png', 'media URL refused: '],
    ]);
    expect(listener.connections()).toBe(0);
  });
});
