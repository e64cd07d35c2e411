/**
 * The set-up every stand-in test repeats: before each test start the platform's stand-in,
 * read the adapter's config pointed at it and open an HTTP client; after it close both.
 */
import { afterEach, beforeEach } from 'vitest';
import { createHttpClient, type PooledHttpClient } from '../../../engine/runtime/http-client.js';
import type { SendContext } from '../../../engine/types.js';
import type { RecordingServer } from './recording-server.js';

/** What a test sees; the fields are replaced before each test, so read them inside it. */
export interface StandInFixture<Config> {
  api: RecordingServer;
  config: Config;
  http: PooledHttpClient;
  /** `{ config, http }`, what the adapter's send and set-up take. */
  ctx: SendContext<Config>;
}

/**
 * Registers the hooks. `start` launches the stand-in; `configFor(url)` reads the adapter's
 * config from environment variables that point its API URL at the stand-in.
 */
export function useStandIn<Config>(start: () => Promise<RecordingServer>, configFor: (url: string) => Config): StandInFixture<Config> {
  const fixture = {} as StandInFixture<Config>;
  beforeEach(async () => {
    fixture.api = await start();
    fixture.config = configFor(fixture.api.url);
    fixture.http = createHttpClient();
    fixture.ctx = { config: fixture.config, http: fixture.http };
  });
  afterEach(async () => {
    await fixture.http.close();
    await fixture.api.close();
  });
  return fixture;
}
