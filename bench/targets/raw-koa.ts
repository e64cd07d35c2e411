/**
 * Target (a), the ceiling: Koa that checks the secret, reads and parses the update, and
 * acknowledges. No bot logic, no replies. Forked by the bench; PORT is chosen by the OS.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import { serveParent } from '../child-process.js';
import { BENCH_SECRET, SECRET_HEADER } from '../telegram-update.js';

const app = new Koa();
const router = new Router();
router.post('/webhooks/telegram', async (ctx) => {
  if (ctx.get(SECRET_HEADER) !== BENCH_SECRET) {
    ctx.status = 401;
    return;
  }
  // Parse like a real bot would, so the ceiling includes reading the body.
  JSON.parse((await getRawBody(ctx.req, { limit: '1mb' })).toString('utf8'));
  ctx.status = 200;
  ctx.body = '';
});
router.get('/healthz', (ctx) => {
  ctx.body = 'ok';
});
app.use(router.routes());

const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
server.keepAliveTimeout = 65_000;
const { port } = server.address() as AddressInfo;
serveParent({ url: `http://127.0.0.1:${port}` }, () => ({}));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
