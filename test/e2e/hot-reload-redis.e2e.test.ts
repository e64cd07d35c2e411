/**
 * Hot reload with two Parley processes on one Redis (real child processes, Telegram
 * stand-in): each process watches the flows folder and reloads; a conversation behaves the
 * same whichever process handles its next event, and a process restarted after the change
 * still runs a pinned conversation on its old version (compiled from the sources in Redis).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { spawnParley, type SpawnedParley } from '../support/spawn-parley.js';
import { copyExampleFlows, type FlowsFolder } from '../support/flows-folder.js';
import { postTelegram } from '../support/post-telegram.js';
import { redisTelegramEnv } from '../support/redis-telegram-env.js';
import { telegramDriver } from './drivers/telegram-driver.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.warn('hot-reload-redis.e2e.test.ts: skipped: set REDIS_URL to run the two-process reload suite');

type Health = { reload: { version: string; last?: { ok: boolean; at: string } } };

describe.skipIf(!redisUrl)('hot reload across two processes on Redis', () => {
  let api: TelegramApi;
  let flows: FlowsFolder;
  let procs: SpawnedParley[] = [];
  let env: Record<string, string>;
  beforeAll(async () => {
    api = await startTelegramApi();
    flows = copyExampleFlows();
    env = {
      ...redisTelegramEnv(api.url, redisUrl!, 'parley-reload-e2e', flows.dir),
      PARLEY_SECRET_KEY: '55'.repeat(32),
      PARLEY_RELOAD_DEBOUNCE_MS: '50',
      // /healthz shows the reload only to the API token's holder.
      PARLEY_API_TOKEN: 'reload-redis-token',
    };
    procs = await Promise.all([spawnParley(env), spawnParley(env)]);
  }, 40_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await api?.close();
    flows?.remove();
  });

  const health = async (proc: SpawnedParley) => (await (await request(`${proc.url}/healthz?verbose`, { headers: { authorization: 'Bearer reload-redis-token' } })).body.json()) as Health;
  /** Edits, then waits until both processes report a reload after the edit. */
  const editAndWait = async (edit: () => void) => {
    const before = await Promise.all(procs.map(health));
    edit();
    for (let i = 0; i < 100; i++) {
      const now = await Promise.all(procs.map(health));
      if (now.every((h, k) => h.reload.last && h.reload.last.at !== before[k].reload.last?.at)) return now;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the processes did not reload');
  };
  const say = async (proc: SpawnedParley, user: string, hook: { headers: Record<string, string>; body: string }, count = 1) => {
    const before = telegramDriver.replies(api.requests, user).length;
    await postTelegram(proc.url, hook);
    await api.waitFor((reqs) => telegramDriver.replies(reqs, user).length >= before + count, 10_000);
    return telegramDriver.replies(api.requests, user).slice(before).map((r) => r.text);
  };
  const open = (proc: SpawnedParley, user: string) => say(proc, user, telegramDriver.text(user, 'hola'), 2);
  const press = (proc: SpawnedParley, user: string, id: string, title: string) => say(proc, user, telegramDriver.press(user, { id, title }));

  it('moves a conversation waiting in an unchanged menu, whichever process takes the press', async () => {
    await open(procs[0], 'r-ana');
    const after = await editAndWait(() => flows.edit('club-menu.yaml', 'de 9 a 20 h.', 'de 7 a 22 h.'));
    expect(after.every((h) => h.reload.last!.ok && h.reload.version === after[0].reload.version)).toBe(true);
    expect(await press(procs[1], 'r-ana', 'pool', 'Pileta')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 7 a 22 h.']);
  });

  it('keeps a changed menu on the old version on the other process, and on a restarted one', async () => {
    await open(procs[0], 'r-bo');
    await open(procs[0], 'r-cy');
    await editAndWait(() => {
      flows.edit('club-menu.yaml', '{ id: pool, title: Pileta, next: pool }', '{ id: pool, title: Piscina, next: pool }');
      flows.edit('club-menu.yaml', 'de 7 a 22 h.', 'de 6 a 23 h.');
    });
    expect(await press(procs[1], 'r-bo', 'pool', 'Pileta')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 7 a 22 h.']);
    // A fresh process never ran the old version: it compiles it from the sources in Redis.
    await procs[1].stop();
    procs[1] = await spawnParley(env);
    expect(await press(procs[1], 'r-cy', 'pool', 'Pileta')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 7 a 22 h.']);
    expect(await open(procs[1], 'r-cy')).toEqual(['Hola!', 'Por favor elije una opción:']);
    expect(await press(procs[0], 'r-cy', 'pool', 'Piscina')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 6 a 23 h.']);
  }, 40_000);

  it('refuses a broken edit on both processes and both keep answering', async () => {
    const serving = (await health(procs[0])).reload.version;
    const after = await editAndWait(() => flows.edit('club-menu.yaml', 'next: pool }', 'next: nowhere }'));
    expect(after.map((h) => [h.reload.last!.ok, h.reload.version])).toEqual([[false, serving], [false, serving]]);
    // The log line was written before the health changed; its bytes may still be in the pipe.
    for (let i = 0; i < 50 && !procs.every((p) => p.output().includes('flows reload refused')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(procs.map((p) => p.output().includes('flows reload refused'))).toEqual([true, true]);
    expect(await open(procs[0], 'r-dee')).toEqual(['Hola!', 'Por favor elije una opción:']);
    expect(await press(procs[1], 'r-dee', 'pool', 'Piscina')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 6 a 23 h.']);
  });
});
