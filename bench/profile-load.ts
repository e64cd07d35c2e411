/**
 * `npx tsx bench/profile-load.ts [memory|sqlite]`: one Parley target under the bench's load with
 * the CPU profiler on (compiled dist/, so names and lines are the real ones), then the top
 * functions and files by self time. A tool for working on the hot path; not part of the run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandInTelegram } from './stand-in-telegram.js';
import { runLoad } from './load.js';
import { BENCH_SECRET, BENCH_TOKEN } from './telegram-update.js';
import { summarizeProfile, summarizeProfileByFile } from './profile-summary.js';

const store = process.argv[2] ?? 'sqlite';
const stand = createStandInTelegram();
await new Promise<void>((r) => stand.server.listen(0, '127.0.0.1', r));
const api = `http://127.0.0.1:${(stand.server.address() as { port: number }).port}`;
const dir = mkdtempSync(join(tmpdir(), 'parley-prof-'));
// PROFILE_NODE_ARGS adds Node flags to the target (e.g. --trace-gc).
const extra = process.env.PROFILE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...extra, 'dist/app/main.js'], {
  env: {
    ...process.env,
    PORT: '3999',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PARLEY_STORE: store,
    PARLEY_DB: join(dir, 'p.db'),
    PARLEY_DATA_DIR: dir,
    TELEGRAM_BOT_TOKEN: BENCH_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
    TELEGRAM_API_URL: api,
    PARLEY_RATE_TELEGRAM: '0,0,1',
    REDIS_URL: '',
  },
  stdio: 'inherit',
});
await new Promise((r) => setTimeout(r, 1500));
await runLoad({ url: 'http://127.0.0.1:3999', connections: 64, durationS: 8, firstChatId: 1000 });
await new Promise((r) => setTimeout(r, 3000));
child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
stand.server.close();
const file = join(dir, readdirSync(dir).find((n) => n.endsWith('.cpuprofile'))!);
for (const l of summarizeProfile(file, 20)) console.log(`${l.selfPercent.toFixed(1).padStart(5)}%  ${l.fn}  ${l.where}`);
console.log('--- by file');
for (const l of summarizeProfileByFile(file, 12)) console.log(`${l.selfPercent.toFixed(1).padStart(5)}%  ${l.where}`);
