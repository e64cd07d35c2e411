/**
 * `kill -HUP` reloads the flows of a real server process, also with the watcher off.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { spawnParley, type SpawnedParley } from '../support/spawn-parley.js';
import { reloadBench } from '../support/reload-bench.js';
import { telegramDriver } from './drivers/telegram-driver.js';

const TOKEN = 'sighup-token';

describe('SIGHUP', () => {
  const bench = reloadBench('parley-sighup-');
  let proc: SpawnedParley;
  beforeAll(async () => {
    proc = await spawnParley({
      ...telegramDriver.env(bench.api.url), PORT: '0', HOST: '127.0.0.1', PARLEY_FLOWS: bench.flows.dir, PARLEY_DB: join(bench.dir, 'p.db'),
      PARLEY_SECRET_KEY: '77'.repeat(32), PARLEY_RATE_TELEGRAM: '0,0,1', PARLEY_WATCH: '0', PARLEY_API_TOKEN: TOKEN,
    });
  }, 30_000);
  afterAll(async () => {
    await proc?.stop();
  });

  const health = async () =>
    (await (await request(`${proc.url}/healthz?verbose`, { headers: { authorization: `Bearer ${TOKEN}` } })).body.json()) as { reload: { version: string; last?: { ok: boolean; reason: string } } };

  it('reloads the edited flows on SIGHUP and not before', async () => {
    const started = (await health()).reload.version;
    bench.flows.edit('club-menu.yaml', 'de 9 a 20 h.', 'de 10 a 18 h.');
    await new Promise((r) => setTimeout(r, 500));
    expect((await health()).reload).toEqual({ version: started, loaded: 1 });
    proc.child.kill('SIGHUP');
    let h = await health();
    for (let i = 0; i < 50 && !h.reload.last; i++) {
      await new Promise((r) => setTimeout(r, 100));
      h = await health();
    }
    expect(h.reload.last).toMatchObject({ ok: true, reason: 'SIGHUP' });
    expect(h.reload.version).not.toBe(started);
  });
});
