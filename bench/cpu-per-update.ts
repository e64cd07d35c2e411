/**
 * `npx tsx bench/cpu-per-update.ts [updates] [dist-dir …]`: CPU time (user + system, all
 * threads, /proc/<pid>/stat) the Parley process (compiled dist/, SQLite, limits off) spends
 * per update of the full step: webhook, turn, commit, both replies sent to the loopback
 * stand-in. A fixed number of updates at a modest open-loop rate, counted from the first
 * update to the last reply, so the number compares across runs on a busy machine better
 * than a rate does. Several dist dirs (a before and an after build) run alternately, 3 rounds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandInTelegram } from './stand-in-telegram.js';
import { runOpenLoop } from './open-loop.js';
import { BENCH_SECRET, BENCH_TOKEN } from './telegram-update.js';

const updates = Number(process.argv[2] ?? 1500);
const stand = createStandInTelegram();
await new Promise<void>((r) => stand.server.listen(0, '127.0.0.1', r));
const api = `http://127.0.0.1:${(stand.server.address() as { port: number }).port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cpuMs = (pid: number, task?: number) => {
  const raw = readFileSync(task === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${task}/stat`, 'utf8');
  const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
// The main thread's share (JS, SQLite, sockets) apart from V8's and libuv's helper threads
// (garbage collection, compilation, the checkpointer): the main thread's task id is the pid.
const mainThreadMs = (pid: number) => cpuMs(pid, pid);

async function measure(dist: string, n: number, chatBase: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cpu-'));
  // CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the measured process.
  const nodeArgs = process.env.CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(dist, 'app/main.js')], {
    env: {
      ...process.env, PORT: '3997', HOST: '127.0.0.1', LOG_LEVEL: 'warn', PARLEY_STORE: 'sqlite', PARLEY_DB: join(dir, 'p.db'), PARLEY_DATA_DIR: dir,
      TELEGRAM_BOT_TOKEN: BENCH_TOKEN, TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET, TELEGRAM_API_URL: api, PARLEY_RATE_TELEGRAM: '0,0,1', REDIS_URL: '',
    },
    stdio: 'inherit',
  });
  for (let i = 0; !(await fetch('http://127.0.0.1:3997/healthz').then((r) => r.ok, () => false)); i++) {
    if (i > 400) throw new Error('Parley did not start');
    await sleep(100);
  }
  // A warm-up the count leaves out (JIT, pools, SQLite pages).
  await runOpenLoop({ url: 'http://127.0.0.1:3997', ratePerSecond: 150, durationS: 3, firstChatId: chatBase + 500_000 });
  for (let i = 0; (stand.stats().counts.sendMessage ?? 0) < 900 && i < 600; i++) await sleep(100);
  stand.reset();
  const c0 = cpuMs(child.pid!);
  const m0 = mainThreadMs(child.pid!);
  {
    await runOpenLoop({ url: 'http://127.0.0.1:3997', ratePerSecond: 300, durationS: n / 300, firstChatId: chatBase });
    for (let i = 0; (stand.stats().counts.sendMessage ?? 0) < 2 * n; i++) {
      if (i > 1200) throw new Error(`only ${stand.stats().counts.sendMessage} of ${2 * n} replies arrived`);
      await sleep(100);
    }
  }
  const used = cpuMs(child.pid!) - c0;
  mainShare.push((mainThreadMs(child.pid!) - m0) / used);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
  rmSync(dir, { recursive: true, force: true });
  return (used * 1000) / n;
}

const mainShare: number[] = [];
const dists = process.argv.slice(3).length ? process.argv.slice(3) : ['dist'];
const results = new Map<string, number[]>(dists.map((d) => [d, []]));
for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
  for (const [i, dist] of dists.entries()) results.get(dist)!.push(await measure(dist, updates, 1_000_000 * (round * dists.length + i + 1)));
}
stand.server.close();
for (const [dist, us] of results) {
  console.log(`${dist}: CPU per update (webhook, turn, commit, 2 replies sent; ${updates} updates at 300/s after 450 of warm-up): ${us.map((u) => u.toFixed(0)).join(', ')} µs; min ${Math.min(...us).toFixed(0)} µs`);
}
if (mainShare.length) {
  const sorted = [...mainShare].sort((a, b) => a - b);
  console.log(`main thread's share of that CPU: ${(sorted[Math.floor(sorted.length / 2)] * 100).toFixed(0)} % (median over runs; the rest is V8's and libuv's threads: GC, compiler, SQLite checkpoints)`);
}
