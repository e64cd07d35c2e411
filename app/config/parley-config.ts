/**
 * The typed configuration the server runs on, built from the table's parsed values. Groups
 * follow the parts that use them, so each part takes only its own.
 */
import { dirname, join } from 'node:path';
import type { ServerLimits } from '../../engine/server/server-limits.js';
import type { AllowedHost } from '../../engine/runtime/outbound-guard.js';
import type { RateLimit } from '../../engine/runtime/rate-limiter.js';
import type { QueuePolicy } from '../../engine/runtime/outbox-queue.js';
import type { ENV_VARS } from './env-table.js';
import type { ValueOf } from './env-var.js';

/** Every table variable's typed value, by name. */
export type EnvValues = { [K in keyof typeof ENV_VARS]: ValueOf<(typeof ENV_VARS)[K]> };

/** Parley's configuration (frozen). */
export interface ParleyConfig {
  server: { port: number; host: string; bodyLimitBytes: number; limits: ServerLimits };
  logLevel: string;
  production: boolean;
  flowsDir: string;
  /** Developer actions module (PARLEY_ACTIONS) and the vault's default ttl. */
  actions: { module?: string; vaultTtl?: string };
  store: { kind: 'memory' | 'sqlite' | 'redis'; dbPath: string; redisUrl?: string; redisPrefix: string };
  /** Where the vault key comes from; `shared` when several processes share a store. */
  secrets: { key?: Buffer; dataDir: string; shared: boolean };
  api: { token?: string; callbackSecret?: string };
  outboundAllow: readonly AllowedHost[];
  pipeline: { tickMs: number; lockTtlMs: number; maxConcurrent?: number };
  sender: { maxAttempts: number; baseDelayMs: number; leaseMs: number; rateLimits: Readonly<Record<string, RateLimit>>; queue: QueuePolicy };
  backlogWarnMs: number;
  metrics: { token?: string; port?: number; host: string };
  reload: { watch: boolean; debounceMs: number; pruneMs: number; transcripts: boolean; transcriptRetentionMs: number };
  studio: { on: boolean; token?: string };
  /** Platform variables the adapters declare, as set (undefined when unset). */
  platforms: Readonly<Record<string, string | undefined>>;
  /** PARLEY_* variables nothing declares (typos, most likely); start-up warns about them. */
  unknown: readonly string[];
}

/** What {@link buildConfig} needs besides the table's values. */
export interface ConfigExtras {
  rateLimits: Record<string, RateLimit>;
  platforms: Record<string, string | undefined>;
  unknown: string[];
  /** True when PARLEY_DB was set (the key's folder follows it). */
  dbSet: boolean;
}

function freezeAll<T extends object>(config: T): Readonly<T> {
  for (const value of Object.values(config)) {
    // A Buffer cannot be frozen (a typed array with elements); it is copied in readConfig.
    if (value && typeof value === 'object' && !Buffer.isBuffer(value)) freezeAll(value);
  }
  return Object.freeze(config);
}

/** Groups the values, applying the rules that tie variables together. */
export function buildConfig(v: EnvValues, extras: ConfigExtras): ParleyConfig {
  const bodyTimeoutMs = Math.round(v.PARLEY_BODY_TIMEOUT_S * 1000);
  return freezeAll({
    server: {
      port: v.PORT,
      host: v.HOST,
      bodyLimitBytes: v.PARLEY_BODY_LIMIT,
      limits: {
        // Node requires headersTimeout <= requestTimeout: the headers are part of the request.
        headersTimeoutMs: Math.min(Math.round(v.PARLEY_HEADERS_TIMEOUT_S * 1000), bodyTimeoutMs),
        bodyTimeoutMs,
        keepAliveTimeoutMs: Math.round(v.PARLEY_KEEPALIVE_TIMEOUT_S * 1000),
        maxConnections: v.PARLEY_MAX_CONNECTIONS,
      },
    },
    logLevel: v.LOG_LEVEL,
    production: v.NODE_ENV === 'production',
    flowsDir: v.PARLEY_FLOWS,
    actions: { module: v.PARLEY_ACTIONS, vaultTtl: v.PARLEY_VAULT_TTL },
    store: { kind: v.PARLEY_STORE ?? (v.REDIS_URL ? 'redis' : 'sqlite'), dbPath: v.PARLEY_DB, redisUrl: v.REDIS_URL, redisPrefix: v.PARLEY_REDIS_PREFIX },
    secrets: {
      key: v.PARLEY_SECRET_KEY,
      dataDir: v.PARLEY_DATA_DIR ?? dirname(extras.dbSet ? v.PARLEY_DB : join('data', 'parley.db')),
      shared: v.REDIS_URL !== undefined,
    },
    api: { token: v.PARLEY_API_TOKEN, callbackSecret: v.PARLEY_CALLBACK_SECRET },
    outboundAllow: v.PARLEY_OUTBOUND_ALLOW,
    pipeline: { tickMs: v.PARLEY_TICK_MS, lockTtlMs: v.PARLEY_LOCK_TTL_MS, maxConcurrent: v.PARLEY_MAX_CONCURRENT },
    sender: {
      maxAttempts: v.PARLEY_SEND_MAX_ATTEMPTS,
      baseDelayMs: v.PARLEY_SEND_BASE_DELAY_MS,
      leaseMs: v.PARLEY_OUTBOX_LEASE_MS,
      rateLimits: extras.rateLimits,
      queue: { priority: v.PARLEY_OUTBOX_PRIORITY, proactiveShare: v.PARLEY_PROACTIVE_SHARE },
    },
    backlogWarnMs: v.PARLEY_BACKLOG_WARN_S * 1000,
    metrics: { token: v.PARLEY_METRICS_TOKEN, port: v.PARLEY_METRICS_PORT, host: v.PARLEY_METRICS_HOST },
    reload: {
      watch: v.PARLEY_WATCH,
      debounceMs: v.PARLEY_RELOAD_DEBOUNCE_MS,
      pruneMs: v.PARLEY_VERSION_PRUNE_MS,
      transcripts: v.PARLEY_TRANSCRIPTS,
      transcriptRetentionMs: v.PARLEY_TRANSCRIPT_RETENTION,
    },
    studio: { on: v.PARLEY_STUDIO, token: v.PARLEY_STUDIO_TOKEN },
    platforms: extras.platforms,
    unknown: extras.unknown,
  });
}
