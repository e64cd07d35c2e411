/** Durable timers of conversations; a turn's commit replaces its conversation's set. */
import type { ConversationKey } from '../../types.js';

/** A durable timer of a conversation (wait steps, reminders). */
export interface TimerRecord {
  key: ConversationKey;
  /** Unique within the conversation. */
  timerId: string;
  dueAt: number;
  /** Enough to rebuild the event to send: platform and conversation. */
  platform: string;
  conversation: string;
}

/** What the timer loop needs: leased claims of due timers. */
export interface TimerPort {
  /** Claims timers due at `now` (moves dueAt to now + leaseMs meanwhile). */
  claimTimers(now: number, limit: number, leaseMs: number): Promise<TimerRecord[]>;
}
