/**
 * Metrics and backlog watching as the environment asks for them:
 *   PARLEY_METRICS_TOKEN  serve GET /metrics on the webhook port behind this bearer token
 *   PARLEY_METRICS_PORT   serve /metrics on a port of its own (PARLEY_METRICS_HOST, default 127.0.0.1)
 *   PARLEY_BACKLOG_WARN_S warn when the oldest outbox item is older than this; default 60
 * Metrics are off unless one of the first two is set.
 */
import type { Server } from 'node:http';
import { ConfigError } from '../engine/errors.js';
import { BacklogMonitor } from '../engine/runtime/backlog-monitor.js';
import type { Logger } from '../engine/runtime/logger.js';
import { createMetrics, type ParleyMetrics } from '../engine/runtime/metrics.js';
import type { QueuePolicy } from '../engine/runtime/outbox-queue.js';
import type { ConversationStore } from '../engine/runtime/store.js';
import { startMetricsServer } from '../engine/server/metrics-endpoint.js';

type Env = Record<string, string | undefined>;

/** Parley's metrics when the environment turns them on, else undefined. */
export function metricsFromEnv(env: Env): ParleyMetrics | undefined {
  return env.PARLEY_METRICS_TOKEN || env.PARLEY_METRICS_PORT ? createMetrics() : undefined;
}

/** Starts the metrics port if PARLEY_METRICS_PORT asks for one. */
export async function startMetricsPort(env: Env, metrics: ParleyMetrics | undefined, logger: Logger): Promise<Server | undefined> {
  if (!metrics || !env.PARLEY_METRICS_PORT) return undefined;
  const server = await startMetricsServer(metrics.registry, Number(env.PARLEY_METRICS_PORT), env.PARLEY_METRICS_HOST ?? '127.0.0.1');
  logger.info({ address: server.address() }, 'metrics are served on their own port');
  return server;
}

/** The backlog monitor with the environment's warning threshold. */
export function backlogMonitorFromEnv(env: Env, deps: { store: ConversationStore; logger: Logger; now: () => number; metrics?: ParleyMetrics }): BacklogMonitor {
  const warnS = Number(env.PARLEY_BACKLOG_WARN_S ?? 60);
  return new BacklogMonitor({ ...deps, warnAfterMs: warnS * 1000 });
}

/**
 * How replies and proactive sends share a rate limit:
 *   PARLEY_OUTBOX_PRIORITY  `replies` (default: replies to users first) or `arrival` (one order)
 *   PARLEY_PROACTIVE_SHARE  share of sends proactive items get while replies wait; default 0
 */
export function queuePolicyFromEnv(env: Env): QueuePolicy {
  const priority = env.PARLEY_OUTBOX_PRIORITY ?? 'replies';
  if (priority !== 'replies' && priority !== 'arrival') {
    throw new ConfigError(`PARLEY_OUTBOX_PRIORITY is "${priority}"; set it to replies or arrival`);
  }
  const share = Number(env.PARLEY_PROACTIVE_SHARE ?? 0);
  if (!(share >= 0 && share <= 1)) throw new ConfigError(`PARLEY_PROACTIVE_SHARE is "${env.PARLEY_PROACTIVE_SHARE}"; set a number from 0 to 1`);
  return { priority, proactiveShare: share };
}
