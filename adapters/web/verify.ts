/**
 * Who may use the web chat. Browsers always say which page a cross-site request comes from
 * (the Origin header), so the origin check is what stops other sites from embedding the chat
 * in their visitors' browsers; the token is for clients that are not web pages (an app, a
 * server) and for sites the operator does not list.
 */
import { safeEqual } from '../../engine/runtime/safe-equal.js';
import type { VerifyResult, WebhookRequest } from '../../engine/types.js';
import type { WebConfig } from './config.js';

/** True when the page at `origin` may use the chat: the server's own origin or a listed one. */
export function originAllowed(origin: string, host: string | undefined, config: WebConfig): boolean {
  if (config.origins.includes('*') || config.origins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The token a request carries: a bearer header, or `?token=` (EventSource cannot set headers). */
function tokenOf(req: WebhookRequest): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1].trim() : req.query.token;
}

/**
 * Accepts a request from an allowed origin, or one with the right token. A request with an
 * origin that is not allowed is refused (403) even with a token: the token is public on a
 * web page, the origin is not forgeable by a browser.
 */
export function verifyWebRequest(req: WebhookRequest, config: WebConfig): VerifyResult {
  const origin = req.headers.origin;
  // Browsers send no Origin on same-site GETs (an EventSource of the page's own server) but do
  // say Sec-Fetch-Site; it counts like the server's own origin.
  if (origin === undefined && req.headers['sec-fetch-site'] === 'same-origin') return { kind: 'accept' };
  if (origin !== undefined) {
    if (!originAllowed(origin, req.headers.host, config)) {
      return { kind: 'reject', status: 403, reason: `pages from ${origin} may not use the web chat; add the origin to PARLEY_WEB_ORIGINS` };
    }
    return { kind: 'accept' };
  }
  if (config.token === undefined) return { kind: 'accept' };
  const given = tokenOf(req);
  if (given === undefined || !safeEqual(given, config.token)) {
    return { kind: 'reject', status: 401, reason: 'missing or wrong web chat token (Authorization: Bearer <PARLEY_WEB_TOKEN>)' };
  }
  return { kind: 'accept' };
}

/** CORS headers for an allowed cross-site page; none for same-site or non-browser requests. */
export function corsHeaders(req: WebhookRequest, config: WebConfig): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined || !originAllowed(origin, req.headers.host, config)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'content-type, authorization, last-event-id',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
