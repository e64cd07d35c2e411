/**
 * `npx tsx bench/profile-waiting.ts`: Parley (compiled dist/, SQLite, default rate limits)
 * gets a short burst, then only works through the rate-limited backlog; prints the CPU it
 * used while waiting and the top functions by self time in that window alone, so what still
 * wakes the process (timers, polls, the checkpointer) shows up. A tool, not part of the run.
 * Env: WAIT_S (default 6), BURST_S (default 2; 5 gives bench/burst.ts's backlog of ~12,000),
 * WAIT_PORT (default 3998), NO_PROFILE=1 (CPU only), PARLEY_MAIN (another build's main.js, to compare two builds).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandInTelegram } from './stand-in-telegram.js';
import { runLoad } from './load.js';
import { BENCH_SECRET, BENCH_TOKEN } from './telegram-update.js';

const waitS = Number(process.env.WAIT_S ?? 6);
const burstS = Number(process.env.BURST_S ?? 2);
const port = Number(process.env.WAIT_PORT ?? 3998);
const stand = createStandInTelegram();
await new Promise<void>((r) => stand.server.listen(0, '127.0.0.1', r));
const api = `http://127.0.0.1:${(stand.server.address() as { port: number }).port}`;
const dir = mkdtempSync(join(tmpdir(), 'parley-wait-'));
const profiled = process.env.NO_PROFILE !== '1';
const child = spawn(process.execPath, [...(profiled ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []), process.env.PARLEY_MAIN ?? 'dist/app/main.js'], {
  env: {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PARLEY_STORE: 'sqlite', PARLEY_DB: join(dir, 'p.db'), PARLEY_DATA_DIR: dir,
    TELEGRAM_BOT_TOKEN: BENCH_TOKEN, TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET, TELEGRAM_API_URL: api, REDIS_URL: '',
  },
  stdio: 'inherit',
});
/** CPU ms per thread name (/proc/<pid>/task/<tid>/stat), to tell the main thread from workers. */
const threads = () => {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
    try {
      const raw = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      out.set(`${name}#${tid}`, ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    } catch { /* the thread ended */ }
  }
  return out;
};
const cpuMs = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
for (let i = 0; ; i++) {
  await new Promise((r) => setTimeout(r, 250));
  if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
  if (i > 200) throw new Error('Parley did not start');
}
const load = await runLoad({ url: `http://127.0.0.1:${port}`, connections: 64, durationS: burstS, firstChatId: 1000 });
await new Promise((r) => setTimeout(r, 2000));
const sentBefore = stand.stats().counts.sendMessage ?? 0;
const c0 = cpuMs();
const th0 = threads();
const t0 = Date.now();
await new Promise((r) => setTimeout(r, waitS * 1000));
const used = cpuMs() - c0;
const th1 = threads();
const perThread = [...th1].map(([k, v]) => [k, v - (th0.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
const span = Date.now() - t0;
const sent = stand.stats().counts.sendMessage ?? 0;
console.log(`burst: ${load.ackedAt.size} updates acknowledged; waiting ${(span / 1000).toFixed(1)} s with ${load.ackedAt.size * 2 - sentBefore} replies queued: ` +
  `${(((sent - sentBefore) / span) * 1000).toFixed(1)} sends/s, CPU ${((used / span) * 100).toFixed(1)} % of a core (/proc/<pid>/stat, all threads)`);
console.log(`by thread (ms): ${perThread.map(([k, v]) => `${k} ${v}`).join(', ')}`);
child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
stand.server.close();
if (profiled) {
  // Only the samples of the waiting window (the last waitS seconds before the kill, less a margin).
  // One profile per thread (CPU.<date>.<pid>.<thread>.<n>.cpuprofile): the main thread's is thread 0.
  const file = join(dir, readdirSync(dir).find((n) => /\.\d+\.0\.\d+\.cpuprofile$/.test(n))!);
  console.log(`profile of the main thread: ${file}`);
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[]; endTime: number; startTime: number;
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const from = p.endTime - (waitS + 0.3) * 1e6;
  const to = p.endTime - 0.3e6;
  const self = new Map<string, number>();
  let at = p.startTime;
  let total = 0;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const f = byId.get(id)!.callFrame;
    const k = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/(dist|node_modules)\//, '')}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i] ?? 0));
    total += p.timeDeltas[i] ?? 0;
  });
  const busy = total - (self.get('(idle) :0') ?? 0);
  console.log(`main thread busy ${((busy / total) * 100).toFixed(1)} % of the window; top self time (ms):`);
  for (const [k, t] of [...self].filter(([k]) => k !== '(idle) :0').sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(t / 1000).toFixed(1).padStart(8)}  ${k}`);
}
