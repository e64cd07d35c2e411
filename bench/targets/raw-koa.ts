/**
 * Target (a), the ceiling: Koa that checks the secret, reads and parses the update, and
 * acknowledges. No bot logic, no replies. Forked by the bench; PORT is chosen by the OS.
 */
import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import { serveTarget } from '../child-process.js';
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

await serveTarget(app);
