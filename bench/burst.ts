/**
 * The burst scenario: new users arrive faster than the platform lets the bot answer. Parley
 * (SQLite) takes the same closed-loop burst twice, with the default rate limits (Telegram
 * 30 msg/s) and with them off; then, with the limits on, it only waits while the backlog
 * drains. It reports the ack rate of both, the send rate during the burst and while
 * waiting, the CPU while only waiting, and the time to drain (a smaller burst drains for
 * real; the large one's drain is projected from the measured send rate).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { forkBenchChild, ownDb, type BenchChild } from './child-process.js';
import { runLoad } from './load.js';
import { runOpenLoop } from './open-loop.js';

/** One variant of the burst. */
export interface BurstVariant {
  name: string;
  acksPerSecond: number;
  ackP99Ms: number;
  acked: number;
  /** sendMessage calls per second at the stand-in while the burst ran. */
  sendsPerSecondInBurst: number;
  /** With limits on: the window after the burst in which the process only waits for tokens. */
  waiting?: { seconds: number; cpuPercent: number; sendsPerSecond: number; backlog: number; projectedDrainS: number };
  /** With limits off: seconds from the burst's end to its last reply. */
  drainS?: number;
}

/** A small burst with the default limits, drained for real. */
export interface DrainRun {
  updates: number;
  replies: number;
  /** From the burst's first update to its last reply. */
  drainS: number;
  sendsPerSecond: number;
  cpuPercentWhileWaiting: number;
}

/** The whole scenario. */
export interface BurstResult {
  burstS: number;
  connections: number;
  on: BurstVariant;
  off: BurstVariant;
  drain: DrainRun;
  /** The default limit the "on" variant ran with (messages per second). */
  limitPerSecond: number;
}

/** Options of {@link measureBurst}. */
export interface BurstOptions {
  script: string;
  /** The Parley environment with the limits left at their defaults (no PARLEY_RATE_TELEGRAM). */
  env: Record<string, string | undefined>;
  standIn: BenchChild;
  chatBase: number;
  connections: number;
  burstS: number;
  waitS: number;
  drainUpdates: number;
}

const count = async (standIn: BenchChild) => (await standIn.request<{ sendMessage: number }>('count')).sendMessage;

/** Waits until the stand-in has `n` sendMessage calls; seconds waited, or undefined on a timeout. */
async function waitForCount(standIn: BenchChild, n: number, timeoutMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await count(standIn)) >= n) return (Date.now() - started) / 1000;
    await sleep(50);
  }
  return undefined;
}

async function variant(opts: BurstOptions, name: string, env: Record<string, string | undefined>, chatBase: number, limitsOn: boolean): Promise<BurstVariant> {
  const child = await forkBenchChild(opts.script, { env, readyTimeoutMs: 60_000 });
  try {
    await opts.standIn.request('reset');
    const load = await runLoad({ url: String(child.info.url), connections: opts.connections, durationS: opts.burstS, firstChatId: chatBase });
    const loadEnd = Date.now();
    const sendsInBurst = await count(opts.standIn);
    const result: BurstVariant = {
      name,
      acksPerSecond: load.acksPerSecond,
      ackP99Ms: load.ackP99Ms,
      acked: load.ackedAt.size,
      sendsPerSecondInBurst: sendsInBurst / load.durationS,
    };
    const expected = load.ackedAt.size * 2;
    if (!limitsOn) {
      const waited = await waitForCount(opts.standIn, expected, 60_000);
      if (waited !== undefined) result.drainS = waited;
      return result;
    }
    // Let the turns still queued behind the burst finish (acknowledgements run ahead of them,
    // so thousands may be left), then watch the process only wait: at least 2 s, and until
    // half a second passes with the process under a quarter of a core (at most 60 s).
    await sleep(2000);
    for (let i = 0; i < 120; i++) {
      const a = child.cpuMs();
      await sleep(500);
      const b = child.cpuMs();
      if (a === undefined || b === undefined || (b - a) / 500 < 0.25) break;
    }
    const c0 = child.cpuMs();
    const n0 = await count(opts.standIn);
    const t0 = Date.now();
    await sleep(opts.waitS * 1000);
    const c1 = child.cpuMs();
    const n1 = await count(opts.standIn);
    const t1 = Date.now();
    const rate = ((n1 - n0) / (t1 - t0)) * 1000;
    const backlog = Math.max(0, expected - n1);
    result.waiting = {
      seconds: (t1 - t0) / 1000,
      cpuPercent: c0 !== undefined && c1 !== undefined ? ((c1 - c0) / (t1 - t0)) * 100 : NaN,
      sendsPerSecond: rate,
      backlog,
      projectedDrainS: (t1 - loadEnd) / 1000 + (rate > 0 ? backlog / rate : Infinity),
    };
    return result;
  } finally {
    await child.stop();
  }
}

async function drainRun(opts: BurstOptions): Promise<DrainRun> {
  // Its own database: the default-limits variant left its backlog in the shared one, and the
  // count below would take those replies for the small burst's.
  const child = await forkBenchChild(opts.script, { env: ownDb(opts.env, 'drain'), readyTimeoutMs: 60_000 });
  try {
    await opts.standIn.request('reset');
    const start = Date.now();
    const burst = await runOpenLoop({ url: String(child.info.url), ratePerSecond: opts.drainUpdates, durationS: 1, firstChatId: opts.chatBase + 9_000_000 });
    const replies = burst.acked * 2;
    // CPU from 2 s after the burst (turns done) until the last reply: only waiting for tokens.
    await sleep(2000);
    const c0 = child.cpuMs();
    const t0 = Date.now();
    const waited = await waitForCount(opts.standIn, replies, 120_000);
    const c1 = child.cpuMs();
    const t1 = Date.now();
    const { stats } = await opts.standIn.request<{ stats: { arrivals: number[] } }>('stats');
    const times = stats.arrivals.filter((_, i) => i % 2 === 1);
    // The rate once the bucket's first burst (its capacity, sent at once) is spent.
    const from = Math.min(...times) + 1000;
    const steady = times.filter((t) => t >= from);
    const span = (Math.max(...times) - from) / 1000;
    return {
      updates: burst.acked,
      replies: times.length,
      drainS: waited === undefined ? NaN : (t1 - start) / 1000,
      sendsPerSecond: steady.length > 1 && span > 0 ? steady.length / span : 0,
      cpuPercentWhileWaiting: c0 !== undefined && c1 !== undefined ? ((c1 - c0) / (t1 - t0)) * 100 : NaN,
    };
  } finally {
    await child.stop();
  }
}

/** Runs the burst scenario: limits off, default limits, and a small burst drained for real. */
export async function measureBurst(opts: BurstOptions): Promise<BurstResult> {
  const off = await variant(opts, 'limits off', ownDb({ ...opts.env, PARLEY_RATE_TELEGRAM: '0,0,1' }, 'burst-off'), opts.chatBase, false);
  const on = await variant(opts, 'default limits', ownDb(opts.env, 'burst-default'), opts.chatBase + 3_000_000, true);
  const drain = await drainRun(opts);
  return { burstS: opts.burstS, connections: opts.connections, on, off, drain, limitPerSecond: 30 };
}
