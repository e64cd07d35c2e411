/**
 * What one step kind declares, in its own file: its kind key, whether it waits, its labelled
 * outgoing edges, how it compiles and how a conversation waiting in it migrates to a new bot
 * version. Validation (targets, reachability, loops), `parley graph`, coverage and snapshot
 * migration read these declarations; none of them re-derives a kind's edges.
 */
import type { Step, StepKind } from '../../flow/flow-types.js';
import type { WaitingKind } from '../bot-context.js';
import type { NodeConfig, StepAt } from '../step-compile-context.js';

/** What an edge means: the label tools show and coverage counts. */
export type EdgeKind =
  /** The step finished and goes on (a say, a valid answer, a call that succeeded, …). */
  | 'next'
  /** A menu option was chosen (`option` says which). */
  | 'option'
  /** An `if:` branch (`branch` says then/else, `condition` the expression). */
  | 'branch'
  /** Input that is no menu option. */
  | 'otherwise'
  /** A `call:` whose action failed. */
  | 'on_error'
  /** An `ask:` whose answers were invalid `retries` times. */
  | 'retries_exhausted'
  /** A `wait:` timer ran out, or a `schedule:` timer starts its step or flow. */
  | 'timer'
  /** A reminder fired while a question waited. */
  | 'remind'
  /** A `goto:` jump. */
  | 'goto'
  /** A `flow:` step starts the called flow. */
  | 'call'
  /** Where a `flow:` step continues when the called flow ends. */
  | 'return'
  /** `cancel:` / `end: all`: ends the flow and everything it interrupted. */
  | 'cancel';

/**
 * Where an edge goes, as the step declares it (resolved later against the whole bot):
 * a target as written, the step's continuation, the step itself, the start of a named flow,
 * or the end of the whole conversation stack.
 */
export type EdgeTo =
  /** A StepTarget as the author wrote it: `id`, `flow.step`, `{ flow, step }` or `end`. */
  | { written: unknown }
  /** The step's `next:`, else the following step, else the end of the flow. */
  | { following: true }
  /** Back to this step (a menu's default `otherwise`, a reminder that keeps waiting). */
  | { self: true }
  /** The first step of the flow named by this value. */
  | { flowStart: unknown }
  /** Ends everything: the stack is emptied and the conversation goes idle. */
  | { endAll: true };

/** One labelled edge as a step kind declares it. */
export interface EdgeSpec {
  kind: EdgeKind;
  to: EdgeTo;
  /** Path, inside the step, of what makes the edge (an option, a `then:`); [] = the step itself. */
  path: (string | number)[];
  /** For `option` edges: the option's id and title. */
  option?: { id: string; title: unknown; index: number };
  /** For `branch` edges. */
  branch?: 'then' | 'else';
  /** For `branch` edges: the `if:` expression. */
  condition?: string;
}

/** How a conversation saved while waiting in a step is put back on another bot version. */
export interface WaitMigration {
  /** Substate of the step to restore (the stable `wait` state). */
  substate: 'wait';
  /** Kinds of this step's timers that stay armed. */
  keepTimers: readonly ('wait' | 'remind')[];
}

/** The declaration of one step kind. `S` is its step type. */
export interface StepKindDef<S extends Step = Step> {
  kind: StepKind;
  /** Set for kinds that stop the turn and wait for input or a timer (they break loops). */
  waits?: WaitingKind;
  /** The labelled edges of a step. Reads untrusted data (files with schema errors are checked too). */
  edges(step: Record<string, unknown>): EdgeSpec[];
  /** Compiles a validated step into state-node config (pure; effects are named actions). */
  compile(step: S, at: StepAt): NodeConfig;
  /** For waiting kinds: how a conversation waiting here migrates to a new bot version. */
  migrate?: WaitMigration;
}

/** Builds an edge. */
export function edge(kind: EdgeKind, to: EdgeTo, path: (string | number)[] = [], extra: Partial<EdgeSpec> = {}): EdgeSpec {
  return { kind, to, path, ...extra };
}

/** The continuation of a step (`next:`, the following step, or the end). */
export const FOLLOWING: EdgeTo = { following: true };
/** This same step. */
export const SELF: EdgeTo = { self: true };

/** `{ written: value }`, or `fallback` when the value is absent. */
export function writtenOr(value: unknown, fallback: EdgeTo): EdgeTo {
  return value === undefined ? fallback : { written: value };
}

/** True for a plain map (edge functions read untrusted data). */
export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body of a step's kind key as a map, or an empty map. */
export function bodyOf(step: Record<string, unknown>, kind: string): Record<string, unknown> {
  const body = step[kind];
  return isMap(body) ? body : {};
}

/** The `remind` edge of a waiting step's body, if it has a reminder. */
export function remindEdges(body: Record<string, unknown>, kind: string): EdgeSpec[] {
  if (!isMap(body.remind)) return [];
  return [edge('remind', writtenOr(body.remind.next, SELF), [kind, 'remind', ...(body.remind.next === undefined ? [] : ['next'])])];
}
