/**
 * The open-loop latency scenario: a target takes updates at a fixed rate (half of Parley's
 * closed-loop saturation) after a warm-up at the same rate, and the ack latency is measured
 * from each request's scheduled time (bench/open-loop.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { forkBenchChild, type BenchChild } from './child-process.js';
import { runOpenLoop, type OpenLoopResult } from './open-loop.js';

/** One target at a fixed rate. */
export interface OpenLoopTarget extends OpenLoopResult {
  name: string;
  /** Target CPU per acknowledged update, µs. */
  cpuPerUpdateUs?: number;
  skipped?: string;
}

/** Options of {@link measureOpenLoop}. */
export interface OpenLoopScenario {
  name: string;
  script: string;
  env: Record<string, string | undefined>;
  standIn: BenchChild;
  ratePerSecond: number;
  warmupS: number;
  durationS: number;
  chatBase: number;
}

/** Measures one target at a fixed rate. */
export async function measureOpenLoop(opts: OpenLoopScenario): Promise<OpenLoopTarget> {
  let child: BenchChild;
  try {
    child = await forkBenchChild(opts.script, { env: opts.env, readyTimeoutMs: 60_000 });
  } catch (err) {
    return { name: opts.name, skipped: String((err as Error).message).slice(0, 200), ratePerSecond: opts.ratePerSecond, sent: 0, acked: 0, failed: 0, ackP50Ms: NaN, ackP99Ms: NaN, ackMaxMs: NaN, lateSends: 0, durationS: 0 };
  }
  try {
    const url = String(child.info.url);
    await runOpenLoop({ url, ratePerSecond: opts.ratePerSecond, durationS: opts.warmupS, firstChatId: opts.chatBase });
    // Let the warm-up's replies leave before the measured part.
    await sleep(1500);
    const c0 = child.cpuMs();
    const result = await runOpenLoop({ url, ratePerSecond: opts.ratePerSecond, durationS: opts.durationS, firstChatId: opts.chatBase + 5_000_000 });
    await sleep(1000);
    const c1 = child.cpuMs();
    return { name: opts.name, ...result, cpuPerUpdateUs: c0 !== undefined && c1 !== undefined && result.acked ? ((c1 - c0) * 1000) / result.acked : undefined };
  } finally {
    await child.stop();
  }
}
