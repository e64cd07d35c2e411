/** The environment shared by the tests that run several Parley processes on one Redis. */
import { telegramDriver } from '../e2e/drivers/telegram-driver.js';

/**
 * The environment of a Parley process on the shared Redis with the Telegram stand-in at
 * `apiUrl`: keys under a fresh `prefix`, the stand-in's rate limits off, a fast timer tick.
 */
export function redisTelegramEnv(apiUrl: string, redisUrl: string, prefix: string, flows: string): Record<string, string> {
  return {
    ...telegramDriver.env(apiUrl),
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    PARLEY_REDIS_PREFIX: `${prefix}-${Date.now()}:`,
    PARLEY_FLOWS: flows,
    PARLEY_RATE_TELEGRAM: '0,0,1',
    PARLEY_TICK_MS: '100',
  };
}
