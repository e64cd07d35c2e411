/**
 * The studio's routes under /studio: the page and its assets (built into dist/studio by
 * `npm run build`), the login, and a JSON API plus a live stream of turns. Every answer
 * carries a strict CSP; every API call needs a session; every call that changes something
 * also needs the CSRF header (see studio-access.ts).
 */
import { PassThrough } from 'node:stream';
import type Router from '@koa/router';
import type Koa from 'koa';
import { HttpError } from '../../engine/server/create-app.js';
import type { OutboundMessage } from '../../engine/types.js';
import { CSRF_HEADER, isLoopback, SESSION_COOKIE, sessionCookie, StudioSessions, STUDIO_HEADERS, type StudioAccess } from './studio-access.js';
import { branchConversation, botReport, fireNextTimer, StudioActionError, type StudioActionDeps } from './studio-actions.js';
import { isPreviewPlatform, previewMessage } from './platform-preview.js';
import { serveStudioAsset } from './studio-assets.js';
import { saveAsTest } from './save-as-test.js';
import { stateView } from './turn-log.js';
import type { ConversationDetail, ConversationSummary } from './studio-types.js';
import { safeEqual } from '../../engine/runtime/safe-equal.js';

/** What the studio needs from the composition root. */
export interface StudioDeps extends StudioActionDeps {
  access: StudioAccess;
  /** Route names of the platforms that are on (the web chat needs `web`). */
  platforms: string[];
  readBody(ctx: Koa.Context): Promise<Buffer>;
}

const cookieOf = (ctx: Koa.Context) => ctx.cookies.get(SESSION_COOKIE);
const secure = (ctx: Koa.Context) => ctx.protocol === 'https' || ctx.get('x-forwarded-proto') === 'https';

/**
 * True when the browser says the request comes from another site. Hosts are compared, not
 * schemes: behind a TLS proxy the page is https while the server sees http.
 */
function crossSite(ctx: Koa.Context): boolean {
  const origin = ctx.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== ctx.host;
  } catch {
    return true;
  }
}

async function jsonBody<T>(ctx: Koa.Context, deps: StudioDeps): Promise<T> {
  try {
    const raw = (await deps.readBody(ctx)).toString('utf8');
    return (raw === '' ? {} : JSON.parse(raw)) as T;
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, 'the body is not JSON');
  }
}

