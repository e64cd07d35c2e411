/**
 * `npm run bench`: one bounded, loopback-only run that compares Parley with a raw Koa
 * ceiling and a grammY peer under the same webhook load, then measures flow compile time,
 * idle-conversation cost and cold start, and writes bench/results.md.
 *
 * Env: REDIS_URL adds the Parley-Redis target; BENCH_PASSES (default 2) runs grammY and
 * Parley-SQLite that many times, alternating; BENCH_DURATION_S / BENCH_WARMUP_S /
 * BENCH_IDLE_COUNT shorten or lengthen the run; BENCH_PROFILE=1 adds a profiled pass of
 * Parley-SQLite (also added when it is slower than grammY); the profile stays in $TMPDIR and
 * its top functions go into the report. Then the outbound-pressure scenarios (bench/pressure.ts):
 * the burst with default limits against limits off, open-loop latency, and two processes on
 * Redis sharing one limit; BENCH_ONLY=pressure runs only those (BENCH_SATURATION sets the
 * rate they halve, default 1,000), BENCH_BURST_S sets the burst's length.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { benchPath, forkBenchChild } from './child-process.js';
import { firstErrorLine, measureTarget, type TargetResult } from './measure-target.js';
import { measureColdStart } from './cold-start.js';
import { renderResults, checkGoals, loadTable, ratios, type BenchResults } from './report.js';
import { summarizeProfile, summarizeProfileByFile } from './profile-summary.js';
import { clearRedisPrefix } from './redis-cleanup.js';
import { BENCH_SECRET, BENCH_TOKEN } from './telegram-update.js';
import { runPressureScenarios, type PressureResults } from './pressure.js';

const root = benchPath('..');
const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);
const idleCount = Number(process.env.BENCH_IDLE_COUNT ?? 100_000);
const profile = process.env.BENCH_PROFILE === '1';
const work = mkdtempSync(join(tmpdir(), 'parley-bench-'));
const notes: string[] = [];
const log = (msg: string) => console.log(`[bench] ${msg}`);
const fmtRate = (n: number | undefined) => (n === undefined ? 'n/a' : n.toFixed(0));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
// Other work on the machine skews every number; say how busy it was.
notes.push(`Load average (1/5/15 min) when the run started: ${load()}.`);

function machine(): BenchResults['machine'] {
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return { cpus: Number(nproc) || cpus().length, cpuModel: model, memoryGiB: totalmem() / 2 ** 30, node: process.version, os: `${platform()} ${release()}` };
}

log('npm run build (for the cold start; bounded to 180 s)');
const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
if (build.status !== 0) {
  const errors = (build.stdout + build.stderr).split('\n').filter((l) => /error TS/.test(l));
  notes.push(`npm run build failed (exit ${build.status}, ${errors.length} TypeScript errors; first: ${errors[0] ?? 'none shown'}); tsc still emits, so dist/ may be used as emitted.`);
}

const standIn = await forkBenchChild(benchPath('./stand-in-telegram.ts'));
const telegramEnv = {
  TELEGRAM_API_URL: String(standIn.info.url),
  TELEGRAM_BOT_TOKEN: BENCH_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
  LOG_LEVEL: 'warn',
};
const parleyEnv = {
  ...telegramEnv,
  PARLEY_FLOWS: join(root, 'flows'),
  // The stand-in has no limits and grammY applies none by default; so Parley runs without its own.
  PARLEY_RATE_TELEGRAM: '0,0,1',
  PARLEY_SECRET_KEY: randomBytes(32).toString('hex'),
  PARLEY_DATA_DIR: work,
  ...(process.env.BENCH_PARLEY_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_PARLEY_NODE_OPTIONS } : {}),
};
const common = { standIn, repliesPerUpdate: 2, connections: 64, warmupS, durationS, drainTimeoutMs: 60_000 };
const targets: TargetResult[] = [];
const sqliteEnv = { ...parleyEnv, PARLEY_STORE: 'sqlite', PARLEY_DB: join(work, 'load.db') };
const plan: { name: string; script: string; env: Record<string, string>; replies: boolean }[] = [
  { name: 'raw Koa', script: './targets/raw-koa.ts', env: telegramEnv, replies: false },
  { name: 'grammY', script: './targets/grammy-bot.ts', env: telegramEnv, replies: true },
  { name: 'Parley (memory)', script: './targets/parley.ts', env: { ...parleyEnv, PARLEY_STORE: 'memory' }, replies: true },
  { name: 'Parley (SQLite)', script: './targets/parley.ts', env: sqliteEnv, replies: true },
];
const redisPrefix = `parley-bench-${randomBytes(4).toString('hex')}:`;
if (process.env.REDIS_URL) {
  plan.push({ name: 'Parley (Redis)', script: './targets/parley.ts', env: { ...parleyEnv, PARLEY_STORE: 'redis', REDIS_URL: process.env.REDIS_URL, PARLEY_REDIS_PREFIX: redisPrefix }, replies: true });
} else notes.push('REDIS_URL is not set: the Parley-Redis target was skipped.');

// The peers that decide the headline ratio run again, alternating, so a slow spell of the
// machine (single runs here move by ±30 %) weighs on both; BENCH_PASSES sets how often.
const passCount = Math.max(1, Number(process.env.BENCH_PASSES ?? 2));
const peers = plan.filter((t) => t.name === 'grammY' || t.name === 'Parley (SQLite)');
for (let pass = 2; pass <= passCount; pass++) {
  for (const t of peers) plan.push({ ...t, name: `${t.name} (pass ${pass})`, env: { ...t.env, ...(t.env.PARLEY_DB ? { PARLEY_DB: join(work, `load-${pass}.db`) } : {}) } });
}

// BENCH_ONLY=grammY,SQLite runs just the matching load targets and prints them (a quick
// check while working on the hot path); the full run writes bench/results.md.
const only = process.env.BENCH_ONLY?.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
const pressureRedisEnv = process.env.REDIS_URL
  ? { ...parleyEnv, PARLEY_STORE: 'redis', REDIS_URL: process.env.REDIS_URL, PARLEY_REDIS_PREFIX: `${redisPrefix}shared:` }
  : undefined;
// BENCH_PRESSURE_ONLY=burst,open-loop picks pressure scenarios (burst, open-loop, shared-limit).
const pressureOnly = process.env.BENCH_PRESSURE_ONLY?.split(',').map((w) => w.trim()).filter(Boolean);
const pressure = (saturation: number): Promise<PressureResults> =>
  runPressureScenarios({ standIn, sqliteEnv: { ...sqliteEnv, PARLEY_DB: join(work, 'pressure.db') }, grammyEnv: telegramEnv, redisEnv: pressureRedisEnv, saturation, log, only: pressureOnly });

if (only?.includes('pressure')) {
  const results = await pressure(Number(process.env.BENCH_SATURATION ?? 1000));
  await standIn.stop();
  if (process.env.REDIS_URL) await clearRedisPrefix(process.env.REDIS_URL, redisPrefix).catch(() => 0);
  rmSync(work, { recursive: true, force: true });
  const { renderPressure, pressureGoals } = await import('./report-pressure.js');
  console.log(renderPressure(results).join('\n'));
  for (const g of pressureGoals(results)) console.log(`${g.met === undefined ? 'not measured' : g.met ? 'met    ' : 'NOT MET'}  ${g.goal}: ${g.measured}`);
  process.exit(0);
}

for (const [i, t] of plan.entries()) {
  if (only && !only.some((w) => t.name.toLowerCase().includes(w))) continue;
  log(`load: ${t.name}`);
  targets.push(
    await measureTarget({ ...common, name: t.name, script: benchPath(t.script), env: t.env, expectsReplies: t.replies, chatBase: (i + 1) * 10_000_000 }),
  );
}

if (only) {
  await standIn.stop();
  if (process.env.REDIS_URL) await clearRedisPrefix(process.env.REDIS_URL, redisPrefix).catch(() => 0);
  rmSync(work, { recursive: true, force: true });
  console.log(`\n${loadTable({ targets } as BenchResults)}\n`);
  for (const t of targets) for (const n of t.notes) console.log(`- ${t.name}: ${n}`);
  process.exit(0);
}

// A separate, profiled pass, so the profiler's overhead never reaches the table: when asked,
// or when Parley-SQLite delivered fewer replies per second than grammY.
const sqliteRate = targets.find((t) => t.name === 'Parley (SQLite)')?.replies?.perSecond;
const grammyRate = targets.find((t) => t.name === 'grammY')?.replies?.perSecond;
if (profile || (sqliteRate !== undefined && grammyRate !== undefined && sqliteRate < grammyRate)) {
  log('load: Parley (SQLite) again, under the CPU profiler');
  const profileDir = mkdtempSync(join(tmpdir(), 'parley-bench-profile-'));
  const profiled = await measureTarget({
    ...common,
    name: 'Parley (SQLite, profiled)',
    script: benchPath('./targets/parley.ts'),
    env: { ...sqliteEnv, PARLEY_DB: join(work, 'profiled.db') },
    expectsReplies: true,
    chatBase: 90_000_000,
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  notes.push(
    file
      ? `CPU profile of Parley-SQLite under the same load (${fmtRate(profiled.replies?.perSecond)} replies/s while profiled): ${join(profileDir, file)}. Top self time: ` +
          summarizeProfile(join(profileDir, file), 12).map((l) => `\`${l.fn}\` (${l.where}) ${l.selfPercent.toFixed(1)}%`).join('; ') +
          '. By file: ' +
          summarizeProfileByFile(join(profileDir, file), 10).map((l) => `${l.where} ${l.selfPercent.toFixed(1)}%`).join('; ') +
          ' (the profile spans the whole process, start-up included; line numbers are of tsx output)'
      : `CPU profile of Parley-SQLite was not written (${profiled.skipped ?? 'the process did not exit cleanly'}).`,
  );
}
const sqlitePasses = targets.filter((t) => !t.skipped && t.name.startsWith('Parley (SQLite)') && !t.name.includes('profiled'));
// Saturation is the rate Parley sustains: updates fully handled per second (replies ÷ 2), or
// its acks if lower. Its acknowledgements alone run far ahead of the turns under overload
// (they never wait for them), so half its ack rate would be more than it can answer.
const sustained = (t: TargetResult) => Math.min(t.acksPerSecond ?? Infinity, (t.replies?.perSecond ?? Infinity) / common.repliesPerUpdate);
const saturation = sqlitePasses.length ? sqlitePasses.reduce((a, t) => a + sustained(t), 0) / sqlitePasses.length : 1000;
const pressureResults = await pressure(saturation);
await standIn.stop();
if (process.env.REDIS_URL) {
  const removed = await clearRedisPrefix(process.env.REDIS_URL, redisPrefix).catch((err: unknown) => `failed: ${String(err)}`);
  notes.push(`Parley-Redis used key prefix ${redisPrefix}; removed afterwards: ${removed} keys.`);
}

log('1,000-step flow: validate + compile');
let flowCompile: BenchResults['flowCompile'];
try {
  const { measureFlowCompile } = await import('./flow-compile.js');
  flowCompile = await measureFlowCompile(1000, 11);
} catch (err) {
  flowCompile = { error: firstErrorLine(String((err as Error).message)) };
}

log(`idle conversations: ${idleCount} through the runner + SQLite store (bounded to 120 s)`);
let idle: BenchResults['idle'];
try {
  const child = await forkBenchChild(benchPath('./idle-conversations.ts'), {
    args: [join(root, 'flows'), join(work, 'idle.db'), String(idleCount), '120000'],
    execArgv: ['--expose-gc'],
    readyTimeoutMs: 200_000,
  });
  idle = { ...(child.info.result as NonNullable<Extract<BenchResults['idle'], { done: number }>>), how: 'runner + SQLite store in a child process, one "hola" turn per new user' };
  await child.stop();
} catch (err) {
  idle = { error: firstErrorLine(String((err as Error).message)) };
}

log('cold start of the example bot');
const coldStart = await measureColdStart(root, { ...parleyEnv, TELEGRAM_API_URL: 'http://127.0.0.1:9' });

notes.push(`Load average (1/5/15 min) when the run ended: ${load()}.`);
const results: BenchResults = {
  machine: machine(),
  date: new Date().toISOString(),
  command: 'npm run bench' + (process.env.REDIS_URL ? ' (with REDIS_URL set)' : ''),
  load: { connections: 64, warmupS, durationS },
  targets,
  flowCompile,
  idle,
  coldStart,
  pressure: pressureResults,
  notes: [
    'Every target runs in its own child process under the same loader (node --import tsx), so peak RSS (VmHWM) includes tsx for all of them.',
    'In the webhook load table Parley runs with PARLEY_RATE_TELEGRAM=0,0,1 (its outbound rate limiter off), so that replies per second compare with grammY, which applies no limit by default (the stand-in has none either). With the defaults a user gets (Telegram 30 msg/s) replies cannot leave faster than 30/s: the burst section measures that case beside limits off.',
    'grammY acknowledges a webhook only after its handler finished (both replies sent), so its ack latency includes the replies; Parley acknowledges once the update is durably accepted.',
    'grammY keeps the "waiting at the menu" state in its default in-memory session.',
    'Each of the 64 connections sends its next update when the last one is answered (a closed loop), so for a target that uses all the CPU it gets, ack latency is about 64 / its acks per second (Little\'s law): the closed loop measures saturation. Latency below saturation comes from the open-loop section: bench/open-loop.ts sends on a fixed schedule and times each request from its scheduled slot (autocannon\'s rate mode releases requests in bursts, so it is not used for that).',
    'CPU per update is the target process\'s user + system time (all threads: GC, libuv) from load start to last reply, divided by the updates it acknowledged; unlike rates, it barely depends on what else the machine runs.',
    ...notes,
  ],
};
writeFileSync(benchPath('./results.md'), renderResults(results));
rmSync(work, { recursive: true, force: true });

console.log(`\n${loadTable(results)}\n\n${ratios(results).join('\n')}\n`);
for (const g of checkGoals(results)) console.log(`${g.met === undefined ? 'not measured' : g.met ? 'met    ' : 'NOT MET'}  ${g.goal}: ${g.measured}`);
console.log('\nwritten: bench/results.md');
