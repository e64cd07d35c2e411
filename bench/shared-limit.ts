/**
 * Two Parley processes on one Redis with the default Telegram limit (30 msg/s): both take
 * a burst at once, then the bench counts what reaches the stand-in per second while they
 * work through the backlog. Sharing the platform's token bucket in Redis, they should send
 * 30 per second together, not 30 each.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { forkBenchChild, type BenchChild } from './child-process.js';
import { runLoad } from './load.js';

/** What the two processes did together. */
export interface SharedLimitResult {
  processes: number;
  limitPerSecond: number;
  acked: number;
  windowS: number;
  sendsPerSecond: number;
  /** Replies still unsent when the window closed (0 means the backlog ran out: the rate is a floor). */
  backlogLeft: number;
}

/** Options of {@link measureSharedLimit}. */
export interface SharedLimitOptions {
  script: string;
  /** Redis environment (PARLEY_STORE=redis, REDIS_URL, one PARLEY_REDIS_PREFIX), default limits. */
  env: Record<string, string | undefined>;
  standIn: BenchChild;
  chatBase: number;
  burstS: number;
  windowS: number;
}

const count = async (standIn: BenchChild) => (await standIn.request<{ sendMessage: number }>('count')).sendMessage;

/** Runs the two-process measurement. */
export async function measureSharedLimit(opts: SharedLimitOptions): Promise<SharedLimitResult> {
  const children = await Promise.all([0, 1].map(() => forkBenchChild(opts.script, { env: opts.env, readyTimeoutMs: 60_000 })));
  try {
    await opts.standIn.request('reset');
    const loads = await Promise.all(
      children.map((c, i) => runLoad({ url: String(c.info.url), connections: 16, durationS: opts.burstS, firstChatId: opts.chatBase + i * 1_000_000 })),
    );
    // Past the bucket's first burst and the turns queued behind the load: only sending.
    await sleep(2000);
    const n0 = await count(opts.standIn);
    const t0 = Date.now();
    await sleep(opts.windowS * 1000);
    const n1 = await count(opts.standIn);
    const t1 = Date.now();
    const acked = loads.reduce((a, l) => a + l.ackedAt.size, 0);
    return {
      processes: children.length,
      limitPerSecond: 30,
      acked,
      backlogLeft: Math.max(0, acked * 2 - n1),
      windowS: (t1 - t0) / 1000,
      sendsPerSecond: ((n1 - n0) / (t1 - t0)) * 1000,
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}
