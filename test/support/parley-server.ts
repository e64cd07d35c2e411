/**
 * Starts a real Parley server on a loopback port for end-to-end tests, with a store of the
 * test's choosing (a fresh SQLite file by default) and the example bot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startParley, type RunningParley } from '../../app/start-parley.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
import { silentLogger } from '../../engine/runtime/logger.js';

/** A running test server and its temp directory. */
export interface TestParley extends RunningParley {
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts Parley with `env` on 127.0.0.1:0; SQLite in a fresh temp dir unless env says
 * otherwise, or `store` when given (the caller then closes it); `now` replaces the clock.
 */
export async function startTestParley(
  env: Record<string, string | undefined>,
  logger: Logger = silentLogger,
  store?: ConversationStore,
  now?: () => number,
): Promise<TestParley> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const running = await startParley({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      PARLEY_FLOWS: join(import.meta.dirname, '..', '..', 'flows'),
      PARLEY_DB: join(dataDir, 'parley.db'),
      PARLEY_SECRET_KEY: '11'.repeat(32),
      PARLEY_TICK_MS: '100',
      // The stand-ins have no rate limits; keep the tests fast.
      PARLEY_RATE_TELEGRAM: '0,0,1',
      ...env,
    },
    logger,
    store,
    ...(now ? { now } : {}),
  });
  return {
    ...running,
    dataDir,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
