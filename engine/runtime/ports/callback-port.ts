/**
 * Send-API result callbacks: one record per task, the signed POST of its result to the
 * task's callback URL, claimed with a lease and retried until delivered or given up.
 */

/** A task's callback and its delivery state. */
export interface CallbackRecord {
  /** One callback per task: the task's id is the record's. */
  taskId: string;
  url: string;
  /** The JSON text that is POSTed (and signed) as it is. */
  body: string;
  /** Delivery attempts so far. */
  attempts: number;
  /** Do not try before this time (ms): the backoff, or the lease of a claim. */
  notBefore: number;
  createdAt: number;
  /** Why the last attempt failed. */
  lastError?: string;
  /** 'pending' until delivered ('done') or given up ('failed'); finished ones are kept. */
  state: 'pending' | 'done' | 'failed';
}

/** The callback of a task as it is first stored: pending, no attempts yet. */
export type NewCallback = Pick<CallbackRecord, 'taskId' | 'url' | 'body' | 'notBefore' | 'createdAt'>;

/**
 * Callbacks by task. Finished records stay, so that putting a task's callback again (a
 * report repeated after a crash) never sends a second one.
 */
export interface CallbackPort {
  /** Stores the task's callback unless it has one (in any state); true when this put added it. */
  putCallback(callback: NewCallback): Promise<boolean>;
  /**
   * Pending callbacks due at `at` (oldest due first), at most `limit`, each hidden from other
   * claims until `at + leaseMs` (the notBefore they are returned with).
   */
  claimCallbacks(at: number, limit: number, leaseMs: number): Promise<CallbackRecord[]>;
  /** The callback was delivered. */
  callbackDone(taskId: string): Promise<void>;
  /** The attempt failed; try again at `notBefore` (attempts counted so far, and why). */
  rescheduleCallback(taskId: string, notBefore: number, attempts: number, error: string): Promise<void>;
  /** Given up after `attempts` attempts. */
  callbackFailed(taskId: string, attempts: number, error: string): Promise<void>;
  /** The task's callback, or undefined (for inspection and tests). */
  getCallback(taskId: string): Promise<CallbackRecord | undefined>;
}
