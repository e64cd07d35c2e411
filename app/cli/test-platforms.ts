/**
 * The platforms a conversation test can render for: each adapter's limits, and a renderer
 * that runs the adapter's real `send` against an HTTP client that records instead of
 * sending, so a reply the adapter would refuse fails the test.
 */
import { adapters } from '../../adapters/registry.js';
import type { TestPlatform } from '../../engine/testing/run-test.js';
import type { HttpClient } from '../../engine/types.js';

// One answer every platform's send call accepts as success (each reads its own fields).
const OK_BODY = JSON.stringify({ ok: true, result: { message_id: 1 }, messages: [{ id: 'wamid.test' }], status: 0, message_token: 1, message_id: 'm.test', recipient_id: 'r' });

const recorder: HttpClient = { request: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: OK_BODY }) };

/** Placeholder credentials: a test renders, it never reaches the platform. */
function testConfig(configFromEnv: (env: Record<string, string>) => { config?: unknown; missing: string[] }): unknown {
  const env: Record<string, string> = {};
  for (let i = 0; i < 5; i++) {
    const { config, missing } = configFromEnv(env);
    if (config && missing.length === 0) return config;
    for (const name of missing) env[name] = `test-${name.toLowerCase()}`;
  }
  return undefined;
}

/** Every registered platform as a test platform. */
export function testPlatforms(): Record<string, TestPlatform> {
  return Object.fromEntries(Object.entries(adapters).map(([id, adapter]) => {
    const config = testConfig(adapter.configFromEnv);
    const platform: TestPlatform = { limits: adapter.limits };
    if (config) platform.render = async (m) => void (await adapter.send('test-user', m, { config, http: recorder }));
    return [id, platform];
  }));
}
