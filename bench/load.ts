/**
 * Drives a target with autocannon: `connections` keep-alive connections for a fixed
 * duration, each request a signed Telegram update from a NEW user saying "hola". It records,
 * per chat id, when the update was sent and when it was acknowledged, so replies counted at
 * the stand-in can be matched to their update.
 */
import autocannon from 'autocannon';
import { quantile, wallNow } from './stats.js';
import { BENCH_SECRET, SECRET_HEADER, textUpdate } from './telegram-update.js';

/** What one load run measured. */
export interface LoadResult {
  /** Chat id → wall-clock ms when its update was written. */
  sentAt: Map<number, number>;
  /** Chat id → wall-clock ms when its 200 arrived (acknowledged updates only). */
  ackedAt: Map<number, number>;
  /** Responses that were not 200 (by status). */
  rejected: Record<number, number>;
  durationS: number;
  acksPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  /** autocannon's own (integer-ms histogram) view, as a cross-check. */
  autocannon: { p50: number; p99: number; errors: number; timeouts: number; non2xx: number };
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /** First chat id; each request takes the next one, so every user is new. */
  firstChatId: number;
}

/** Runs one bounded load against `${url}/webhooks/telegram`. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const sentAt = new Map<number, number>();
  const ackedAt = new Map<number, number>();
  const rejected: Record<number, number> = {};
  let nextChat = opts.firstChatId;

  const started = wallNow();
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationS,
    timeout: 10,
    pipelining: 1,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/telegram',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: BENCH_SECRET },
        // With pipelining 1 a connection has one request in flight, so the per-connection
        // context names the update its next response belongs to.
        setupRequest(req, context) {
          const chat = nextChat++;
          context.chat = chat;
          sentAt.set(chat, wallNow());
          return { ...req, body: textUpdate(chat, chat, 'hola') };
        },
        onResponse(status, _body, context) {
          const chat = context.chat as number;
          if (status === 200) ackedAt.set(chat, wallNow());
          else rejected[status] = (rejected[status] ?? 0) + 1;
        },
      },
    ],
  });
  const durationS = (wallNow() - started) / 1000;

  const latencies: number[] = [];
  for (const [chat, at] of ackedAt) latencies.push(at - sentAt.get(chat)!);
  return {
    sentAt,
    ackedAt,
    rejected,
    durationS,
    acksPerSecond: ackedAt.size / durationS,
    ackP50Ms: quantile(latencies, 0.5),
    ackP99Ms: quantile(latencies, 0.99),
    autocannon: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    },
  };
}
