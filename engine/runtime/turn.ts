/**
 * The contract between the pipeline and the runner: one input in, replies and the new
 * persisted state out. The runner does no storage itself.
 */
import type { InboundEvent, OutboundMessage } from '../types.js';

/** A durable timer firing (wait steps, reminders). */
export interface TimerInput {
  kind: 'timer';
  timerId: string;
  platform: string;
  conversation: string;
}

/** What a turn is driven by. */
export type TurnInput = InboundEvent | TimerInput;

/** A timer the conversation wants armed after this turn. */
export interface PendingTimer {
  timerId: string;
  dueAt: number;
}

/** A structured log line a `log` step produced (also sent to the logger). */
export interface FlowLogEntry {
  flow: string;
  step: string;
  /** `error` for failures the flow did not handle (a `call:` without `on_error`); default info. */
  level?: 'error';
  fields: Record<string, unknown>;
}

/** What one turn produced. */
export interface TurnResult {
  /** Persisted snapshot (JSON-serializable) to store and restore next turn. */
  snapshot: unknown;
  messages: OutboundMessage[];
  /** The bot version the turn ran on (what the snapshot is pinned to). */
  botVersion?: string;
  /** Per message: it repeats a value a flow marked sensitive (seal it at rest, never log it). */
  sensitiveMessages?: boolean[];
  /** The turn's input was marked sensitive (a transcript must not keep its text). */
  sensitiveInput?: boolean;
  /** The full set of pending timers after this turn. */
  timers: PendingTimer[];
  logs: FlowLogEntry[];
  /** The steps this turn ran, in order (for inspectors: which path the conversation took). */
  path?: { flow: string; step: string }[];
}
