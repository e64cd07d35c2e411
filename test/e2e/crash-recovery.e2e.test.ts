/**
 * kill -9 of the server at random points under load, several trials. Webhooks are retried
 * until acknowledged, as platforms do. After a restart every acknowledged event must be
 * answered, in order per user; the only duplicates allowed are replies that were in flight
 * at the kill (at most one per conversation per kill: a conversation sends one at a time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startWhatsappApi } from '../support/stand-ins/whatsapp-api.js';
import { signedMetaBody, whatsappTextBody } from '../support/webhooks/meta.js';
import type { RecordingServer } from '../support/stand-ins/recording-server.js';
import { spawnParley } from '../support/spawn-parley.js';

const USERS = 6;
const MESSAGES = 12;
const TRIALS = 3;

describe('crash recovery: kill -9 under load (SQLite)', () => {
  let api: RecordingServer;
  const dirs: string[] = [];
  beforeAll(async () => {
    api = await startWhatsappApi({ token: 'wa-token' });
  });
  afterAll(async () => {
    await api?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  for (let trial = 1; trial <= TRIALS; trial++) {
    it(`trial ${trial}: every acknowledged event is answered, in order`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
      dirs.push(dir);
      const env = {
        PORT: '0',
        HOST: '127.0.0.1',
        PARLEY_DB: join(dir, 'parley.db'),
        PARLEY_SECRET_KEY: '22'.repeat(32),
        PARLEY_TICK_MS: '100',
        // Short leases, so a killed process's conversations and claimed replies are taken over
        // within seconds (defaults: 10 s lock, 15 s outbox lease).
        PARLEY_LOCK_TTL_MS: '2000',
        PARLEY_OUTBOX_LEASE_MS: '3000',
        WHATSAPP_TOKEN: 'wa-token',
        WHATSAPP_APP_SECRET: 'crash-secret',
        WHATSAPP_VERIFY_TOKEN: 'v',
        WHATSAPP_PHONE_NUMBER_ID: '112233445566778',
        WHATSAPP_API_URL: api.url,
      };
      let server = await spawnParley(env);
      const prefix = `t${trial}x`;
      const users = Array.from({ length: USERS }, (_, i) => `4470${trial}${i}${Date.now() % 10000}`);

      // Each user sends its messages in order, retrying each webhook until it is acknowledged.
      let kills = 0;
      const send = async (user: string, k: number) => {
        const hook = signedMetaBody(whatsappTextBody({ waId: user, name: 'U' }, `!echo ${prefix}-${k}`), 'crash-secret');
        for (let attempt = 0; attempt < 200; attempt++) {
          try {
            const res = await request(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers: hook.headers, body: hook.body });
            await res.body.dump();
            if (res.statusCode === 200) return;
          } catch {
            /* connection refused while the server is down: retry like the platform */
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`event ${user}/${k} was never acknowledged`);
      };
      const load = Promise.all(users.map(async (u) => {
        for (let k = 1; k <= MESSAGES; k++) await send(u, k);
      }));

      // kill -9 at a random moment of the load, then start again on the same database.
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 700));
      server.child.kill('SIGKILL');
      kills++;
      await new Promise((r) => server.child.once('exit', r));
      server = await spawnParley(env);
      await load;

      const repliesOf = (u: string) =>
        api.requests
          .filter((r) => (r.body as { to?: string })?.to === u)
          .map((r) => (r.body as { text?: { body: string } }).text?.body ?? '')
          .filter((t) => t.startsWith(`${prefix}-`));
      try {
        await api.waitFor(() => users.every((u) => new Set(repliesOf(u)).size === MESSAGES), 20_000);
      } catch (err) {
        const missing = users.map((u) => `${u}: ${MESSAGES - new Set(repliesOf(u)).size} missing`).join(', ');
        throw new Error(`${missing}\n--- server log (tail) ---\n${server.output().slice(-4000)}`, { cause: err });
      }
      await server.stop();

      let duplicates = 0;
      for (const u of users) {
        const replies = repliesOf(u);
        const firsts = replies.filter((t, i) => replies.indexOf(t) === i).map((t) => Number(t.split('-')[1]));
        expect(firsts).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
        duplicates += replies.length - firsts.length;
      }
      console.info(`crash trial ${trial}: ${USERS * MESSAGES} events acknowledged and answered in order, ${duplicates} in-flight duplicate(s)`);
      expect(duplicates).toBeLessThanOrEqual(USERS * kills);
    }, 60_000);
  }
});
