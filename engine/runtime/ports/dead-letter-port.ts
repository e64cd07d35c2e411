/** Dead letters: webhook items skipped because they were not readable events. */

/**
 * A webhook item that was skipped because it was not a readable event. Only where it was and
 * why are kept, not the item: it may hold user text, which is never stored in plain text
 * outside a conversation's own records.
 */
export interface DeadLetter {
  platform: string;
  /** Where in the body and what was wrong (at most {@link DEAD_LETTER_REASON_MAX} characters). */
  reason: string;
  /** When it arrived (ms). */
  at: number;
  /** The platform's event id, when the item had a readable one. */
  eventId?: string;
}

/** Dead letters a store keeps by default; older ones are dropped, so a flood cannot fill the disk. */
export const DEAD_LETTERS_KEPT = 1000;
/** Longest reason kept; the rest is cut. */
export const DEAD_LETTER_REASON_MAX = 500;
/** Longest event id kept (an id is whatever the body says it is). */
export const DEAD_LETTER_EVENT_ID_MAX = 200;

/** A bounded list of dead letters, newest first (the health and admin views read it). */
export interface DeadLetterPort {
  /** Records skipped webhook items; only the newest (DEAD_LETTERS_KEPT by default) stay. */
  addDeadLetters(letters: DeadLetter[]): Promise<void>;
  /** The newest `limit` dead letters, newest first. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
}
