/**
 * Prometheus metrics of one Parley process (prom-client). Everything is registered on the
 * registry passed in, never on prom-client's global one, so two instances (or two tests) in
 * one process do not share counters. Components take the metrics as an optional dependency.
 */
import { createRequire } from 'node:module';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

// Metrics are off unless configured, and prom-client (with the OpenTelemetry API it
// requires) takes ~40 ms to load: it is required when metrics are created, not at start-up.
const require = createRequire(import.meta.url);

/** The metrics Parley records; README "Metrics" lists them. */
export interface ParleyMetrics {
  registry: Registry;
  /** parley_webhooks_total{platform,status}: webhook requests by HTTP status answered. */
  webhooks: Counter<'platform' | 'status'>;
  /** parley_turn_seconds{platform}: one turn (load, run, commit). */
  turnSeconds: Histogram<'platform'>;
  /** parley_outbox_backlog{platform}: items in the outbox. */
  outboxBacklog: Gauge<'platform'>;
  /** parley_outbox_oldest_seconds{platform}: age of the oldest item in the outbox. */
  outboxOldestSeconds: Gauge<'platform'>;
  /** parley_sends_total{platform,result}: send attempts (sent, retry, failed). */
  sends: Counter<'platform' | 'result'>;
  /** parley_send_retries_total{platform}: attempts that will be tried again. */
  retries: Counter<'platform'>;
  /** parley_send_429_total{platform}: answers "too many requests" from the platform. */
  tooManyRequests: Counter<'platform'>;
  /** parley_rate_limit_waits_total{platform}: times the sender waited for a platform token. */
  rateLimitWaits: Counter<'platform'>;
  /** parley_timers_due_total: durable timers that came due. */
  timersDue: Counter;
  /** parley_store_seconds{method}: store calls. */
  storeSeconds: Histogram<'method'>;
}

/**
 * Creates Parley's metrics on `registry` (a new one by default), with Node's default metrics
 * (event-loop lag `nodejs_eventloop_lag_*`, GC, heap, CPU) under the same registry.
 */
export function createMetrics(registry?: Registry, options: { defaults?: boolean } = {}): ParleyMetrics {
  const { Counter, Gauge, Histogram, Registry: NewRegistry, collectDefaultMetrics } = require('prom-client') as typeof import('prom-client');
  registry ??= new NewRegistry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const registers = [registry];
  return {
    registry,
    webhooks: new Counter({ name: 'parley_webhooks_total', help: 'Webhook requests by platform and HTTP status', labelNames: ['platform', 'status'], registers }),
    turnSeconds: new Histogram({
      name: 'parley_turn_seconds', help: 'Duration of one turn: load, run the flow, commit', labelNames: ['platform'], registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    outboxBacklog: new Gauge({ name: 'parley_outbox_backlog', help: 'Outbox items waiting to be sent, by platform', labelNames: ['platform'], registers }),
    outboxOldestSeconds: new Gauge({ name: 'parley_outbox_oldest_seconds', help: 'Age of the oldest outbox item, by platform', labelNames: ['platform'], registers }),
    sends: new Counter({ name: 'parley_sends_total', help: 'Send attempts by platform and result (sent, retry, failed)', labelNames: ['platform', 'result'], registers }),
    retries: new Counter({ name: 'parley_send_retries_total', help: 'Send attempts that will be retried', labelNames: ['platform'], registers }),
    tooManyRequests: new Counter({ name: 'parley_send_429_total', help: 'Platform answers 429 Too Many Requests', labelNames: ['platform'], registers }),
    rateLimitWaits: new Counter({ name: 'parley_rate_limit_waits_total', help: 'Times the sender waited for a platform rate-limit token', labelNames: ['platform'], registers }),
    timersDue: new Counter({ name: 'parley_timers_due_total', help: 'Durable timers that came due', registers }),
    storeSeconds: new Histogram({
      name: 'parley_store_seconds', help: 'Store calls by method', labelNames: ['method'], registers,
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    }),
  };
}
