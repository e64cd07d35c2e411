/**
 * Measures one target: fork it, warm it up, drive the load, wait (bounded) until every
 * expected reply reached the stand-in, then read its peak RSS and stop it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { forkBenchChild, type BenchChild } from './child-process.js';
import { runLoad, type LoadResult } from './load.js';
import type { StandInStats } from './stand-in-telegram.js';
import { quantile } from './stats.js';

/** What the bench reports for one target. */
export interface TargetResult {
  name: string;
  /** Why the target was not measured, when it was not. */
  skipped?: string;
  acksPerSecond?: number;
  ackP50Ms?: number;
  ackP99Ms?: number;
  acked?: number;
  rejected?: Record<number, number>;
  /** Undefined for targets that do not reply (raw Koa). */
  replies?: {
    expected: number;
    /** Replies to acknowledged updates that arrived. */
    delivered: number;
    /** Replies that arrived for updates whose acknowledgement autocannon never saw (cut off at the end). */
    extra: number;
    perSecond: number;
    e2eP50Ms: number;
    e2eP99Ms: number;
    allArrived: boolean;
    waitedMs: number;
  };
  peakRssBytes?: number;
  /**
   * CPU time used from the start of the measured load until the last reply arrived, in ms:
   * by the target, by the stand-in API and by the load generator (this process). On a
   * machine the three share, CPU per update is the number that does not depend on who else ran.
   */
  cpuMs?: { target?: number; standIn?: number; loadGenerator: number };
  notes: string[];
}

/** Options of {@link measureTarget}. */
export interface MeasureOptions {
  name: string;
  script: string;
  env: Record<string, string | undefined>;
  standIn: BenchChild;
  expectsReplies: boolean;
  /** Replies each update should produce. */
  repliesPerUpdate: number;
  connections: number;
  warmupS: number;
  durationS: number;
  /** Chat ids of this target start here (warm-up below, measured run above +5,000,000). */
  chatBase: number;
  /** Longest wait for outstanding replies after the load stops. */
  drainTimeoutMs: number;
  /** Extra Node flags for the target (e.g. --cpu-prof). */
  execArgv?: string[];
}

/** True when every acknowledged update of `load` has its `perUpdate` replies in `stats`. */
function everyReplyArrived(load: LoadResult, stats: StandInStats, perUpdate: number): boolean {
  const perChat = new Map<number, number>();
  for (let i = 0; i < stats.arrivals.length; i += 2) perChat.set(stats.arrivals[i], (perChat.get(stats.arrivals[i]) ?? 0) + 1);
  for (const chat of load.ackedAt.keys()) if ((perChat.get(chat) ?? 0) < perUpdate) return false;
  return true;
}

/**
 * Waits until every acknowledged update got its replies, progress stalls for 5 s, or time
 * runs out. The total count alone cannot decide: replies to updates that were sent but whose
 * acknowledgement autocannon never saw also arrive, and would end the wait too early.
 */
async function waitForReplies(
  standIn: BenchChild,
  load: LoadResult,
  perUpdate: number,
  timeoutMs: number,
): Promise<{ stats: StandInStats; waitedMs: number }> {
  const started = Date.now();
  const expected = load.ackedAt.size * perUpdate;
  let last = -1;
  let lastChange = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { sendMessage } = await standIn.request<{ sendMessage: number }>('count');
    if (sendMessage >= expected) {
      const { stats } = await standIn.request<{ stats: StandInStats }>('stats');
      if (everyReplyArrived(load, stats, perUpdate)) return { stats, waitedMs: Date.now() - started };
    }
    if (sendMessage !== last) {
      last = sendMessage;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > 5000) break;
    await sleep(sendMessage >= expected ? 500 : 200);
  }
  const { stats } = await standIn.request<{ stats: StandInStats }>('stats');
  return { stats, waitedMs: Date.now() - started };
}

