/**
 * Targets (c)–(e): Parley itself, started exactly as app/main.ts does but on an
 * OS-chosen port and announcing its URL to the bench. The store and everything else come
 * from the environment the bench passes (PARLEY_STORE, PARLEY_DB, REDIS_URL, …).
 */
import pino from 'pino';
import { startParley } from '../../app/start-parley.js';
import { serveParent } from '../child-process.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const parley = await startParley({ env: { ...process.env, PORT: '0', HOST: '127.0.0.1' }, logger });
serveParent({ url: parley.url }, () => ({}));
process.on('SIGTERM', () => {
  void parley.close().then(() => process.exit(0));
});
