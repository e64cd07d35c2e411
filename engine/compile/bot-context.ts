/**
 * The machine's context: everything a conversation remembers between turns, as plain JSON
 * (it is persisted in every snapshot), plus the per-turn output arrays.
 */
import type { OutboundMessage, UserInfo } from '../types.js';
import type { LocalizedText } from '../flow/flow-types.js';
import type { FlowLogEntry, TurnInput } from '../runtime/turn.js';
import type { InputView } from './input-view.js';
import type { ParsedCommand } from './parse-command.js';
import type { SensitiveField } from './sensitive-values.js';

/** A step position: flow id and step key (the step's id, or `@<index>` when it has none). */
export interface StepRef {
  flow: string;
  step: string;
}

/** The kinds of steps that wait. */
export type WaitingKind = 'menu' | 'ask' | 'wait';

/** What a waiting step is, so the router knows how to hand it input. */
export interface WaitingRef extends StepRef {
  kind: WaitingKind;
}

/**
 * One frame of the conversation stack: a flow the conversation is in and its step. The top
 * (last) frame runs or waits; the others are suspended, each until the frame above it ends.
 */
export interface Frame extends StepRef {
  /**
   * How this frame was entered: `start` (from idle), `call` (by the `flow:` step of the frame
   * below), `interrupt` (a trigger while the frame below waited), `timer` (a timer while it waited).
   */
  why: 'start' | 'call' | 'interrupt' | 'timer';
  /**
   * On a suspended frame, what happens when the frame above ends: `continue` after its
   * `flow:` step, or at its question `reask` (ask again, after its on_resume text) or `silent`.
   */
  onResume?: 'continue' | 'reask' | 'silent';
}

/** A durable timer of this conversation: a step's (`wait`, `remind`) or a named `schedule`. */
export interface TimerData extends StepRef {
  timerId: string;
  dueAt: number;
  kind: 'wait' | 'remind' | 'schedule';
  /** A schedule's name (scheduling the name again replaces it; `unschedule:` removes it). */
  name?: string;
  /** A schedule that says a text. */
  say?: LocalizedText;
  /** A schedule that starts a step (like an interrupt). */
  start?: StepRef;
}

/** The machine context. */
export interface BotContext {
  vars: Record<string, unknown>;
  user: UserInfo | null;
  platform: string;
  input: InputView | null;
  match: Record<string, string>;
  command: ParsedCommand | null;
  /** Which of input, match and command hold a message a flow marked sensitive. */
  sensitive: SensitiveField[];
  /** The last failed action's error; `status` is the HTTP status of a failed http.request. */
  error: { message: string; code: string; status?: number } | null;
  /** The conversation stack, bottom first (see conversation-stack.ts); empty when idle. */
  stack: Frame[];
  waiting: WaitingRef | null;
  /** User fields a flow set (`set: { user.locale: es }`); they win over what the platform says. Absent in older snapshots. */
  userSet?: { locale?: string; timezone?: string };
  /** The step being run; kept for error messages and logs. */
  at: StepRef | null;
  /** Invalid answers so far at the current ask. */
  retries: number;
  timers: TimerData[];
  timerSeq: number;
  /** Steps run this turn; a bound against `goto` loops that never wait. */
  steps: number;
  /** Replies of the current turn (cleared when a turn starts). */
  out: OutboundMessage[];
  /** Log entries of the current turn (cleared when a turn starts). */
  logs: FlowLogEntry[];
}

/** The events the machine takes from the runner. Everything else is raised internally. */
export type BotEvent =
  | { type: 'turn'; input: TurnInput }
  | { type: 'answer' }
  | { type: 'fire'; kind: 'wait' | 'remind' }
  | { type: `reask.${string}` }
  | { type: `due.${string}` }
  | { type: 'idle' }
  | { type: `jump.${string}` }
  | { type: `resume.${string}` }
  | { type: `back.${string}` };

/** Most steps one turn may run before the conversation is stopped as a loop. */
export const MAX_STEPS_PER_TURN = 500;

/** A fresh context for a new conversation. */
export function initialContext(): BotContext {
  return {
    vars: {},
    user: null,
    platform: '',
    input: null,
    match: {},
    command: null,
    sensitive: [],
    error: null,
    stack: [],
    waiting: null,
    at: null,
    retries: 0,
    timers: [],
    timerSeq: 0,
    steps: 0,
    out: [],
    logs: [],
  };
}
