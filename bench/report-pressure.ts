/**
 * The outbound-pressure part of bench/results.md: burst with default limits against limits
 * off, open-loop ack latency, two processes sharing one limit, and their goals.
 */
import type { Goal } from './report.js';
import type { PressureResults } from './pressure.js';

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A section's heading, or the heading and why it was not measured. */
function section(out: string[], title: string, result: object | undefined): boolean {
  if (!result) return false;
  out.push(`## ${title}`, '');
  if ('error' in result) {
    out.push(`Not measured: ${String(result.error)}`, '');
    return false;
  }
  return true;
}

/** The pressure sections of the results, as markdown lines. */
export function renderPressure(p: PressureResults): string[] {
  const out: string[] = [];
  const b = p.burst;
  if (b && section(out, 'Burst (rate limits on against off)', b) && !('error' in b)) {
    out.push(
      `Parley (SQLite), ${b.connections} connections of new users for ${b.burstS} s, once with the default limits (Telegram ${b.limitPerSecond} msg/s overall, 1/s per chat after 3) and once with them off (PARLEY_RATE_TELEGRAM=0,0,1).`,
      '',
      '| variant | acks/s | ack p99 | sends/s during the burst | CPU while only waiting | sends/s while waiting | backlog after | time to drain |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const v of [b.on, b.off]) {
      const w = v.waiting;
      out.push(
        `| ${v.name} | ${fmt(v.acksPerSecond)} | ${fmt(v.ackP99Ms, 1)} ms | ${fmt(v.sendsPerSecondInBurst, 1)} | ${w ? `${fmt(w.cpuPercent, 1)} % of a core` : 'n/a'} | ${w ? fmt(w.sendsPerSecond, 1) : 'n/a'} | ${w ? fmt(w.backlog) : '0'} | ${w ? `${fmt(w.projectedDrainS)} s (projected)` : v.drainS !== undefined ? `${fmt(v.drainS, 1)} s after the burst` : 'n/a'} |`,
      );
    }
    const d = b.drain;
    out.push(
      '',
      `- Ack ratio, default limits / limits off: **${fmt(b.on.acksPerSecond / b.off.acksPerSecond, 2)}×**.`,
      `- Small burst drained for real (default limits): ${fmt(d.updates)} updates (${fmt(d.replies)} replies) sent open-loop in 1 s; last reply ${fmt(d.drainS, 1)} s after the first update; steady send rate ${fmt(d.sendsPerSecond, 1)}/s (limit ${b.limitPerSecond}, ${fmt((d.sendsPerSecond / b.limitPerSecond - 1) * 100, 1)} %); CPU while only waiting ${fmt(d.cpuPercentWhileWaiting, 1)} % of a core.`,
      '',
    );
  }
  const o = p.openLoop;
  if (section(out, 'Open-loop ack latency', o) && o) {
    out.push(
      `${fmt(o.ratePerSecond)} updates/s on a fixed schedule (half of the ${fmt(o.saturation)} updates/s Parley-SQLite handled in full, replies included, in the closed-loop run: its sustained rate; its acknowledgements alone ran faster), latency from each request's scheduled time (bench/open-loop.ts).`,
      '',
      '| target | rate | acked | ack p50 | ack p99 | ack max | CPU per update | generator late sends |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const t of o.targets) {
      if (t.skipped) out.push(`| ${t.name} | skipped: ${t.skipped} |||||||`);
      else out.push(`| ${t.name} | ${fmt(t.ratePerSecond)}/s | ${fmt(t.acked)} of ${fmt(t.sent)} | ${fmt(t.ackP50Ms, 1)} ms | ${fmt(t.ackP99Ms, 1)} ms | ${fmt(t.ackMaxMs, 1)} ms | ${t.cpuPerUpdateUs === undefined ? 'n/a' : `${fmt(t.cpuPerUpdateUs)} µs`} | ${fmt(t.lateSends)} |`);
    }
    out.push('');
  }
  const s = p.sharedLimit;
  if (s && section(out, 'Two processes sharing one limit (Redis)', s) && !('error' in s)) {
    out.push(
      `${s.processes} Parley processes on one Redis, default Telegram limit ${s.limitPerSecond} msg/s, ${fmt(s.acked)} updates acknowledged between them; then ${fmt(s.windowS, 1)} s of sending through the backlog: **${fmt(s.sendsPerSecond, 1)} sends/s together** (${fmt(s.sendsPerSecond / s.limitPerSecond, 2)}× the limit; ${fmt(s.backlogLeft)} replies still waiting at the end${s.backlogLeft === 0 ? ', so the backlog ran out and the rate is a floor' : ''}).`,
      '',
    );
  }
  return out;
}

/** The pressure goals of the issue, from the numbers. */
export function pressureGoals(p: PressureResults): Goal[] {
  const goals: Goal[] = [];
  const b = p.burst && !('error' in p.burst) ? p.burst : undefined;
  if (b) {
    const ratio = b.on.acksPerSecond / b.off.acksPerSecond;
    goals.push({ goal: 'Acks during a burst ≥ 0.9× the rate with limits off', measured: `${fmt(ratio, 2)}×`, met: ratio >= 0.9 });
    const cpu = b.on.waiting?.cpuPercent;
    goals.push({ goal: 'CPU with a backlog and no new traffic < 5 % of a core', measured: `${fmt(cpu, 1)} %, ${fmt(b.drain.cpuPercentWhileWaiting, 1)} % (small burst)`, met: cpu === undefined ? undefined : cpu < 5 && b.drain.cpuPercentWhileWaiting < 5 });
    const rate = b.on.waiting?.sendsPerSecond ?? NaN;
    goals.push({ goal: `Replies leave at the configured limit ±5 % (${b.limitPerSecond}/s)`, measured: `${fmt(rate, 1)}/s, ${fmt(b.drain.sendsPerSecond, 1)}/s (small burst)`, met: Math.abs(rate / b.limitPerSecond - 1) <= 0.05 && Math.abs(b.drain.sendsPerSecond / b.limitPerSecond - 1) <= 0.05 });
  }
  const o = p.openLoop?.targets.find((t) => t.name.startsWith('Parley (SQLite), limits off'));
  const od = p.openLoop?.targets.find((t) => t.name.startsWith('Parley (SQLite), default'));
  if (o && od) goals.push({ goal: 'Ack p99 ≤ 20 ms at half the saturation rate, open loop (Parley-SQLite)', measured: `${fmt(od.ackP99Ms, 1)} ms (default limits), ${fmt(o.ackP99Ms, 1)} ms (limits off)`, met: od.ackP99Ms <= 20 && o.ackP99Ms <= 20 });
  const s = p.sharedLimit && !('error' in p.sharedLimit) ? p.sharedLimit : undefined;
  if (s) goals.push({ goal: 'Two processes on Redis send at the platform limit together (±5 %)', measured: `${fmt(s.sendsPerSecond, 1)}/s for a limit of ${s.limitPerSecond}/s`, met: s.backlogLeft > 0 && Math.abs(s.sendsPerSecond / s.limitPerSecond - 1) <= 0.05 });
  return goals;
}
