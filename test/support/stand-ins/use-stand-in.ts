/**
 * The set-up every stand-in test repeats: before each test start the platform's stand-in,
 * read the adapter's config pointed at it and open an HTTP client; after it close both.
 */
import { afterEach, beforeEach } from 'vitest';
import { createHttpClient, type PooledHttpClient } from '../../../engine/runtime/http-client.js';
import type { PlatformAdapter, SendContext } from '../../../engine/types.js';
import type { RecordingServer } from './recording-server.js';
import standInEnv from '../../fixtures/adapters/stand-in-env.json' with { type: 'json' };

/** What the fixture reads of an adapter; the config type is taken from its configFromEnv. */
type ConfiguredAdapter<Config> = Pick<PlatformAdapter<Config>, 'id' | 'configFromEnv'>;

/** What a test sees; the fields are replaced before each test, so read them inside it. */
export interface StandInFixture<Config> {
  api: RecordingServer;
  config: Config;
  http: PooledHttpClient;
  /** `{ config, http }`, what the adapter's send and set-up take. */
  ctx: SendContext<Config>;
}

/**
 * Registers the hooks. `start` launches the stand-in (with the same tokens); the adapter's
 * own configFromEnv reads the platform's variables from test/fixtures/adapters/stand-in-env.json
 * and `<PLATFORM>_API_URL` pointing at the stand-in.
 */
export function useStandIn<Config>(adapter: ConfiguredAdapter<Config>, start: () => Promise<RecordingServer>): StandInFixture<Config> {
  const fixture = {} as StandInFixture<Config>;
  const env = (standInEnv as Record<string, Record<string, string>>)[adapter.id];
  beforeEach(async () => {
    fixture.api = await start();
    const read = adapter.configFromEnv({ ...env, [`${adapter.id.toUpperCase()}_API_URL`]: fixture.api.url });
    if (!read.config) throw new Error(`the stand-in test's environment lacks ${read.missing.join(', ')}`);
    fixture.config = read.config;
    fixture.http = createHttpClient();
    fixture.ctx = { config: fixture.config, http: fixture.http };
  });
  afterEach(async () => {
    await fixture.http.close();
    await fixture.api.close();
  });
  return fixture;
}
