/**
 * The authoring API (on when PARLEY_API_TOKEN is set, behind the same bearer token as the
 * send API): reload or dry-run the flows, read the last reload's result, and read a
 * conversation's transcript.
 *
 *   POST /api/v1/reload[?dry_run=1]            → ReloadResult (dry run: nothing switches)
 *   GET  /api/v1/reload                        → the last reload's ReloadResult (404 before one)
 *   GET  /api/v1/conversations/:key/transcript → { conversation, turns } (404 when unknown)
 */
import type Router from '@koa/router';
import type Koa from 'koa';
import { HttpError } from '../../engine/server/create-app.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
import { bearerMatches } from '../bearer-token.js';
import type { FlowReloader } from './flow-reloader.js';

/** What the routes need. */
export interface ReloadApiDeps {
  token: string;
  reloader: FlowReloader;
  store: ConversationStore;
}

/** Most turns one transcript answer holds (the newest ones). */
export const TRANSCRIPT_LIMIT = 1000;

/** Mounts the routes on `router`. */
export function mountReloadApi(router: Router, deps: ReloadApiDeps): void {
  const authorize = (ctx: Koa.Context) => {
    if (!bearerMatches(ctx.get('authorization'), deps.token)) throw new HttpError(401, 'missing or wrong bearer token');
  };

  router.post('/api/v1/reload', async (ctx) => {
    authorize(ctx);
    const dry = ['1', 'true', 'yes'].includes(String(ctx.query.dry_run ?? ''));
    const result = dry ? await deps.reloader.dryRun('api') : await deps.reloader.reload('api');
    ctx.status = result.ok ? 200 : 422;
    ctx.body = result;
  });

  router.get('/api/v1/reload', (ctx) => {
    authorize(ctx);
    const last = deps.reloader.lastResult();
    if (!last) throw new HttpError(404, 'no reload yet', { error: 'the flows have not been reloaded since the server started' });
    ctx.body = last;
  });

  router.get('/api/v1/conversations/:key/transcript', async (ctx) => {
    authorize(ctx);
    const key = ctx.params.key;
    const transcripts = deps.store.transcripts;
    if (!transcripts) throw new HttpError(501, 'no transcripts', { error: 'this store keeps no transcripts' });
    const limit = Math.min(Number(ctx.query.limit ?? TRANSCRIPT_LIMIT) || TRANSCRIPT_LIMIT, TRANSCRIPT_LIMIT);
    const turns = await transcripts.readTranscript(key, limit);
    // An unknown conversation is a 404, not an empty transcript: a typo must not look like silence.
    if (turns.length === 0 && !(await deps.store.load(key))) {
      throw new HttpError(404, 'unknown conversation', { error: `no conversation ${key}; keys look like <platform>:<conversation id>, e.g. telegram:12345` });
    }
    ctx.body = { conversation: key, turns };
  });
}
