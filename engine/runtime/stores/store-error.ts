/**
 * Errors of the durable stores: a database the code cannot use, or a bad store setting.
 */
import { ParleyError } from '../../errors.js';

/** Why a store could not be opened. */
export type StoreErrorCode = 'STORE_SCHEMA' | 'STORE_CONFIG' | 'STORE_CONNECT';

/** A store that cannot be opened or migrated; the message says how to fix it. */
export class StoreError extends ParleyError {
  declare readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
