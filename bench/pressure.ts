/**
 * The outbound-pressure scenarios of `npm run bench`: the burst with default limits against
 * limits off, open-loop ack latency at half of Parley's saturation (Parley with the default
 * limits and with them off, and grammY, at the same rate), and two processes on Redis sharing
 * one platform limit. Each is skipped with a note when its environment is missing.
 */
import { benchPath, ownDb, type BenchChild } from './child-process.js';
import { measureBurst, type BurstResult } from './burst.js';
import { measureOpenLoop, type OpenLoopTarget } from './open-loop-latency.js';
import { measureSharedLimit, type SharedLimitResult } from './shared-limit.js';

/** What the pressure scenarios measured. */
export interface PressureResults {
  burst?: BurstResult | { error: string };
  openLoop?: { ratePerSecond: number; saturation: number; targets: OpenLoopTarget[] };
  sharedLimit?: SharedLimitResult | { error: string };
}

/** Options of {@link runPressureScenarios}. */
export interface PressureOptions {
  standIn: BenchChild;
  /** Parley environment with default limits and the SQLite store (PARLEY_DB set per run). */
  sqliteEnv: Record<string, string | undefined>;
  /** grammY's environment. */
  grammyEnv: Record<string, string | undefined>;
  /** Redis environment with one prefix, or undefined to skip the two-process run. */
  redisEnv?: Record<string, string | undefined>;
  /** Parley-SQLite's sustained rate in the closed loop: updates handled in full per second (its saturation). */
  saturation: number;
  log(msg: string): void;
  only?: string[];
}

const wanted = (opts: PressureOptions, name: string) => !opts.only || opts.only.includes(name);

const errorOf = (err: unknown) => ({ error: String((err as Error).message ?? err).split('\n')[0]!.slice(0, 300) });

/** Runs the scenarios in turn. */
export async function runPressureScenarios(opts: PressureOptions): Promise<PressureResults> {
  const out: PressureResults = {};
  const parley = benchPath('./targets/parley.ts');
  const withoutLimit = { ...opts.sqliteEnv };
  delete withoutLimit.PARLEY_RATE_TELEGRAM;
  if (wanted(opts, 'burst')) {
    opts.log('burst: default limits against limits off, then only waiting, then a small burst drained');
    out.burst = await measureBurst({
      script: parley, env: withoutLimit, standIn: opts.standIn, chatBase: 200_000_000,
      connections: 64, burstS: Number(process.env.BENCH_BURST_S ?? 5), waitS: 5, drainUpdates: 300,
    }).catch(errorOf);
  }
  if (wanted(opts, 'open-loop')) {
    const rate = Math.max(50, Math.round(opts.saturation / 2));
    opts.log(`open loop: ${rate} updates/s (half of ${Math.round(opts.saturation)} updates/s sustained)`);
    const common = { standIn: opts.standIn, ratePerSecond: rate, warmupS: 3, durationS: Number(process.env.BENCH_DURATION_S ?? 10) };
    const targets: OpenLoopTarget[] = [];
    targets.push(await measureOpenLoop({ ...common, name: 'Parley (SQLite), default limits', script: parley, env: ownDb(withoutLimit, 'open-default'), chatBase: 300_000_000 }));
    targets.push(await measureOpenLoop({ ...common, name: 'Parley (SQLite), limits off', script: parley, env: ownDb({ ...withoutLimit, PARLEY_RATE_TELEGRAM: '0,0,1' }, 'open-off'), chatBase: 310_000_000 }));
    targets.push(await measureOpenLoop({ ...common, name: 'grammY', script: benchPath('./targets/grammy-bot.ts'), env: opts.grammyEnv, chatBase: 320_000_000 }));
    // The floor of this machine: a webhook that only answers 200, through the same generator.
    targets.push(await measureOpenLoop({ ...common, name: 'raw Koa', script: benchPath('./targets/raw-koa.ts'), env: opts.grammyEnv, chatBase: 330_000_000 }));
    out.openLoop = { ratePerSecond: rate, saturation: opts.saturation, targets };
  }
  if (wanted(opts, 'shared-limit') && opts.redisEnv) {
    opts.log('two Parley processes on one Redis sharing the Telegram limit');
    const env = { ...opts.redisEnv };
    delete env.PARLEY_RATE_TELEGRAM;
    out.sharedLimit = await measureSharedLimit({ script: parley, env, standIn: opts.standIn, chatBase: 400_000_000, burstS: 5, windowS: 8 }).catch(errorOf);
  }
  return out;
}
