import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { parse } from 'yaml';
import { startParley, type RunningParley } from '../../app/start-parley.js';
import { runReloadCommand } from '../../app/cli/reload-commands.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { copyExampleFlows, type FlowsFolder } from '../support/flows-folder.js';
import { reloadBench } from '../support/reload-bench.js';
import { chatId, telegramDriver, TG_TOKEN } from '../e2e/drivers/telegram-driver.js';

const TOKEN = 'cli-token';

describe('parley reload / transcript / replay', () => {
  const bench = reloadBench('parley-cli-reload-', { token: TG_TOKEN });
  let candidate: FlowsFolder;
  let parley: RunningParley;
  let env: Record<string, string>;
  const run = async (command: string, args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runReloadCommand(command, args, { env, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
    return { code, stdout, stderr };
  };
  const say = async (user: string, hook: { headers: Record<string, string>; body: string }, count: number) => {
    const before = telegramDriver.replies(bench.api.requests, user).length;
    await (await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body })).body.dump();
    await bench.api.waitFor((reqs) => telegramDriver.replies(reqs, user).length >= before + count, 10_000);
  };

  beforeAll(async () => {
    candidate = copyExampleFlows();
    env = {
      ...telegramDriver.env(bench.api.url), PORT: '0', HOST: '127.0.0.1', PARLEY_FLOWS: bench.flows.dir, PARLEY_DB: join(bench.dir, 'parley.db'),
      PARLEY_SECRET_KEY: '66'.repeat(32), PARLEY_RATE_TELEGRAM: '0,0,1', PARLEY_API_TOKEN: TOKEN, PARLEY_WATCH: '0', PARLEY_TICK_MS: '100',
    };
    parley = await startParley({ env, logger: silentLogger });
    env.PARLEY_URL = parley.url;
    await say('cli-ana', telegramDriver.text('cli-ana', 'hola'), 2);
    await say('cli-ana', telegramDriver.press('cli-ana', { id: 'tennis', title: 'Tenis' }), 1);
    await say('cli-bo', telegramDriver.text('cli-bo', 'hola'), 2);
  });
  afterAll(async () => {
    await parley?.close();
    candidate?.remove();
  });

  it('reload --dry-run counts the conversations waiting in a changed step and switches nothing', async () => {
    const serving = parley.reloading.versions.current().version;
    bench.flows.edit('club-menu.yaml', '{ id: hall, title: SUM, next: hall }', '{ id: hall, title: Salón, next: hall }');
    const { code, stdout } = await run('reload', ['--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain(`would switch ${serving} → `);
    expect(stdout).toContain('1 waiting in club-menu.choose (changed)');
    expect(parley.reloading.versions.current().version).toBe(serving);
    const real = await run('reload', []);
    expect(real.stdout).toContain('switched');
    expect(parley.reloading.versions.current().version).not.toBe(serving);
  });

  it('reload says refused and exits 1 on a broken set; a wrong token is an error', async () => {
    bench.flows.write('broken.yaml', 'version: 1\nid: broken\nsteps:\n  - goto: nowhere\n');
    const { code, stdout } = await run('reload', []);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^refused: 1 error\(s\); still serving /);
    rmSync(join(bench.flows.dir, 'broken.yaml'));
    const wrong = await runReloadCommand('reload', [], { env: { ...env, PARLEY_API_TOKEN: 'nope' }, stdout: () => {}, stderr: () => {} });
    expect(wrong).toBe(2);
  });

  it('transcript prints the turns, saves them as a test, and exits 1 for an unknown conversation', async () => {
    const { code, stdout } = await run('transcript', [`telegram:${chatId('cli-ana')}`]);
    expect(code).toBe(0);
    expect(stdout).toContain('text "hola"  (idle → club-menu.choose)');
    expect(stdout).toContain('    Elegiste Tenis. Las canchas se reservan de 8 a 22 h.');
    const file = join(bench.dir, 'ana.test.yaml');
    await run('transcript', [`telegram:${chatId('cli-ana')}`, '--test', file]);
    const saved = parse(readFileSync(file, 'utf8'));
    expect(saved.tests[0].turns).toEqual([
      { user: 'hola', bot: ['Hola!', 'Por favor elije una opción:'] },
      { press: 'Tenis', bot: 'Elegiste Tenis. Las canchas se reservan de 8 a 22 h.' },
    ]);
    const unknown = await run('transcript', ['telegram:1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no conversation telegram:1');
  });

  it('replay exits 0 on the same flows and 1 with the diverging turn on edited ones', async () => {
    const same = await run('replay', ['--flows', candidate.dir]);
    expect(same.stdout).toContain('0 diverged');
    expect(same.code).toBe(0);
    candidate.edit('club-menu.yaml', 'de 8 a 22 h.', 'de 9 a 21 h.');
    const changed = await run('replay', ['--flows', candidate.dir]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`telegram:${chatId('cli-ana')}  diverges in 1 of 2 turn(s)`);
    expect(changed.stdout).toContain('    - Elegiste Tenis. Las canchas se reservan de 8 a 22 h.\n    + Elegiste Tenis. Las canchas se reservan de 9 a 21 h.');
  });
});
