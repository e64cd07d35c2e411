/**
 * The Graph API (WhatsApp Cloud API and Messenger Send API): one authenticated JSON call, and
 * its errors turned into SendErrors the outbox can act on (which to retry, how long to wait,
 * and a message that says what to do). The token goes in the Authorization header, never the
 * query string, so it stays out of URLs and access logs.
 */
import { SendError } from '../../engine/errors.js';
import { retryAfterMs } from '../../engine/runtime/http-client.js';
import type { HttpClient } from '../../engine/types.js';

/** The real Graph API, pinned so a Graph upgrade is a deliberate change. */
export const GRAPH_DEFAULT_API_URL = 'https://graph.facebook.com/v21.0';

/** The Graph error envelope: `{"error": {...}}`. */
export interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    error_data?: { details?: string; messaging_product?: string };
    fbtrace_id?: string;
    is_transient?: boolean;
  };
}

/** How one platform reads Graph errors. */
export interface GraphErrorRules {
  /** Platform name for messages, e.g. "WhatsApp". */
  platform: string;
  /** Graph `code`s that mean "slow down / try again later". */
  retryableCodes: ReadonlySet<number>;
  /** A prescriptive message for errors a developer must act on, or undefined. */
  explain?(code: number | undefined, subcode: number | undefined): string | undefined;
}

/** Parses a JSON body, or undefined when it is not JSON (a proxy's HTML error page, say). */
export function parseJsonOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Builds the SendError for a non-2xx Graph response. */
export function graphSendError(
  rules: GraphErrorRules,
  response: { status: number; headers: Record<string, string | string[] | undefined>; body: string },
): SendError {
  const parsed = parseJsonOrUndefined(response.body) as GraphErrorBody | undefined;
  const err = parsed?.error;
  const code = typeof err?.code === 'number' ? err.code : undefined;
  const subcode = typeof err?.error_subcode === 'number' ? err.error_subcode : undefined;
  const retryable =
    response.status === 429 || response.status >= 500 || (code !== undefined && rules.retryableCodes.has(code));
  const detail = err?.error_data?.details ?? err?.message ?? response.body.slice(0, 200);
  const explained = rules.explain?.(code, subcode);
  const codeText = code === undefined ? '' : ` (code ${code}${subcode === undefined ? '' : `/${subcode}`})`;
  const message = explained ?? `${rules.platform} refused the message with HTTP ${response.status}${codeText}: ${detail}`;
  return new SendError(message, {
    status: response.status,
    retryable,
    retryAfterMs: retryAfterMs(response.headers),
    platformCode: code,
  });
}

/** Wraps a network failure (no response at all): always retryable. */
export function networkSendError(platform: string, cause: unknown): SendError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new SendError(`Could not reach ${platform}'s API (${reason}); check the network and the API URL.`, {
    retryable: true,
    cause,
  });
}

/** GET or POST with the Graph bearer token; throws SendError on network errors and non-2xx. */
export async function callGraph(
  http: HttpClient,
  method: 'GET' | 'POST',
  url: string,
  token: string,
  rules: GraphErrorRules,
  body?: unknown,
): Promise<unknown> {
  let response: Awaited<ReturnType<HttpClient['request']>>;
  try {
    response = await http.request({
      method,
      url,
      headers:
        body === undefined
          ? { authorization: `Bearer ${token}` }
          : { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw networkSendError(rules.platform, cause);
  }
  if (response.status < 200 || response.status >= 300) throw graphSendError(rules, response);
  const parsed = parseJsonOrUndefined(response.body);
  if (parsed === undefined) {
    // The platform accepted the request, so retrying could deliver the message twice.
    throw new SendError(`${rules.platform} answered HTTP ${response.status} with a body that is not JSON.`, {
      status: response.status,
      retryable: false,
    });
  }
  return parsed;
}
