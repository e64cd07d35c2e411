/**
 * Every variable Parley itself reads (platform variables come from the adapters' `env`
 * lists): name, parser, default, README line, secret. readConfig parses from this table and a
 * test checks the README's table against it, so the two cannot drift apart.
 */
import { optional, withDefault } from './env-var.js';
import { boolean, decimal, duration, hostList, integer, oneOf, port, rateLimit, secretKey, text, url, wholeDuration } from './parsers.js';

const ms = (min: number) => integer({ min, unit: 'milliseconds' });
const seconds = decimal({ above: 0, unit: 'seconds, fractions allowed' });

/** Names of the per-platform rate variables; the group is the platform. */
export const RATE_PATTERN = /^PARLEY_RATE_([A-Z0-9_]+)$/;

/** The table, by variable name. */
export const ENV_VARS = {
  // The server
  PORT: withDefault(port, '3000', 'Port the webhook server listens on (0 = any free port).'),
  HOST: withDefault(text, '0.0.0.0', 'Address the webhook server listens on.'),
  NODE_ENV: optional(text, '`production` turns the studio off without PARLEY_STUDIO_TOKEN and the web chat off without PARLEY_WEB_ORIGINS or PARLEY_WEB_TOKEN.'),
  LOG_LEVEL: withDefault(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info', 'Log level of `npm start` (pino).'),
  PARLEY_BODY_LIMIT: withDefault(integer({ min: 1, unit: 'bytes' }), '1000000', 'Largest request body in bytes (413 above it).'),
  PARLEY_HEADERS_TIMEOUT_S: withDefault(seconds, '10', 'Seconds a client may take to send its headers.'),
  PARLEY_BODY_TIMEOUT_S: withDefault(seconds, '30', 'Seconds a client may take to send its whole request (408 after it).'),
  PARLEY_KEEPALIVE_TIMEOUT_S: withDefault(seconds, '65', 'Seconds an idle keep-alive connection stays open.'),
  PARLEY_MAX_CONNECTIONS: withDefault(integer({ min: 1 }), '1024', 'Connections open at once; more are refused.'),
  // The bot
  PARLEY_FLOWS: withDefault(text, 'flows', 'Folder of the flow files.'),
  PARLEY_ACTIONS: optional(text, 'Module exporting developer actions (`actions`).'),
  PARLEY_VAULT_TTL: optional(wholeDuration, 'How long vault secrets live when `vault.store` gives no `ttl` (e.g. `12h`).', { shown: '7d' }),
  PARLEY_URL: optional(url(['http:', 'https:']), 'Where `parley reload` and the other API commands reach the server.', { shown: 'http://127.0.0.1:$PORT' }),
  // The store and secrets
  PARLEY_STORE: optional(oneOf(['memory', 'sqlite', 'redis'], { anyCase: true }), 'Store: `memory`, `sqlite` or `redis`.', { shown: 'sqlite (redis with REDIS_URL)' }),
  PARLEY_DB: withDefault(text, './data/parley.db', 'SQLite file.'),
  REDIS_URL: optional(url(['redis:', 'rediss:']), 'Redis for several processes (state, inbox, outbox, timers, vault, tasks).'),
  PARLEY_REDIS_PREFIX: withDefault(text, 'parley:', 'Prefix of every Redis key.'),
  PARLEY_DATA_DIR: optional(text, 'Folder of the generated secret key.', { shown: 'the folder of PARLEY_DB' }),
  PARLEY_SECRET_KEY: optional(secretKey, 'Key that encrypts vault secrets: 32 bytes as hex or base64 (`openssl rand -hex 32`); the same in every process.', { shown: 'generated into PARLEY_DATA_DIR/secret.key', secret: true }),
  // APIs
  PARLEY_API_TOKEN: optional(text, 'Bearer token of the send API, the authoring API and /healthz details; the APIs are off without it.', { secret: true }),
  PARLEY_CALLBACK_SECRET: optional(text, 'Key that signs send-API callbacks.', { shown: 'PARLEY_API_TOKEN', secret: true }),
  PARLEY_OUTBOUND_ALLOW: withDefault(hostList, '', 'Comma-separated `host` or `host:port` exempt from the outbound URL guard (development, tests).'),
  // The pipeline and the outbox
  PARLEY_TICK_MS: withDefault(ms(1), '1000', 'Interval of the timer and inbox tick, in milliseconds.'),
  PARLEY_LOCK_TTL_MS: withDefault(ms(1), '10000', "Lease of a conversation's lock, in milliseconds."),
  PARLEY_MAX_CONCURRENT: optional(integer({ min: 1 }), 'Conversations handled at once per process.', { shown: '128 (256 with Redis)' }),
  PARLEY_SEND_MAX_ATTEMPTS: withDefault(integer({ min: 1 }), '8', 'Attempts to deliver a reply before it is recorded as failed.'),
  PARLEY_SEND_BASE_DELAY_MS: withDefault(ms(0), '500', 'First retry delay of a failed send, in milliseconds (doubles each time).'),
  PARLEY_OUTBOX_LEASE_MS: withDefault(ms(1), '15000', 'Lease of claimed replies, in milliseconds; another process takes them over after it.'),
  PARLEY_RATE_PLATFORM: optional(rateLimit, 'Outbound rate of a platform: `perSecond,perChatPerSecond,burst` (0 = no limit).', { shown: 'the platform\'s published limits', pattern: RATE_PATTERN }),
  PARLEY_OUTBOX_PRIORITY: withDefault(oneOf(['replies', 'arrival']), 'replies', '`replies` (replies to users first) or `arrival` (one order).'),
  PARLEY_PROACTIVE_SHARE: withDefault(decimal({ min: 0, max: 1 }), '0', 'Share of sends proactive items get while replies wait (0 to 1).'),
  PARLEY_BACKLOG_WARN_S: withDefault(decimal({ min: 0, unit: 'seconds' }), '60', 'Warn while the oldest outbox item is older than this many seconds.'),
  // Metrics
  PARLEY_METRICS_TOKEN: optional(text, 'Serves GET /metrics on the webhook port for this bearer token.', { secret: true }),
  PARLEY_METRICS_PORT: optional(port, 'Serves /metrics on a port of its own (0 = any free port).'),
  PARLEY_METRICS_HOST: withDefault(text, '127.0.0.1', 'Address of the metrics port.'),
  // Hot reload and transcripts
  PARLEY_WATCH: withDefault(boolean, '1', 'Reload when the flows folder changes (0 = only on SIGHUP or the API).'),
  PARLEY_RELOAD_DEBOUNCE_MS: withDefault(ms(0), '150', 'Quiet time after a change before reloading, in milliseconds.'),
  PARLEY_VERSION_PRUNE_MS: withDefault(ms(1), '60000', 'Interval of pruning old bot versions and transcripts, in milliseconds.'),
  PARLEY_TRANSCRIPTS: withDefault(boolean, '1', 'Record conversation transcripts (0 = none).'),
  PARLEY_TRANSCRIPT_RETENTION: withDefault(duration, '30d', 'How long transcripts are kept (e.g. `7d`).'),
  // The studio
  PARLEY_STUDIO: withDefault(boolean, 'on', '`off` turns the studio off.'),
  PARLEY_STUDIO_TOKEN: optional(text, 'Studio login token (16+ characters); turns the studio on in production and from any address.', { secret: true }),
};

/** How the README names a pattern variable. */
export function displayName(name: string): string {
  return name === 'PARLEY_RATE_PLATFORM' ? 'PARLEY_RATE_<PLATFORM>' : name;
}

/** Variables only the test suite and the benchmark read: known, so never "unknown". */
export const DEVELOPMENT_VARIABLES = ['PARLEY_PROPERTY_RUNS', 'PARLEY_SHOTS', 'PARLEY_REQUIRE_BROWSER', 'PARLEY_NODE_OPTIONS'];
