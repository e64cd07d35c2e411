/**
 * HTTP errors: what a route throws to answer with a status, turned into a response by the
 * app's one error middleware (create-app.ts). They are Parley errors like the others, with a
 * code named after the status.
 */
import { ParleyError } from '../errors.js';

/** The statuses Parley's routes answer with, by name. */
const CODES = {
  400: 'HTTP_BAD_REQUEST',
  401: 'HTTP_UNAUTHORIZED',
  403: 'HTTP_FORBIDDEN',
  404: 'HTTP_NOT_FOUND',
  405: 'HTTP_METHOD_NOT_ALLOWED',
  409: 'HTTP_CONFLICT',
  413: 'HTTP_PAYLOAD_TOO_LARGE',
  415: 'HTTP_UNSUPPORTED_MEDIA_TYPE',
  429: 'HTTP_TOO_MANY_REQUESTS',
  501: 'HTTP_NOT_IMPLEMENTED',
  503: 'HTTP_UNAVAILABLE',
} as const;

/** The code of an HTTP error: its status by name, or HTTP_ERROR for any other status. */
export type HttpErrorCode = (typeof CODES)[keyof typeof CODES] | 'HTTP_ERROR';

/** The code for `status`. */
export function httpErrorCode(status: number): HttpErrorCode {
  return (CODES as Record<number, HttpErrorCode>)[status] ?? 'HTTP_ERROR';
}

/** An HTTP error the error middleware turns into a response: `body`, or `{ error: message }`. */
export class HttpError extends ParleyError<HttpErrorCode> {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(httpErrorCode(status), message);
  }
}
