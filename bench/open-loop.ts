/**
 * An open-loop load generator: requests leave on a fixed schedule (rate × time), whether or
 * not earlier ones were answered, and each latency is measured from the request's scheduled
 * time, so a stalled server is charged for the whole stall (no coordinated omission).
 * autocannon's rate mode releases requests in bursts, which is why this exists.
 */
import { Pool } from 'undici';
import { quantile, wallNow } from './stats.js';
import { BENCH_SECRET, SECRET_HEADER, textUpdate } from './telegram-update.js';

/** What an open-loop run measured. */
export interface OpenLoopResult {
  ratePerSecond: number;
  sent: number;
  acked: number;
  failed: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  /** Requests the generator itself sent later than 5 ms behind schedule (its own lag). */
  lateSends: number;
  durationS: number;
}

/** Options of {@link runOpenLoop}. */
export interface OpenLoopOptions {
  url: string;
  ratePerSecond: number;
  durationS: number;
  firstChatId: number;
  /** Connections to keep open; requests beyond them queue in the pool (and count). */
  connections?: number;
}

/** Sends `ratePerSecond` new-user updates for `durationS` seconds and measures every ack. */
export async function runOpenLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const pool = new Pool(opts.url, { connections: opts.connections ?? 256, pipelining: 1, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  let failed = 0;
  let lateSends = 0;
  const total = Math.round(opts.ratePerSecond * opts.durationS);
  const interval = 1000 / opts.ratePerSecond;
  const pending: Promise<void>[] = [];
  const start = wallNow();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = wallNow();
      // Every request whose time has come leaves now, each timed from its own slot.
      while (sent < total && start + sent * interval <= now) {
        const scheduled = start + sent * interval;
        if (now - scheduled > 5) lateSends++;
        const chat = opts.firstChatId + sent;
        sent++;
        pending.push(
          pool
            .request({ method: 'POST', path: '/webhooks/telegram', headers: { 'content-type': 'application/json', [SECRET_HEADER]: BENCH_SECRET }, body: textUpdate(chat, chat, 'hola') })
            .then(async (res) => {
              await res.body.dump();
              if (res.statusCode === 200) latencies.push(wallNow() - scheduled);
              else failed++;
            })
            .catch(() => {
              failed++;
            }),
        );
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(1, start + sent * interval - wallNow())));
    };
    tick();
  });
  await Promise.all(pending);
  const durationS = (wallNow() - start) / 1000;
  await pool.close();
  return {
    ratePerSecond: opts.ratePerSecond,
    sent,
    acked: latencies.length,
    failed,
    ackP50Ms: quantile(latencies, 0.5),
    ackP99Ms: quantile(latencies, 0.99),
    ackMaxMs: latencies.length ? Math.max(...latencies) : 0,
    lateSends,
    durationS,
  };
}
