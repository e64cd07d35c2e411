/**
 * The conversation stack as data: the frames of the flows a conversation is in, bottom
 * first, the running (or waiting) flow last. Interrupt, call, return, restart, goto across
 * flows, cancel and a timer that comes due below the top are plain functions over this
 * array; the machine actions only apply their results. docs/flow-language.md states the rules.
 */
import type { Frame, StepRef, TimerData, WaitingRef } from './bot-context.js';

/** Most frames kept; the oldest interrupted flows are dropped past this. */
export const MAX_FRAMES = 24;

/** What a waiting step does when the flow that interrupted it ends. */
export type ResumeMode = 'reask' | 'silent';

const same = (a: StepRef, b: StepRef) => a.flow === b.flow && a.step === b.step;

/** Index of the first frame of the top segment (the top frame and the callers it was called by). */
function segmentStart(stack: readonly Frame[], top = stack.length - 1): number {
  let i = top;
  while (i > 0 && stack[i].why === 'call') i--;
  return i;
}

/** Drops whole segments from the bottom until the stack fits. */
function trim(stack: Frame[]): Frame[] {
  let out = stack;
  while (out.length > MAX_FRAMES) {
    const next = out.findIndex((f, i) => i > 0 && f.why !== 'call');
    out = next < 0 ? out.slice(out.length - MAX_FRAMES) : out.slice(next);
    out[0] = { ...out[0], why: 'start' };
  }
  return out;
}

/** The top frame suspended at its waiting step, remembering how to resume it. */
function suspendTop(stack: readonly Frame[], waiting: WaitingRef, mode: ResumeMode): Frame[] {
  const top = stack[stack.length - 1];
  return [...stack.slice(0, -1), { ...top, step: waiting.step, onResume: mode }];
}

/**
 * A trigger (or a timer, or the send API) starts `start`. A flow already on the stack restarts
 * in its own frame (frames above it are dropped; its caller is kept). Otherwise a waiting
 * question is suspended and the new flow stacks on it; from idle it is the only frame.
 */
export function startOnStack(stack: readonly Frame[], start: StepRef, why: 'interrupt' | 'timer', waiting: WaitingRef | null, mode: ResumeMode): Frame[] {
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i].flow !== start.flow) continue;
    const { onResume: _dropped, ...frame } = stack[i];
    return [...stack.slice(0, i), { ...frame, step: start.step }];
  }
  if (!waiting || stack.length === 0) return [{ flow: start.flow, step: start.step, why: 'start' }];
  return trim([...suspendTop(stack, waiting, mode), { flow: start.flow, step: start.step, why }]);
}

/**
 * A step of `at.flow` is entered. Within the top flow only its position moves. Entering
 * another flow without a call (a `goto`, a `next:` into another flow) abandons the current
 * one: back in a flow that is on the stack, the frames above it are dropped (so no stale
 * question is left to resume); else the new flow takes the current frame, with its caller.
 */
export function enterOnStack(stack: readonly Frame[], at: StepRef): Frame[] {
  const top = stack[stack.length - 1];
  if (!top) return [{ flow: at.flow, step: at.step, why: 'start' }];
  if (top.flow === at.flow) return top.step === at.step ? (stack as Frame[]) : [...stack.slice(0, -1), { ...top, step: at.step }];
  for (let i = stack.length - 2; i >= 0; i--) {
    if (stack[i].flow !== at.flow) continue;
    const { onResume: _dropped, ...frame } = stack[i];
    return [...stack.slice(0, i), { ...frame, step: at.step }];
  }
  return [...stack.slice(0, -1), { ...top, flow: at.flow, step: at.step }];
}

/** A `flow:` step at `caller` runs `callee`: the caller waits in its frame to continue. */
export function callOnStack(stack: readonly Frame[], caller: StepRef, callee: StepRef): Frame[] {
  const below = enterOnStack(stack, caller);
  const top = below[below.length - 1];
  return trim([...below.slice(0, -1), { ...top, onResume: 'continue' }, { flow: callee.flow, step: callee.step, why: 'call' }]);
}

/** What ending the top flow leads to: an event for the machine, and the stack after. */
export function returnOnStack(stack: readonly Frame[]): { stack: Frame[]; event: string | null } {
  const popped = stack[stack.length - 1];
  const below = stack[stack.length - 2];
  if (!popped || !below) return { stack: [], event: null };
  const { onResume, ...frame } = below;
  const rest = [...stack.slice(0, -2), frame];
  if (popped.why === 'call') return { stack: rest, event: `back.${below.flow}.${below.step}` };
  return { stack: rest, event: `${onResume === 'silent' ? 'resume' : 'reask'}.${below.flow}.${below.step}` };
}

/**
 * The `wait:` timer of a suspended frame came due: that frame's segment moves to the top
 * (it interrupts what waits now, like a trigger would) and continues after its wait.
 * Returns undefined when no suspended frame waits at the timer's step.
 */
export function dueOnStack(stack: readonly Frame[], timer: StepRef, waiting: WaitingRef | null, mode: ResumeMode): Frame[] | undefined {
  let j = -1;
  for (let i = stack.length - 2; i >= 0; i--) if (same(stack[i], timer)) { j = i; break; }
  if (j < 0 || !waiting) return undefined;
  const a = segmentStart(stack, j);
  // The wait's frame becomes the top (it runs, so it has no onResume); the segment's first
  // frame was entered by the timer now.
  const segment = stack.slice(a, j + 1).map((f, i, all) => {
    const { onResume: _dropped, ...running } = f;
    const frame: Frame = i === all.length - 1 ? running : f;
    return i === 0 ? { ...frame, why: 'timer' as const } : frame;
  });
  let rest = suspendTop([...stack.slice(0, a), ...stack.slice(j + 1)], waiting, mode);
  if (a === 0) rest = [{ ...rest[0], why: 'start' }, ...rest.slice(1)];
  return trim([...rest, ...segment]);
}

/** The flow and step the top segment interrupted, if it was started by an interrupt or a timer. */
export function interruptedBy(stack: readonly Frame[]): StepRef | null {
  if (stack.length < 2) return null;
  const a = segmentStart(stack);
  const start = stack[a];
  if (a === 0 || (start.why !== 'interrupt' && start.why !== 'timer')) return null;
  return { flow: stack[a - 1].flow, step: stack[a - 1].step };
}

/** True when a step is a suspended frame's position (its timers must live on). */
export function isSuspended(stack: readonly Frame[], ref: StepRef): boolean {
  for (let i = 0; i < stack.length - 1; i++) if (same(stack[i], ref)) return true;
  return false;
}

/** Timers that can still matter: named schedules, and step timers of a frame on the stack. */
export function liveTimers(timers: TimerData[], stack: readonly Frame[]): TimerData[] {
  const kept = timers.filter((t) => t.kind === 'schedule' || stack.some((f) => same(f, t)));
  return kept.length === timers.length ? timers : kept;
}
