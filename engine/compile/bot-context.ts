/**
 * The machine's context: everything a conversation remembers between turns, as plain JSON
 * (it is persisted in every snapshot), plus the per-turn output arrays.
 */
import type { OutboundMessage, UserInfo } from '../types.js';
import type { FlowLogEntry, TurnInput } from '../runtime/turn.js';
import type { InputView } from './input-view.js';
import type { ParsedCommand } from './parse-command.js';

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

/** An interrupted waiting step, with the call stack it had. */
export interface InterruptFrame extends StepRef {
  calls: StepRef[];
}

/** A durable timer of this conversation. */
export interface TimerData extends StepRef {
  timerId: string;
  dueAt: number;
  kind: 'wait' | 'remind';
}

/** The machine context. */
export interface BotContext {
  vars: Record<string, unknown>;
  user: UserInfo | null;
  platform: string;
  input: InputView | null;
  match: Record<string, string>;
  command: ParsedCommand | null;
  error: { message: string; code: string } | null;
  /** Return addresses of `flow:` steps (innermost last). */
  calls: StepRef[];
  /** Waiting steps interrupted by a trigger (innermost last), at most MAX_INTERRUPTS. */
  interrupts: InterruptFrame[];
  waiting: WaitingRef | null;
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
  | { type: 'idle' }
  | { type: `jump.${string}` }
  | { type: `resume.${string}` }
  | { type: `back.${string}` };

/** Deepest stack of interrupted steps kept; older ones are dropped. */
export const MAX_INTERRUPTS = 10;
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
    error: null,
    calls: [],
    interrupts: [],
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
