/**
 * The web chat's set-up: there is no platform to register a webhook with, so its set-up is
 * the routes it serves itself, mounted by the server below `/webhooks/web/`:
 *
 *   POST    /webhooks/web            one message (same-site pages and non-browser clients)
 *   POST    /webhooks/web/messages   the same, with CORS headers for listed sites
 *   OPTIONS /webhooks/web/messages   the CORS preflight
 *   GET     /webhooks/web/events?conversation=<id>   the reply stream (text/event-stream)
 *
 * To embed the chat on another site, list its origin in PARLEY_WEB_ORIGINS.
 */
import type { AdapterRoute, WebhookRequest } from '../../engine/types.js';
import type { WebConfig } from './config.js';
import { parseWebRequest, WEB_CONVERSATION_ID } from './parse.js';
import { replyStream } from './send.js';
import { corsHeaders, verifyWebRequest } from './verify.js';

/** A refusal as a route answer, with the CORS headers a browser needs to read it. */
function refuse(req: WebhookRequest, config: WebConfig, status: number, error: string) {
  return { kind: 'reply' as const, status, body: JSON.stringify({ error }), contentType: 'application/json', headers: corsHeaders(req, config) };
}

/** The routes the web chat serves besides its webhook. */
export const webRoutes: AdapterRoute<WebConfig>[] = [
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