/** Mounts the studio on `router`. */
export function mountStudio(router: Router, deps: StudioDeps): void {
  const sessions = new StudioSessions(deps.now);
  const local = deps.access.mode === 'local';

  // Headers, the local-only rule, and errors as JSON, for everything under /studio.
  router.use('/studio', async (ctx, next) => {
    ctx.set(STUDIO_HEADERS);
    if (local && !isLoopback(ctx.req.socket.remoteAddress)) {
      throw new HttpError(403, 'the studio without PARLEY_STUDIO_TOKEN answers only this machine; set the token to open it from elsewhere');
    }
    try {
      await next();
    } catch (err) {
      if (err instanceof StudioActionError) throw new HttpError(err.status, err.message);
      throw err;
    }
  });

  router.get('/studio', (ctx) => serveStudioAsset(ctx, 'index.html'));
  router.get('/studio/assets/:file', (ctx) => serveStudioAsset(ctx, ctx.params.file));

  /** The session check of every API call; writes also need the CSRF header and our origin. */
  const guard = (ctx: Koa.Context, write: boolean) => {
    const csrf = sessions.csrfOf(cookieOf(ctx));
    if (!csrf) throw new HttpError(401, 'log in to the studio first');
    if (!write) return;
    if (crossSite(ctx)) throw new HttpError(403, 'cross-site request refused');
    const given = ctx.get(CSRF_HEADER);
    if (!given || !safeEqual(given, csrf)) throw new HttpError(403, `missing or wrong ${CSRF_HEADER} header`);
  };

  router.get('/studio/api/session', (ctx) => {
    let csrf = sessions.csrfOf(cookieOf(ctx));
    if (!csrf && local) {
      // This machine needs no login: a session is made on first visit.
      const s = sessions.create();
      ctx.set('set-cookie', sessionCookie(s.id, secure(ctx)));
      csrf = s.csrf;
    }
    if (!csrf) throw new HttpError(401, 'log in with PARLEY_STUDIO_TOKEN');
    ctx.body = { csrf, mode: deps.access.mode, platforms: deps.platforms };
  });

  router.post('/studio/api/login', async (ctx) => {
    if (crossSite(ctx)) throw new HttpError(403, 'cross-site request refused');
    const { token } = await jsonBody<{ token?: string }>(ctx, deps);
    if (deps.access.mode !== 'token' || typeof token !== 'string' || !safeEqual(token, deps.access.token)) {
      throw new HttpError(401, 'wrong studio token');
    }
    const s = sessions.create();
    ctx.set('set-cookie', sessionCookie(s.id, secure(ctx)));
    ctx.body = { csrf: s.csrf, mode: deps.access.mode, platforms: deps.platforms };
  });

  router.post('/studio/api/logout', (ctx) => {
    guard(ctx, true);
    sessions.end(cookieOf(ctx));
    ctx.set('set-cookie', sessionCookie('', secure(ctx), 0));
    ctx.body = { ok: true };
  });

  router.get('/studio/api/bot', async (ctx) => {
    guard(ctx, false);
    ctx.body = await botReport(deps);
  });

  router.get('/studio/api/conversations', (ctx) => {
    guard(ctx, false);
    ctx.body = deps.turns.list().map((c): ConversationSummary => ({
      key: c.key,
      platform: c.platform,
      conversation: c.conversation,
      updatedAt: c.updatedAt,
      turns: c.turns.length,
      waiting: c.turns[c.turns.length - 1]?.after.waiting ?? null,
      user: c.turns[c.turns.length - 1]?.after.user ?? null,
      ...(c.branchOf ? { branchOf: c.branchOf } : {}),
    }));
  });

  router.get('/studio/api/conversations/:key', async (ctx) => {
    guard(ctx, false);
    const key = ctx.params.key;
    const record = await deps.store.load(key);
    const conv = deps.turns.get(key);
    // A web conversation that has not started yet is simply empty (the page just made its id).
    if (!record && !conv && !key.startsWith('web:')) throw new HttpError(404, `no conversation ${key}`);
    const detail: ConversationDetail = {
      key,
      platform: key.split(':')[0],
      readOnly: key.split(':')[0] !== 'web',
      state: stateView(record?.snapshot),
      revision: record?.revision ?? 0,
      turns: conv?.turns ?? [],
      ...(conv?.branchOf ? { branchOf: conv.branchOf } : {}),
    };
    ctx.body = detail;
  });

  router.post('/studio/api/conversations/:key/branch', async (ctx) => {
    guard(ctx, true);
    const { turn, point } = await jsonBody<{ turn?: number; point?: string }>(ctx, deps);
    if (!Number.isInteger(turn)) throw new HttpError(400, 'give the turn to continue from, e.g. { "turn": 2 }');
    ctx.body = await branchConversation(deps, ctx.params.key, turn!, point === 'before' ? 'before' : 'after');
  });

  router.post('/studio/api/conversations/:key/fire-timer', async (ctx) => {
    guard(ctx, true);
    if (!ctx.params.key.startsWith('web:')) throw new HttpError(403, 'conversations of other platforms are read-only here');
    ctx.body = await fireNextTimer(deps, ctx.params.key);
  });

  router.post('/studio/api/conversations/:key/test', async (ctx) => {
    guard(ctx, true);
    const conv = deps.turns.get(ctx.params.key);
    if (!conv) throw new HttpError(404, `no conversation ${ctx.params.key} in the studio's record`);
    const { name } = await jsonBody<{ name?: string }>(ctx, deps);
    ctx.body = await saveAsTest(conv, deps.flowsDir, typeof name === 'string' && name ? name : `studio ${new Date(deps.now()).toISOString().slice(0, 16)}`);
  });

  router.post('/studio/api/render', async (ctx) => {
    guard(ctx, true);
    const { platform, messages } = await jsonBody<{ platform?: string; messages?: OutboundMessage[] }>(ctx, deps);
    if (!platform || !isPreviewPlatform(platform) || !Array.isArray(messages)) throw new HttpError(400, 'give a platform and the messages to render');
    ctx.body = messages.map((m) => previewMessage(platform, m));
  });

  // The live stream of turns (all conversations); the page filters what it shows.
  router.get('/studio/api/stream', (ctx) => {
    guard(ctx, false);
    ctx.req.socket.setTimeout(0);
    const stream = new PassThrough();
    ctx.type = 'text/event-stream';
    ctx.set('cache-control', 'no-cache, no-transform');
    ctx.body = stream;
    stream.write(': connected\nretry: 2000\n\n');
    const unsubscribe = deps.turns.subscribe((key, turn) => stream.write(`event: turn\ndata: ${JSON.stringify({ key, turn })}\n\n`));
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), 25_000);
    ctx.req.once('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      stream.end();
    });
  });
}
