/**
 * Metrics and backlog watching as the configuration asks for them:
 *   PARLEY_METRICS_TOKEN  serve GET /metrics on the webhook port behind this bearer token
 *   PARLEY_METRICS_PORT   serve /metrics on a port of its own (PARLEY_METRICS_HOST, default 127.0.0.1)
 *   PARLEY_BACKLOG_WARN_S warn when the oldest outbox item is older than this; default 60
 * Metrics are off unless one of the first two is set.
 */
import type { Server } from 'node:http';
import { BacklogMonitor } from '../engine/runtime/backlog-monitor.js';
import type { Logger } from '../engine/runtime/logger.js';
import { createMetrics, type ParleyMetrics } from '../engine/runtime/metrics.js';
import type { ConversationStore } from '../engine/runtime/store.js';
import { startMetricsServer } from '../engine/server/metrics-endpoint.js';
import type { ParleyConfig } from './config/parley-config.js';

/** Parley's metrics when the configuration turns them on, else undefined. */
export function metricsFor(config: ParleyConfig['metrics']): ParleyMetrics | undefined {
  return config.token || config.port !== undefined ? createMetrics() : undefined;
}

/** Starts the metrics port if PARLEY_METRICS_PORT asks for one. */
export async function startMetricsPort(config: ParleyConfig['metrics'], metrics: ParleyMetrics | undefined, logger: Logger): Promise<Server | undefined> {
  if (!metrics || config.port === undefined) return undefined;
  const server = await startMetricsServer(metrics.registry, config.port, config.host);
  logger.info({ address: server.address() }, 'metrics are served on their own port');
  return server;
}

/** The backlog monitor with the configured warning threshold. */
export function createBacklogMonitor(warnAfterMs: number, deps: { store: ConversationStore; logger: Logger; now: () => number; metrics?: ParleyMetrics }): BacklogMonitor {
  return new BacklogMonitor({ ...deps, warnAfterMs });
}
