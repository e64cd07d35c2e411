import { describe, expect, it } from 'vitest';
import { readConfig } from '../../app/config/read-config.js';
import { ConfigError } from '../../app/config/config-error.js';
import { ConfigError as EngineConfigError } from '../../engine/errors.js';
import { DEFAULT_SERVER_LIMITS } from '../../engine/server/server-limits.js';
import type { PlatformAdapter } from '../../engine/types.js';
import { startParley } from '../../app/start-parley.js';
import { silentLogger } from '../../engine/runtime/logger.js';

function problemsOf(env: Record<string, string | undefined>, adapters?: Record<string, PlatformAdapter<unknown>>) {
  try {
    readConfig(env, adapters);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('readConfig accepted the environment');
}

describe('readConfig(env)', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = readConfig({});
    expect(c.server).toEqual({ port: 3000, host: '0.0.0.0', bodyLimitBytes: 1_000_000, limits: DEFAULT_SERVER_LIMITS });
    expect(c.flowsDir).toBe('flows');
    expect(c.store).toEqual({ kind: 'sqlite', dbPath: './data/parley.db', redisUrl: undefined, redisPrefix: 'parley:' });
    expect(c.secrets).toEqual({ key: undefined, dataDir: 'data', shared: false });
    expect(c.sender).toEqual({ maxAttempts: 8, baseDelayMs: 500, leaseMs: 15_000, rateLimits: {}, queue: { priority: 'replies', proactiveShare: 0 } });
    expect(c.pipeline).toEqual({ tickMs: 1000, lockTtlMs: 10_000, maxConcurrent: undefined });
    expect(c.reload).toEqual({ watch: true, debounceMs: 150, pruneMs: 60_000, transcripts: true, transcriptRetentionMs: 30 * 86_400_000 });
    expect(c.metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    expect(c.studio).toEqual({ on: true, token: undefined });
    expect(c.backlogWarnMs).toBe(60_000);
    expect(c.logLevel).toBe('info');
    expect(c.outboundAllow).toEqual([]);
  });

  it('reads good values of every kind', () => {
    const c = readConfig({
      PORT: '0', HOST: '127.0.0.1', PARLEY_TICK_MS: '100', PARLEY_HEADERS_TIMEOUT_S: '40', PARLEY_BODY_TIMEOUT_S: '2.5',
      PARLEY_WATCH: '0', PARLEY_STUDIO: 'off', PARLEY_TRANSCRIPTS: 'false', PARLEY_OUTBOX_PRIORITY: 'arrival',
      PARLEY_PROACTIVE_SHARE: '0.2', PARLEY_STORE: ' Redis ', REDIS_URL: 'redis://127.0.0.1:6379', PARLEY_DB: '/tmp/x/p.db',
      PARLEY_OUTBOUND_ALLOW: ' 127.1 , localhost:8080,[::1]:9000', PARLEY_TRANSCRIPT_RETENTION: '7d', PARLEY_VAULT_TTL: '12h',
      PARLEY_RATE_TELEGRAM: '0,0,1', PARLEY_RATE_WHATSAPP: '10', PARLEY_SECRET_KEY: '11'.repeat(32), PARLEY_METRICS_PORT: '0',
      LOG_LEVEL: 'debug', NODE_ENV: 'production',
    });
    expect(c.server.port).toBe(0);
    // The headers are part of the request: their timeout is capped by the body's.
    expect(c.server.limits).toMatchObject({ headersTimeoutMs: 2500, bodyTimeoutMs: 2500 });
    expect(c.reload).toMatchObject({ watch: false, transcripts: false, transcriptRetentionMs: 7 * 86_400_000 });
    expect(c.studio.on).toBe(false);
    expect(c.sender.queue).toEqual({ priority: 'arrival', proactiveShare: 0.2 });
    expect(c.store).toMatchObject({ kind: 'redis', redisUrl: 'redis://127.0.0.1:6379' });
    expect(c.secrets).toMatchObject({ dataDir: '/tmp/x', shared: true });
    expect(c.secrets.key).toEqual(Buffer.from('11'.repeat(32), 'hex'));
    expect(c.outboundAllow).toEqual([{ hostname: '127.0.0.1' }, { hostname: 'localhost', port: '8080' }, { hostname: '[::1]', port: '9000' }]);
    expect(c.sender.rateLimits).toEqual({ telegram: { perSecond: 0, perConversationPerSecond: 0, burst: 1 }, whatsapp: { perSecond: 10, perConversationPerSecond: 0, burst: 1 } });
    expect(c.actions.vaultTtl).toBe('12h');
    expect(c.metrics.port).toBe(0);
    expect(c.production).toBe(true);
  });

  it('treats an empty value as unset', () => {
    const c = readConfig({ PORT: '', REDIS_URL: '', PARLEY_TICK_MS: '' });
    expect(c.server.port).toBe(3000);
    expect(c.store.kind).toBe('sqlite');
    expect(c.pipeline.tickMs).toBe(1000);
  });

  it('returns a frozen configuration', () => {
    const c = readConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.server.limits)).toBe(true);
    expect(() => { (c.server as { port: number }).port = 1; }).toThrow(TypeError);
  });

  it.each([
    ['PARLEY_TICK_MS', 'soon', 'CONFIG_NOT_A_NUMBER'],
    ['PARLEY_TICK_MS', '1.5', 'CONFIG_NOT_A_NUMBER'],
    ['PARLEY_TICK_MS', '0', 'CONFIG_OUT_OF_RANGE'],
    ['PORT', '70000', 'CONFIG_OUT_OF_RANGE'],
    ['PARLEY_BODY_TIMEOUT_S', '0', 'CONFIG_OUT_OF_RANGE'],
    ['PARLEY_PROACTIVE_SHARE', '1.5', 'CONFIG_OUT_OF_RANGE'],
    ['PARLEY_WATCH', 'maybe', 'CONFIG_NOT_A_BOOLEAN'],
    ['PARLEY_OUTBOX_PRIORITY', 'fifo', 'CONFIG_NOT_ONE_OF'],
    ['PARLEY_STORE', 'postgres', 'CONFIG_NOT_ONE_OF'],
    ['LOG_LEVEL', 'loud', 'CONFIG_NOT_ONE_OF'],
    ['REDIS_URL', 'localhost:6379', 'CONFIG_NOT_A_URL'],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'CONFIG_NOT_A_URL'],
    ['PARLEY_OUTBOUND_ALLOW', 'example.com/path', 'CONFIG_BAD_LIST'],
    ['PARLEY_RATE_TELEGRAM', '30,x', 'CONFIG_BAD_LIST'],
    ['PARLEY_RATE_TELEGRAM', '1,2,3,4', 'CONFIG_BAD_LIST'],
    ['PARLEY_TRANSCRIPT_RETENTION', 'a month', 'CONFIG_BAD_DURATION'],
    ['PARLEY_VAULT_TTL', '1.5h', 'CONFIG_BAD_DURATION'],
    ['PARLEY_SECRET_KEY', 'too-short', 'CONFIG_BAD_KEY'],
  ])('refuses %s=%s with %s, naming the variable, the value and the fix', (name, value, code) => {
    const [problem, ...more] = problemsOf({ [name]: value });
    expect(more).toEqual([]);
    expect(problem.code).toBe(code);
    expect(problem.variable).toBe(name);
    expect(problem.message).toMatch(new RegExp(`^${name} is `));
    expect(problem.message).toMatch(/; (set|write|list|generate) /);
  });

  it('never echoes a secret value', () => {
    const [problem] = problemsOf({ PARLEY_SECRET_KEY: 'hunter2-hunter2' });
    expect(problem.value).toBeUndefined();
    expect(problem.message).not.toContain('hunter2');
    expect(problem.message).toContain('PARLEY_SECRET_KEY is set but');
  });

  it('says PARLEY_STORE=redis needs REDIS_URL', () => {
    expect(problemsOf({ PARLEY_STORE: 'redis' })).toEqual([expect.objectContaining({ code: 'CONFIG_MISSING', variable: 'REDIS_URL' })]);
  });

  it('collects every problem in one error', () => {
    let error: ConfigError | undefined;
    try {
      readConfig({ PORT: 'x', PARLEY_TICK_MS: '-1', PARLEY_WATCH: 'perhaps', PARLEY_RATE_VIBER: 'fast' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(EngineConfigError);
    expect(error!.code).toBe('CONFIG_INVALID');
    expect(error!.problems.map((p) => p.variable)).toEqual(['PORT', 'PARLEY_TICK_MS', 'PARLEY_WATCH', 'PARLEY_RATE_VIBER']);
    expect(error!.message).toMatch(/^4 configuration problems:\n- PORT is "x"/);
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({ name: 'ConfigError', code: 'CONFIG_INVALID', message: error!.message });
    expect(json.problems).toHaveLength(4);
  });

  it('gives a single problem its own code', () => {
    try {
      readConfig({ PORT: 'x' });
    } catch (err) {
      expect((err as ConfigError).code).toBe('CONFIG_NOT_A_NUMBER');
      expect((err as ConfigError).message).toBe('PORT is "x", not a whole number; set a whole number from 0 to 65535.');
    }
    expect.assertions(2);
  });

  it("checks the platform variables an adapter declares, by the kind its name says", () => {
    const adapter = { env: [
      { name: 'FAKE_TOKEN', required: true, description: 'a token', secret: true },
      { name: 'FAKE_API_URL', required: false, description: 'API base' },
      { name: 'PARLEY_FAKE_KEEPALIVE_MS', required: false, description: 'keep-alive' },
    ] } as unknown as PlatformAdapter<unknown>;
    const problems = problemsOf({ FAKE_TOKEN: 't', FAKE_API_URL: 'not a url', PARLEY_FAKE_KEEPALIVE_MS: 'soon' }, { fake: adapter });
    expect(problems.map((p) => [p.variable, p.code])).toEqual([['FAKE_API_URL', 'CONFIG_NOT_A_URL'], ['PARLEY_FAKE_KEEPALIVE_MS', 'CONFIG_NOT_A_NUMBER']]);
    const c = readConfig({ FAKE_TOKEN: 't', FAKE_API_URL: 'https://api.example' }, { fake: adapter });
    expect(c.platforms).toEqual({ FAKE_TOKEN: 't', FAKE_API_URL: 'https://api.example', PARLEY_FAKE_KEEPALIVE_MS: undefined });
  });

  it('lists PARLEY_ variables nothing declares, and not a platform\'s own', () => {
    const c = readConfig({ PARLEY_TICKMS: '5', PARLEY_WEB_ORIGINS: 'https://a.example', PARLEY_PROPERTY_RUNS: '9', OTHER: 'x' });
    expect(c.unknown).toEqual(['PARLEY_TICKMS']);
  });

  it('stops startParley before anything is opened', async () => {
    // A store that would fail if used: the configuration error must come first.
    const store = new Proxy({}, { get: () => { throw new Error('store used'); } }) as never;
    await expect(startParley({ env: { PARLEY_TICK_MS: '0', PORT: 'x' }, logger: silentLogger, store })).rejects.toMatchObject({ code: 'CONFIG_INVALID', problems: [{ variable: 'PORT' }, { variable: 'PARLEY_TICK_MS' }] });
  });
});
