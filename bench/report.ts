/**
 * Turns the measurements into bench/results.md (and the console summary): one table per
 * kind of measurement, the machine, the exact command, and each target of the issue marked
 * met / not met from the numbers, never by hand.
 */
import type { ColdStartResult } from './cold-start.js';
import type { FlowCompileResult } from './flow-compile.js';
import type { IdleResult } from './idle-conversations.js';
import type { TargetResult } from './measure-target.js';
import type { PressureResults } from './pressure.js';
import { pressureGoals, renderPressure } from './report-pressure.js';

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; os: string };
  date: string;
  command: string;
  load: { connections: number; warmupS: number; durationS: number };
  targets: TargetResult[];
  flowCompile?: FlowCompileResult | { error: string };
  idle?: (IdleResult & { how: string }) | { error: string };
  coldStart?: ColdStartResult;
  pressure?: PressureResults;
  notes: string[];
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : `${fmt(bytes / 2 ** 20, 1)} MiB`);

/** A target of the issue and whether the numbers meet it. */
export interface Goal {
  goal: string;
  measured: string;
  met: boolean | undefined;
}

function target(results: BenchResults, name: string): TargetResult | undefined {
  return results.targets.find((t) => t.name === name && !t.skipped);
}

/** Every measured pass of a target: `name` and its repeats (`name (pass 2)`, …). */
function passes(results: BenchResults, name: string): TargetResult[] {
  return results.targets.filter((t) => !t.skipped && (t.name === name || t.name.startsWith(`${name} (pass `)));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Parley-SQLite over grammY from the mean of each one's passes: the two run alternately, so a
 * slow spell of the machine weighs on both (single runs here move by ±30 %).
 */
function peerRatios(r: BenchResults): { replies: number; cpu?: number; passes: number } | undefined {
  const sqlite = passes(r, 'Parley (SQLite)').filter((t) => t.replies);
  const grammy = passes(r, 'grammY').filter((t) => t.replies);
  if (!sqlite.length || !grammy.length) return undefined;
  const cpuPer = (ts: TargetResult[]) => (ts.every((t) => t.cpuMs?.target && t.acked) ? mean(ts.map((t) => t.cpuMs!.target! / t.acked!)) : undefined);
  const [a, b] = [cpuPer(sqlite), cpuPer(grammy)];
  return {
    replies: mean(sqlite.map((t) => t.replies!.perSecond)) / mean(grammy.map((t) => t.replies!.perSecond)),
    cpu: a !== undefined && b !== undefined ? a / b : undefined,
    passes: Math.min(sqlite.length, grammy.length),
  };
}

/** Checks the issue's targets against the measurements; undefined = could not be measured. */
export function checkGoals(r: BenchResults): Goal[] {
  const sqlite = passes(r, 'Parley (SQLite)');
  const goals: Goal[] = [];
  const ratio = peerRatios(r)?.replies;
  const missing = sqlite.reduce((n, t) => n + (t.replies ? t.replies.expected - t.replies.delivered : 0), 0);
  const allArrived = sqlite.every((t) => t.replies?.allArrived);
  goals.push({
    goal: 'Parley-SQLite ≥ 2× grammY replies/s, none lost',
    measured: ratio === undefined ? 'not measured' : `${fmt(ratio, 2)}×, ${allArrived ? 'none lost' : `${missing} replies missing`}`,
    met: ratio === undefined ? undefined : ratio >= 2 && allArrived,
  });
  const grammy = passes(r, 'grammY');
  const p99 = (ts: TargetResult[]) => mean(ts.map((t) => t.ackP99Ms!));
  goals.push({
    goal: 'Ack p99 at saturation (64 connections, closed loop) no worse than grammY\'s (mean of passes)',
    measured: sqlite.length && grammy.length ? `${fmt(p99(sqlite), 1)} ms against ${fmt(p99(grammy), 1)} ms` : 'not measured',
    met: sqlite.length && grammy.length ? p99(sqlite) <= p99(grammy) : undefined,
  });
  if (r.pressure) goals.push(...pressureGoals(r.pressure));
  const idle = r.idle && 'done' in r.idle ? r.idle : undefined;
  const rssPer = idle ? (idle.rssAfterBytes - idle.rssBeforeBytes) / idle.done : undefined;
  const diskPer = idle ? (idle.dbBytes + idle.walBytes - idle.diskBeforeBytes) / idle.done : undefined;
  goals.push({ goal: '≤ 1 KB RSS per idle conversation', measured: rssPer === undefined ? 'not measured' : `${fmt(rssPer)} B`, met: rssPer === undefined ? undefined : rssPer <= 1024 });
  goals.push({ goal: '≤ 2 KB disk per idle conversation', measured: diskPer === undefined ? 'not measured' : `${fmt(diskPer)} B`, met: diskPer === undefined ? undefined : diskPer <= 2048 });
  const flow = r.flowCompile && 'medianMs' in r.flowCompile ? r.flowCompile : undefined;
  goals.push({ goal: '1,000-step flow validated + compiled ≤ 200 ms', measured: flow ? `${fmt(flow.medianMs, 1)} ms` : 'not measured', met: flow ? flow.medianMs <= 200 : undefined });
  const cold = r.coldStart?.medianMs;
  goals.push({ goal: 'Cold start ≤ 1 s', measured: cold === undefined ? 'not measured' : `${fmt(cold)} ms`, met: cold === undefined ? undefined : cold <= 1000 });
  return goals;
}

/** CPU the target spent per acknowledged update (load start to last reply), in µs. */
function cpuPerUpdate(t: TargetResult): string {
  if (t.cpuMs?.target === undefined || !t.acked) return 'n/a';
  return `${fmt((t.cpuMs.target * 1000) / t.acked)} µs`;
}

/** The load table: one row per target. */
export function loadTable(r: BenchResults): string {
  const rows = [
    '| target | acks/s | ack p50 | ack p99 | replies/s | e2e p50 | e2e p99 | peak RSS | target CPU per update | every reply arrived |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const t of r.targets) {
    if (t.skipped) {
      rows.push(`| ${t.name} | skipped: ${t.skipped.replace(/\|/g, '/')} | | | | | | | | |`);
      continue;
    }
    const rep = t.replies;
    const arrived = rep ? (rep.allArrived ? `yes (${fmt(rep.delivered)}/${fmt(rep.expected)})` : `**no** (${fmt(rep.delivered)}/${fmt(rep.expected)} after waiting ${fmt(rep.waitedMs / 1000, 1)} s)`) : 'n/a';
    rows.push(
      `| ${t.name} | ${fmt(t.acksPerSecond)} | ${fmt(t.ackP50Ms, 1)} ms | ${fmt(t.ackP99Ms, 1)} ms | ${rep ? fmt(rep.perSecond) : 'n/a'} | ` +
        `${rep ? `${fmt(rep.e2eP50Ms, 1)} ms` : 'n/a'} | ${rep ? `${fmt(rep.e2eP99Ms, 1)} ms` : 'n/a'} | ${mib(t.peakRssBytes)} | ${cpuPerUpdate(t)} | ${arrived} |`,
    );
  }
  return rows.join('\n');
}

/** Ratios the issue asks for. */
export function ratios(r: BenchResults): string[] {
  const koa = target(r, 'raw Koa');
  const lines: string[] = [];
  const peers = peerRatios(r);
  if (peers) {
    const over = peers.passes > 1 ? ` (mean of ${peers.passes} alternating passes each)` : '';
    lines.push(`- Parley-SQLite / grammY, replies per second: **${fmt(peers.replies, 2)}×**${over}`);
    if (peers.cpu !== undefined) lines.push(`- Parley-SQLite / grammY, CPU per update: **${fmt(peers.cpu, 2)}×** (below 1 = Parley spends less)${over}`);
  }
  for (const t of r.targets.filter((x) => x.name.startsWith('Parley') && !x.skipped && !x.name.includes('(pass '))) {
    if (koa) lines.push(`- ${t.name} / raw Koa, acks per second: **${fmt(t.acksPerSecond! / koa.acksPerSecond!, 2)}×**`);
  }
  return lines;
}

/** The whole results.md. */
export function renderResults(r: BenchResults): string {
  const m = r.machine;
  const flow = r.flowCompile;
  const idle = r.idle;
  const out = [
    '# Parley benchmark results',
    '',
    `- Date: ${r.date}`,
    `- Command: \`${r.command}\``,
    `- Machine: ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${fmt(m.memoryGiB, 1)} GiB RAM, ${m.os}, Node ${m.node}`,
    `- Load: autocannon, ${r.load.connections} connections, ${r.load.warmupS} s warm-up then ${r.load.durationS} s measured; every request a signed Telegram update from a new user saying "hola". All traffic on 127.0.0.1; load generator, stand-in Telegram API and target share the machine.`,
    '',
    '## Webhook load',
    '',
    loadTable(r),
    '',
    ...ratios(r),
    '',
    ...(r.pressure ? renderPressure(r.pressure) : []),
    '## Issue targets',
    '',
    '| target | measured | status |',
    '|---|---|---|',
    ...checkGoals(r).map((g) => `| ${g.goal} | ${g.measured} | ${g.met === undefined ? 'not measured' : g.met ? 'met' : '**not met**'} |`),
    '',
    '## Other measurements',
    '',
  ];
  if (flow && 'medianMs' in flow) {
    out.push(`- 1,000-step flow: validate + compile median ${fmt(flow.medianMs, 1)} ms (load/validate ${fmt(flow.loadMedianMs, 1)} ms, compile ${fmt(flow.compileMedianMs, 1)} ms) over ${flow.runs} runs after a first run of ${fmt(flow.firstRunMs, 1)} ms (schema compile, cold JIT); samples ${flow.samplesMs.map((s) => fmt(s, 0)).join(', ')} ms.`);
  } else if (flow) out.push(`- 1,000-step flow: **failed**: ${flow.error}`);
  if (idle && 'done' in idle) {
    out.push(
      `- Idle conversations (${idle.how}): ${fmt(idle.done)} of ${fmt(idle.requested)} in ${fmt(idle.seconds, 1)} s; RSS ${mib(idle.rssBeforeBytes)} → ${mib(idle.rssAfterBytes)} ` +
        `(${fmt((idle.rssAfterBytes - idle.rssBeforeBytes) / idle.done)} B each; JS heap ${fmt(idle.heapDeltaBytes / idle.done)} B each); SQLite file ${mib(idle.dbBytes)} + WAL ${mib(idle.walBytes)} ` +
        `(${fmt((idle.dbBytes + idle.walBytes - idle.diskBeforeBytes) / idle.done)} B each).`,
    );
  } else if (idle) out.push(`- Idle conversations: **failed**: ${idle.error}`);
  if (r.coldStart) {
    const c = r.coldStart;
    out.push(c.error ? `- Cold start (${c.how}): **failed**: ${c.error}` : `- Cold start (${c.how}) until /healthz answers 200: median ${fmt(c.medianMs)} ms; samples ${c.samplesMs.map((s) => fmt(s)).join(', ')} ms.`);
  }
  out.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  for (const t of r.targets) for (const n of t.notes) out.push(`- ${t.name}: ${n}`);
  return `${out.join('\n')}\n`;
}
