/**
 * Graph API errors (WhatsApp Cloud API and Messenger Send API) turned into SendErrors the
 * outbox can act on: which ones to retry, how long to wait, and a message that says what to do.
 */
import { SendError } from '../../engine/errors.js';
import { retryAfterMs } from '../../engine/runtime/http-client.js';

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
