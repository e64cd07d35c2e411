/**
 * Hot reload over real HTTP (Telegram stand-in): a user waits in the club menu, the flow file
 * is edited while the server runs, and the next press gets the new behaviour when the menu
 * step is unchanged and the old one when it changed. A broken edit or a vanished folder is
 * refused (health and log say so) and the bot keeps answering; two quick edits end on the
 * last; a restart keeps the pins.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startParley, type RunningParley } from '../../app/start-parley.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { ReloadResult } from '../../app/reload/flow-reloader.js';
import { postTelegram, type TelegramHook } from '../support/post-telegram.js';
import { reloadBench } from '../support/reload-bench.js';
import { chatId, telegramDriver, TG_TOKEN } from './drivers/telegram-driver.js';

const TOKEN = 'reload-api-token';

function collectingLogger(lines: string[]): Logger {
  const log = (obj: object, msg?: string) => void lines.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  const logger: Logger = { info: log, warn: log, error: log, debug: () => {}, child: () => logger };
  return logger;
}

describe('hot reload (Telegram, SQLite)', () => {
  const bench = reloadBench('parley-reload-', { token: TG_TOKEN });
  let parley: RunningParley;
  const logs: string[] = [];
  const env = () => ({
    ...telegramDriver.env(bench.api.url),
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_FLOWS: bench.flows.dir,
    PARLEY_DB: join(bench.dir, 'parley.db'),
    PARLEY_SECRET_KEY: '44'.repeat(32),
    PARLEY_TICK_MS: '100',
    PARLEY_RATE_TELEGRAM: '0,0,1',
    PARLEY_API_TOKEN: TOKEN,
    PARLEY_RELOAD_DEBOUNCE_MS: '50',
  });
  const start = async () => (parley = await startParley({ env: env(), logger: collectingLogger(logs) }));

  beforeAll(async () => {
    await start();
  });
  afterAll(async () => {
    await parley?.close();
  });

  /** The next reload's result, after `edit` changed the files. */
  const reloaded = (edit: () => void): Promise<ReloadResult> => {
    const next = new Promise<ReloadResult>((resolve) => {
      const off = parley.reloading.subscribe((r) => {
        off();
        resolve(r);
      });
    });
    edit();
    return next;
  };
  const post = (hook: TelegramHook) => postTelegram(parley.url, hook);
  /** Sends and waits for `count` more replies to `user`; returns their texts. */
  const say = async (user: string, hook: { headers: Record<string, string>; body: string }, count = 1) => {
    const before = telegramDriver.replies(bench.api.requests, user).length;
    await post(hook);
    await bench.api.waitFor((reqs) => telegramDriver.replies(reqs, user).length >= before + count, 10_000);
    return telegramDriver.replies(bench.api.requests, user).slice(before).map((r) => r.text);
  };
  const open = (user: string) => say(user, telegramDriver.text(user, 'hola'), 2);
  const press = (user: string, id: string, title: string) => say(user, telegramDriver.press(user, { id, title }));
  const health = async () => (await (await request(`${parley.url}/healthz?verbose`, { headers: { authorization: `Bearer ${TOKEN}` } })).body.json()) as { status: string; reload: { version: string; last?: { ok: boolean; errors: number; report?: string } } };

  it('gives the next press the new behaviour when the waiting menu is unchanged', async () => {
    expect(await open('ana')).toEqual(['Hola!', 'Por favor elije una opción:']);
    const r = await reloaded(() => bench.flows.edit('club-menu.yaml', 'de 9 a 20 h.', 'de 7 a 22 h.'));
    expect(r).toMatchObject({ ok: true, impact: { pinned: 0 } });
    expect(await press('ana', 'pool', 'Pileta')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 7 a 22 h.']);
  });

  it('finishes a changed menu on the old version, and says so in the dry run first', async () => {
    await open('bo');
    // The menu itself changes: an option's title.
    bench.flows.edit('club-menu.yaml', '{ id: pool, title: Pileta, next: pool }', '{ id: pool, title: Piscina, next: pool }');
    const dry = await request(`${parley.url}/api/v1/reload?dry_run=1`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    const preview = (await dry.body.json()) as ReloadResult;
    expect(dry.statusCode).toBe(200);
    expect(preview.dryRun).toBe(true);
    expect(preview.impact!.steps).toContainEqual({ step: 'club-menu.choose', change: 'changed', waiting: 1 });
    // The watcher reloads the same edit meanwhile; `bo` stays on the version it waits in.
    for (let i = 0; i < 50 && (await health()).reload.version !== preview.candidate; i++) await new Promise((r) => setTimeout(r, 100));
    const r = await reloaded(() => bench.flows.edit('club-menu.yaml', 'de 7 a 22 h.', 'de 6 a 23 h.'));
    expect(r.ok).toBe(true);
    expect(await press('bo', 'pool', 'Pileta')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 7 a 22 h.']);
    // Idle now: the next conversation runs on the current version.
    expect(await say('bo', telegramDriver.text('bo', 'hola'), 2)).toEqual(['Hola!', 'Por favor elije una opción:']);
    const menu = telegramDriver.replies(bench.api.requests, 'bo').at(-1)!;
    expect(menu.options!.map((o) => o.title)).toEqual(['Piscina', 'Tenis', 'SUM']);
    expect(await press('bo', 'pool', 'Piscina')).toEqual(['Elegiste Pileta. La pileta abre todos los días de 6 a 23 h.']);
  });

  it('refuses a broken edit, shows it in health and the log, and keeps answering', async () => {
    const serving = (await health()).reload.version;
    const r = await reloaded(() => bench.flows.edit('club-menu.yaml', 'next: pool }', 'next: nowhere }'));
    expect(r).toMatchObject({ ok: false, version: serving });
    expect(r.report).toContain('nowhere');
    const h = await health();
    expect(h.status).toBe('ok');
    expect(h.reload.version).toBe(serving);
    expect(h.reload.last).toMatchObject({ ok: false, errors: r.errors });
    expect(logs.some((l) => l.startsWith('flows reload refused'))).toBe(true);
    expect(await open('cy')).toEqual(['Hola!', 'Por favor elije una opción:']);
    expect(await reloaded(() => bench.flows.edit('club-menu.yaml', 'next: nowhere }', 'next: pool }'))).toMatchObject({ ok: true, version: serving });
  });

  it('keeps the running version while the flows folder is gone', async () => {
    const serving = (await health()).reload.version;
    const away = `${bench.flows.dir}-away`;
    const r = await reloaded(() => renameSync(bench.flows.dir, away));
    expect(r).toMatchObject({ ok: false, version: serving });
    expect(r.diagnostics[0].code).toBe('FILE_UNREADABLE');
    expect(await open('dee')).toEqual(['Hola!', 'Por favor elije una opción:']);
    expect(await reloaded(() => renameSync(away, bench.flows.dir))).toMatchObject({ ok: true, version: serving });
  });

  it('ends two quick edits in a row on the last one', async () => {
    const results: ReloadResult[] = [];
    const off = parley.reloading.subscribe((r) => results.push(r));
    bench.flows.edit('club-menu.yaml', 'de 6 a 23 h.', 'primera edición.');
    // The second save lands while the first one's debounce or reload is under way.
    await new Promise((r) => setTimeout(r, 30));
    bench.flows.edit('club-menu.yaml', 'primera edición.', 'segunda edición.');
    let seen = -1;
    while (seen !== results.length || results.length === 0) {
      seen = results.length;
      await new Promise((r) => setTimeout(r, 600));
    }
    off();
    expect(results.at(-1)).toMatchObject({ ok: true, version: parley.reloading.versions.current().version });
    await open('eve');
    expect(await press('eve', 'pool', 'Piscina')).toEqual(['Elegiste Pileta. La pileta abre todos los días segunda edición.']);
  });

  it('keeps a conversation pinned across a restart when its menu changed meanwhile', async () => {
    await open('fay');
    await parley.close();
    bench.flows.edit('club-menu.yaml', '{ id: tennis, title: Tenis, next: tennis }', '{ id: tennis, title: Padel, next: tennis }');
    bench.flows.edit('club-menu.yaml', 'segunda edición.', 'después del reinicio.');
    await start();
    expect(await press('fay', 'pool', 'Piscina')).toEqual(['Elegiste Pileta. La pileta abre todos los días segunda edición.']);
    expect(await open('fay')).toEqual(['Hola!', 'Por favor elije una opción:']);
    expect(await press('fay', 'pool', 'Piscina')).toEqual(['Elegiste Pileta. La pileta abre todos los días después del reinicio.']);
  });

  it('serves the transcript of a conversation, and 404 for an unknown one', async () => {
    const get = (key: string) => request(`${parley.url}/api/v1/conversations/${encodeURIComponent(key)}/transcript`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const res = await get(`telegram:${chatId('ana')}`);
    expect(res.statusCode).toBe(200);
    const body = (await res.body.json()) as { turns: { input: { kind: string; text?: string; option?: string }; replies: { text: string }[]; from: string | null; to: string | null; version: string }[] };
    expect(body.turns.map((t) => [t.input.kind, t.from, t.to])).toEqual([['text', null, 'club-menu.choose'], ['option', 'club-menu.choose', null]]);
    expect(body.turns[1].replies[0].text).toContain('de 7 a 22 h.');
    expect(body.turns[0].version).not.toBe(body.turns[1].version);
    const unknown = await get('telegram:424242');
    await unknown.body.dump();
    expect(unknown.statusCode).toBe(404);
    const anonymous = await request(`${parley.url}/api/v1/conversations/x/transcript`);
    await anonymous.body.dump();
    expect(anonymous.statusCode).toBe(401);
  });
});
