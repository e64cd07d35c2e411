/**
 * Target (b), the peer: a grammY bot doing the example bot's menu step (greet, then offer
 * Pileta/Tenis/SUM as an inline keyboard) behind grammY's Koa webhook adapter. It keeps the
 * "waiting at the menu" state in grammY's default in-memory session, the closest idiomatic
 * match to a conversation store. Env: TELEGRAM_API_URL (the stand-in).
 */
import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import { Bot, InlineKeyboard, session, webhookCallback, type Context, type SessionFlavor } from 'grammy';
import { serveTarget } from '../child-process.js';
import { BENCH_BOT_INFO, BENCH_SECRET, BENCH_TOKEN } from '../telegram-update.js';

interface MenuSession {
  step: 'idle' | 'choose';
}
type MenuContext = Context & SessionFlavor<MenuSession>;

const bot = new Bot<MenuContext>(BENCH_TOKEN, {
  botInfo: BENCH_BOT_INFO,
  client: { apiRoot: process.env.TELEGRAM_API_URL },
});
bot.use(session<MenuSession, MenuContext>({ initial: () => ({ step: 'idle' }) }));
const menu = new InlineKeyboard().text('Pileta', 'pool').text('Tenis', 'tennis').text('SUM', 'hall');
bot.on('message:text', async (ctx) => {
  await ctx.reply('Hola!');
  await ctx.reply('Por favor elije una opción:', { reply_markup: menu });
  ctx.session.step = 'choose';
});
bot.catch((err) => console.error('grammY error', err.message));

const app = new Koa();
const router = new Router();
// grammY's Koa adapter reads ctx.request.body, which a body parser normally fills.
router.post(
  '/webhooks/telegram',
  async (ctx, next) => {
    (ctx.request as unknown as { body: unknown }).body = JSON.parse((await getRawBody(ctx.req, { limit: '1mb' })).toString('utf8'));
    await next();
  },
  // grammY types its Koa context structurally; it is the same Koa context at run time.
  webhookCallback(bot, 'koa', { secretToken: BENCH_SECRET }) as unknown as Koa.Middleware,
);
app.use(router.routes());

await serveTarget(app);
