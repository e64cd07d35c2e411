/**
 * Errors the built-in actions throw. Flows see them as `error.code` / `error.message` in
 * `on_error` steps, so messages are written for bot authors and never contain secrets.
 */
import { ParleyError } from '../errors.js';

/** The codes of the built-in actions' errors (what `on_error` steps read as `error.code`). */
export type ActionErrorCode = 'VAULT_NOT_FOUND' | 'HTTP_STATUS' | 'HTTP_NETWORK' | 'ACTION_PARAMS' | 'ACTION_UNKNOWN';

/** A vault secret that does not exist, was already revealed, expired, or the token is wrong. */
export class VaultNotFoundError extends ParleyError<'VAULT_NOT_FOUND'> {
  constructor() {
    // Deliberately one message for all cases: telling them apart would help guessing.
    super('VAULT_NOT_FOUND', 'No secret for this key: it was already revealed, it expired, or the key is wrong.');
  }
}

/** An HTTP call answered with status 400 or more. */
export class HttpStatusError extends ParleyError<'HTTP_STATUS'> {
  readonly status: number;
  constructor(url: string, status: number) {
    super('HTTP_STATUS', `The request to ${url} failed with HTTP status ${status}; check the URL and the service.`);
    this.status = status;
  }
}

/** An HTTP call that got no answer (DNS, connection, timeout). */
export class HttpNetworkError extends ParleyError<'HTTP_NETWORK'> {
  constructor(url: string, cause: unknown) {
    super('HTTP_NETWORK', `The request to ${url} got no response (${(cause as Error)?.message ?? 'network error'}); check the URL and the network.`, { cause });
  }
}

/** Parameters an action cannot work with. */
export class ActionParamsError extends ParleyError<'ACTION_PARAMS'> {
  constructor(action: string, message: string) {
    super('ACTION_PARAMS', `${action}: ${message}`);
  }
}

/** A `call:` step naming an action nobody registered. */
export class UnknownActionError extends ParleyError<'ACTION_UNKNOWN'> {
  constructor(name: string) {
    super('ACTION_UNKNOWN', `There is no action named "${name}"; register it or fix the name in the flow.`);
  }
}
