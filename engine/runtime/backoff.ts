/** The retry delay of the outbox and of send-API callbacks. */

/** Backoff settings: the first delay, doubled per attempt, and its ceiling. */
export interface BackoffPolicy {
  /** First delay; default 500 ms. */
  baseDelayMs?: number;
  /** Longest delay; default 5 minutes. */
  maxDelayMs?: number;
}

/**
 * The delay before attempt `attempts + 1`: exponential with ±25 % jitter, so retries of
 * items that failed together (a receiver that was down) do not arrive together again.
 */
export function backoffDelay(policy: BackoffPolicy, attempts: number): number {
  const base = policy.baseDelayMs ?? 500;
  const max = policy.maxDelayMs ?? 300_000;
  const raw = Math.min(max, base * 2 ** (attempts - 1));
  return Math.round(raw * (0.75 + Math.random() * 0.5));
}
