/**
 * The one place adapters name the system clock. Every adapter reads time through an injected
 * `now` (SendContext.now, ParseContext.now); this is only the default when a caller gives none,
 * so tests and replays can always pass a fake clock.
 */

/** Milliseconds since the epoch, from the system clock. */
export const systemClock = (): number => Date.now();