/** Matches stand-in arrivals to acknowledged updates. */
function replyMetrics(load: LoadResult, stats: StandInStats, perUpdate: number, waitedMs: number): NonNullable<TargetResult['replies']> {
  const perChat = new Map<number, { count: number; last: number }>();
  let first = Infinity;
  let last = -Infinity;
  const { arrivals } = stats;
  for (let i = 0; i < arrivals.length; i += 2) {
    const chat = arrivals[i];
    const at = arrivals[i + 1];
    first = Math.min(first, at);
    last = Math.max(last, at);
    const seen = perChat.get(chat) ?? { count: 0, last: 0 };
    seen.count++;
    seen.last = Math.max(seen.last, at);
    perChat.set(chat, seen);
  }
  let delivered = 0;
  let complete = 0;
  const e2e: number[] = [];
  for (const [chat] of load.ackedAt) {
    const seen = perChat.get(chat);
    if (!seen) continue;
    delivered += Math.min(seen.count, perUpdate);
    if (seen.count >= perUpdate) {
      complete++;
      e2e.push(seen.last - load.sentAt.get(chat)!);
    }
  }
  const total = arrivals.length / 2;
  return {
    expected: perUpdate * load.ackedAt.size,
    delivered,
    extra: total - delivered,
    perSecond: total > 1 ? total / ((last - first) / 1000) : 0,
    e2eP50Ms: quantile(e2e, 0.5),
    e2eP99Ms: quantile(e2e, 0.99),
    allArrived: complete === load.ackedAt.size,
    waitedMs,
  };
}

/** The line of a child's stderr that says what went wrong (its first `…Error…` line). */
export function firstErrorLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /Error\b/.test(l)) ?? lines[0] ?? 'no output').slice(0, 300);
}

/** Runs the whole measurement of one target; a target that fails to start is reported, not fatal. */
export async function measureTarget(opts: MeasureOptions): Promise<TargetResult> {
  const notes: string[] = [];
  let child: BenchChild;
  try {
    child = await forkBenchChild(opts.script, { env: opts.env, readyTimeoutMs: 60_000, execArgv: opts.execArgv });
  } catch (err) {
    return { name: opts.name, skipped: `did not start: ${firstErrorLine(String((err as Error).message))}`, notes };
  }
  try {
    const url = String(child.info.url);
    // Warm-up: JIT, connection pools, first-use allocations; its replies are drained, then forgotten.
    const warm = await runLoad({ url, connections: opts.connections, durationS: opts.warmupS, firstChatId: opts.chatBase });
    if (opts.expectsReplies) {
      await waitForReplies(opts.standIn, warm, opts.repliesPerUpdate, opts.drainTimeoutMs);
      // Replies to warm-up updates whose acknowledgement was cut off may still be on the way.
      await sleep(1000);
    }
    await opts.standIn.request('reset');

    const cpuBefore = { target: child.cpuMs(), standIn: opts.standIn.cpuMs(), self: process.cpuUsage() };
    const load = await runLoad({ url, connections: opts.connections, durationS: opts.durationS, firstChatId: opts.chatBase + 5_000_000 });
    let replies: TargetResult['replies'];
    if (opts.expectsReplies) {
      const { stats, waitedMs } = await waitForReplies(opts.standIn, load, opts.repliesPerUpdate, opts.drainTimeoutMs);
      replies = replyMetrics(load, stats, opts.repliesPerUpdate, waitedMs);
      if (stats.malformed) notes.push(`${stats.malformed} malformed Bot API calls`);
    }
    const self = process.cpuUsage(cpuBefore.self);
    const targetNow = child.cpuMs();
    const standInNow = opts.standIn.cpuMs();
    const cpuMs = {
      target: targetNow !== undefined && cpuBefore.target !== undefined ? targetNow - cpuBefore.target : undefined,
      standIn: standInNow !== undefined && cpuBefore.standIn !== undefined ? standInNow - cpuBefore.standIn : undefined,
      loadGenerator: (self.user + self.system) / 1000,
    };
    const secs = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
    notes.push(`CPU from load start to last reply: target ${secs(cpuMs.target)}, stand-in ${secs(cpuMs.standIn)}, load generator ${secs(cpuMs.loadGenerator)}`);
    if (load.autocannon.errors || load.autocannon.timeouts) {
      notes.push(`autocannon: ${load.autocannon.errors} errors, ${load.autocannon.timeouts} timeouts`);
    }
    return {
      name: opts.name,
      acksPerSecond: load.acksPerSecond,
      ackP50Ms: load.ackP50Ms,
      ackP99Ms: load.ackP99Ms,
      acked: load.ackedAt.size,
      rejected: load.rejected,
      replies,
      peakRssBytes: child.peakRssBytes(),
      cpuMs,
      notes,
    };
  } finally {
    await child.stop();
  }
}
