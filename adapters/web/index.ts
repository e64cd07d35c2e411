/**
 * The web adapter: a chat in a browser page (a website widget, or the studio). Messages are
 * POSTed, replies stream back as server-sent events; in between, everything is the same
 * pipeline as any platform (inbox, deduplication, order, outbox, timers).
 *
 *   POST    /webhooks/web            one message (same-site pages and non-browser clients)
 *   POST    /webhooks/web/messages   the same, with CORS headers for listed sites
 *   GET     /webhooks/web/events?conversation=<id>   the reply stream (text/event-stream)
 */
import type { AdapterRoute, PlatformAdapter, WebhookRequest } from '../../engine/types.js';
import { configFromEnv, type WebConfig } from './config.js';
import { corsHeaders, verifyWebRequest } from './verify.js';
import { parseWebRequest, WEB_CONVERSATION_ID, WEB_PLATFORM } from './parse.js';
import { replyStream, sendWebMessage } from './send.js';

export type { WebConfig } from './config.js';
export { WEB_PLATFORM } from './parse.js';

/** A refusal as a route answer, with the CORS headers a browser needs to read it. */
function refuse(req: WebhookRequest, config: WebConfig, status: number, error: string) {
  return { kind: 'reply' as const, status, body: JSON.stringify({ error }), contentType: 'application/json', headers: corsHeaders(req, config) };
}

const routes: AdapterRoute<WebConfig>[] = [
  {
    method: 'OPTIONS',
    path: 'messages',
    handle: (req, config) => ({ kind: 'reply', status: 204, body: '', headers: corsHeaders(req, config) }),
  },
  {
    method: 'POST',
    path: 'messages',
    async handle(req, config, ctx) {
      const verdict = verifyWebRequest(req, config);
      if (verdict.kind === 'reject') return refuse(req, config, verdict.status, verdict.reason);
      const events = parseWebRequest(req, config);
      await ctx.ingest(events);
      return { kind: 'reply', status: 202, body: JSON.stringify({ accepted: events.length }), contentType: 'application/json', headers: corsHeaders(req, config) };
    },
  },
  {
    method: 'GET',
    path: 'events',
    handle(req, config) {
      const verdict = verifyWebRequest(req, config);
      if (verdict.kind === 'reject') return refuse(req, config, verdict.status, verdict.reason);
      const conversation = req.query.conversation ?? '';
      if (!WEB_CONVERSATION_ID.test(conversation)) return refuse(req, config, 400, 'conversation must be 16–64 letters, digits, _ or -');
      const after = Number(req.headers['last-event-id'] ?? req.query.after ?? 0);
      return replyStream(conversation, Number.isFinite(after) ? after : 0, config, corsHeaders(req, config));
    },
  },
];

/** The web adapter value for the registry. */
export const webAdapter: PlatformAdapter<WebConfig> = {
  id: WEB_PLATFORM,
  // A browser shows whatever it gets; the limits only bound what one message may carry.
  limits: { text: 4096, buttons: 12, optionTitle: 80, options: 100 },
  configFromEnv,
  verify: verifyWebRequest,
  parse: parseWebRequest,
  send: sendWebMessage,
  routes,
};
