/**
 * `http.request`: lets flows call web services through the injected HTTP client (so tests
 * and the server decide the transport).
 */
import { defineAction } from './action-types.js';
import { ActionParamsError, HttpNetworkError, HttpStatusError } from './action-errors.js';

/** Parameters of http.request after templating. */
export interface HttpRequestParams {
  url?: unknown;
  method?: unknown;
  headers?: unknown;
  /** A string body sent as is. */
  body?: unknown;
  /** A value sent as a JSON body (sets content-type). */
  json?: unknown;
}

/** What http.request returns. `json` is present when the body parses as JSON. */
export interface HttpRequestResult {
  status: number;
  /** Response headers, names in lower case, repeated ones joined with ", ". */
  headers: Record<string, string>;
  body: string;
  json?: unknown;
}

/** Flattens response headers for flows (`{{ res.headers["content-type"] }}`). */
function flatHeaders(raw: Record<string, string | string[] | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

const METHODS = new Set(['GET', 'POST', 'DELETE']);

/** `http.request({ url, method?, headers?, body?, json? })` → `{ status, headers, body, json? }`. */
export const httpRequest = defineAction<HttpRequestParams, HttpRequestResult>({
  name: 'http.request',
  description: 'Calls a URL; fails on network errors and on HTTP status 400 or more.',
  // The url is a template whose {{ }} values are percent-encoded and cannot move the host.
  urlParams: ['url'],
  async run(params, ctx) {
    if (typeof params.url !== 'string' || !/^https?:\/\//i.test(params.url)) {
      throw new ActionParamsError('http.request', 'needs an http(s) `url`.');
    }
    const method = String(params.method ?? (params.json !== undefined || params.body !== undefined ? 'POST' : 'GET')).toUpperCase();
    if (!METHODS.has(method)) throw new ActionParamsError('http.request', `method ${method} is not supported; use GET, POST or DELETE.`);
    const headers: Record<string, string> = {};
    if (params.headers && typeof params.headers === 'object') {
      for (const [k, v] of Object.entries(params.headers)) headers[k.toLowerCase()] = String(v);
    }
    let body: string | undefined;
    if (params.json !== undefined) {
      body = JSON.stringify(params.json);
      headers['content-type'] ??= 'application/json';
    } else if (params.body !== undefined) {
      body = typeof params.body === 'string' ? params.body : JSON.stringify(params.body);
    }
    let res: { status: number; headers?: Record<string, string | string[] | undefined>; body: string };
    try {
      res = await ctx.http.request({ method: method as 'GET', url: params.url, headers, body });
    } catch (err) {
      throw new HttpNetworkError(params.url, err);
    }
    if (res.status >= 400) throw new HttpStatusError(params.url, res.status);
    const result: HttpRequestResult = { status: res.status, headers: flatHeaders(res.headers), body: res.body };
    try {
      result.json = JSON.parse(res.body);
    } catch {
      // Not JSON: the text body is all there is.
    }
    return result;
  },
});
