/**
 * `npm start`: serves the bot in ./flows (or PARLEY_FLOWS) on PORT (default 3000).
 */
import pino from 'pino';
import { startParley } from './start-parley.js';
import { readConfig } from './config/read-config.js';
import { ParleyError } from '../engine/errors.js';

function fail(err: unknown): never {
  if (err instanceof ParleyError) {
    console.error(`parley: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
}

try {
  // Read before the logger: LOG_LEVEL is checked like every other variable.
  const config = readConfig(process.env);
  const logger = pino({
    level: config.logLevel,
    // Belt and braces: configuration values never reach the log, but redact anyway.
    redact: ['*.token', '*.secret', '*.authorization', 'headers.authorization', '*.config'],
  });
  const parley = await startParley({ env: process.env, config, logger });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await parley.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // `kill -HUP <pid>` reloads the flows folder (the watcher does too, unless PARLEY_WATCH=0).
  process.on('SIGHUP', () => void parley.reloading.reload('SIGHUP').catch(() => undefined));
} catch (err) {
  fail(err);
}
