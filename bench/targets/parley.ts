/**
 * Targets (c)–(e): Parley itself, started exactly as app/main.ts does but on an
 * OS-chosen port and announcing its URL to the bench. The store and everything else come
 * from the environment the bench passes (PARLEY_STORE, PARLEY_DB, REDIS_URL, …).
 */
import { monitorEventLoopDelay, createHistogram } from 'node:perf_hooks';
import diagnostics from 'node:diagnostics_channel';
import pino from 'pino';
import { startParley } from '../../app/start-parley.js';
import { serveParent } from '../child-process.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const parley = await startParley({ env: { ...process.env, PORT: '0', HOST: '127.0.0.1' }, logger });
// BENCH_LOOP_DELAY=1: print the event-loop delay histogram on exit (where ack latency comes from).
const loopDelay = process.env.BENCH_LOOP_DELAY === '1' ? monitorEventLoopDelay({ resolution: 1 }) : undefined;
loopDelay?.enable();
// …and the time from a request's headers being parsed to its response being finished, in-process.
const serverTime = loopDelay ? createHistogram() : undefined;
if (serverTime) {
  const started = new WeakMap<object, bigint>();
  diagnostics.subscribe('http.server.request.start', (m) => started.set((m as { response: object }).response, process.hrtime.bigint()));
  diagnostics.subscribe('http.server.response.finish', (m) => {
    const at = started.get((m as { response: object }).response);
    if (at) serverTime.record(Number(process.hrtime.bigint() - at) || 1);
  });
}
serveParent({ url: parley.url }, () => ({}));
process.on('SIGTERM', () => {
  if (loopDelay) {
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    if (serverTime) console.error(`in-process request time: p50 ${ms(serverTime.percentile(50))} ms, p99 ${ms(serverTime.percentile(99))} ms (${serverTime.count} requests)`);
    console.error(`event-loop delay: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms, mean ${ms(loopDelay.mean)} ms`);
  }
  void parley.close().then(() => process.exit(0));
});
