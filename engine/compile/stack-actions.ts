/**
 * The machine actions that move through the conversation: routing an input, entering steps,
 * calling and returning from flows, cancelling, and the durable timers (step timers and
 * named schedules). Each applies a function of conversation-stack.ts to the context.
 */
import { ParleyError } from '../errors.js';
import type { LocalizedText } from '../flow/flow-types.js';
import { renderTemplate } from '../template/render-template.js';
import { MAX_STEPS_PER_TURN, type BotContext, type BotEvent, type StepRef, type TimerData, type WaitingRef } from './bot-context.js';
import { callOnStack, dueOnStack, enterOnStack, isSuspended, liveTimers, returnOnStack, startOnStack, type ResumeMode } from './conversation-stack.js';
import { viewInput } from './input-view.js';
import { FlowLoopError, type Effect, type MachineActionEnv } from './machine-actions.js';
import { parseDuration } from './parse-duration.js';
import { routeInput } from './trigger-index.js';
import type { SensitiveField } from './sensitive-values.js';
import { renderText, scopeOf } from './turn-scope.js';

/** A timer whose computed duration or time does not work out (e.g. `"{{ minutes }}m"` with no minutes). */
export class TimerValueError extends ParleyError<'TIMER_INVALID'> {
  constructor(at: StepRef, written: string, rendered: string) {
    super('TIMER_INVALID', `Flow "${at.flow}" step "${at.step}": "${written}" gave "${rendered}", which is not a duration like "10m" or a time like "2026-12-01T09:00:00Z"; make sure its variables are set.`);
  }
}

const same = (a: StepRef, b: StepRef) => a.flow === b.flow && a.step === b.step;
type Ev = BotEvent;

/** Stack and timer actions bound to an environment. */
export function createStackActions(env: MachineActionEnv) {
  const resumeMode = (w: WaitingRef | null): ResumeMode => {
    const pos = w && env.addresses.find(w.flow, w.step);
    return pos && (env.addresses.step(pos.fi, pos.si) as { on_resume?: unknown }).on_resume === 'silent' ? 'silent' : 'reask';
  };
  const known = (ev: string | null) => (ev && env.knownEvents.has(ev) ? ev : null);
  const render = (ctx: BotContext, text: string) => (text.includes('{{') ? renderTemplate(text, scopeOf(ctx, env.now())) : text);
  const dueIn = (ctx: BotContext, at: StepRef, written: string): number => {
    const rendered = render(ctx, written);
    try {
      return parseDuration(rendered);
    } catch {
      throw new TimerValueError(at, written, rendered);
    }
  };
  return {
    route(ctx: BotContext, event: Ev): Effect {
      if (event.type !== 'turn') return { assign: {} };
      const { view, command } = viewInput(event.input, env.commandPrefix);
      const route = routeInput(env.triggers, env.addresses, event.input, view, command, ctx.waiting, ctx.timers);
      const without = (t: TimerData) => ctx.timers.filter((x) => x.timerId !== t.timerId);
      switch (route.kind) {
        case 'ignore':
          return { assign: {} };
        case 'drop-timer':
          return { assign: { timers: ctx.timers.filter((t) => t.timerId !== route.timerId) } };
        case 'fire':
          return { assign: { timers: without(route.timer) }, raise: { type: 'fire', kind: route.timer.kind as 'wait' | 'remind' } };
        case 'answer':
          return { assign: {}, raise: { type: 'answer' } };
        case 'due': {
          const stack = dueOnStack(ctx.stack, route.timer, ctx.waiting, resumeMode(ctx.waiting));
          const ev = known(`due.${route.timer.flow}.${route.timer.step}`);
          if (!stack || !ev) return { assign: { timers: without(route.timer) } };
          return { assign: { stack, timers: liveTimers(without(route.timer), stack) }, raise: { type: ev } };
        }
        case 'say':
          return { assign: { timers: without(route.timer), out: [...ctx.out, { kind: 'text', text: renderText(route.timer.say!, ctx, env.now(), env.defaultLocale) }] } };
        case 'start': {
          const why = event.input.kind === 'timer' ? 'timer' : 'interrupt';
          const stack = startOnStack(ctx.stack, route.start, why, ctx.waiting, resumeMode(ctx.waiting));
          const timers = liveTimers(route.timer ? without(route.timer) : ctx.timers, stack);
          // match and command are replaced: they are sensitive exactly when this trigger says so.
          const sensitive: SensitiveField[] = route.start.sensitive ? ['input', 'match', 'command'] : ctx.sensitive.filter((f) => f === 'input');
          return {
            assign: { stack, timers, match: route.match ?? {}, command: route.command ?? null, sensitive },
            raise: { type: env.addresses.jumpEvent(route.start.flow, route.start.step) },
          };
        }
      }
    },

    returnFromFlow(ctx: BotContext): Effect {
      const { stack, event } = returnOnStack(ctx.stack);
      // A frame of a step this bot version no longer has (or cannot resume) ends the conversation.
      const ev = known(event) ?? (event?.startsWith('reask.') ? known(`resume.${event.slice(6)}`) : null);
      return ev ? { assign: { stack }, raise: { type: ev } } : { assign: { stack: [] }, raise: { type: 'idle' } };
    },

    callFlow(ctx: BotContext, _e: Ev, p: StepRef & { callee: string; first: string; event: string }): Effect {
      return { assign: { stack: callOnStack(ctx.stack, p, { flow: p.callee, step: p.first }) }, raise: { type: p.event } };
    },

    /** `cancel:` / `end: all`: every frame goes, and with them their step timers. */
    cancelAll(ctx: BotContext): Partial<BotContext> {
      return { stack: [], timers: liveTimers(ctx.timers, []) };
    },

    enterIdle(ctx: BotContext): Partial<BotContext> {
      return { stack: [], waiting: null, at: null, timers: liveTimers(ctx.timers, []) };
    },

    enterStep(ctx: BotContext, _e: Ev, p: StepRef): Partial<BotContext> {
      if (ctx.steps >= MAX_STEPS_PER_TURN) throw new FlowLoopError(p);
      const stack = enterOnStack(ctx.stack, p);
      const update: Partial<BotContext> = { at: { flow: p.flow, step: p.step }, steps: ctx.steps + 1, stack };
      if (stack.length < ctx.stack.length) update.timers = liveTimers(ctx.timers, stack);
      return update;
    },

    armTimer(ctx: BotContext, _e: Ev, p: StepRef & { kind: 'wait' | 'remind'; after: string }): Partial<BotContext> {
      // A silent resume re-enters the wait state: keep the timer already running.
      if (ctx.timers.some((t) => same(t, p) && t.kind === p.kind)) return {};
      const seq = ctx.timerSeq + 1;
      const timer: TimerData = { flow: p.flow, step: p.step, kind: p.kind, timerId: `${p.flow}.${p.step}.${seq}`, dueAt: env.now() + dueIn(ctx, p, p.after) };
      return { timers: [...ctx.timers, timer], timerSeq: seq };
    },

    clearStepTimers(ctx: BotContext, _e: Ev, p: StepRef): Partial<BotContext> {
      // A suspended step keeps its timers: it is resumed when what interrupted it ends.
      if (isSuspended(ctx.stack, p)) return {};
      const timers = ctx.timers.filter((t) => t.kind === 'schedule' || !same(t, p));
      return timers.length === ctx.timers.length ? {} : { timers };
    },

    schedule(ctx: BotContext, _e: Ev, p: StepRef & { name: string; in?: string; at?: string; say?: LocalizedText; start?: StepRef }): Partial<BotContext> {
      let dueAt: number;
      if (p.in !== undefined) dueAt = env.now() + dueIn(ctx, p, p.in);
      else {
        const rendered = render(ctx, p.at ?? '');
        dueAt = /^\d+$/.test(rendered) ? Number(rendered) : Date.parse(rendered);
        if (!Number.isFinite(dueAt)) throw new TimerValueError(p, p.at ?? '', rendered);
      }
      const seq = ctx.timerSeq + 1;
      const timer: TimerData = { flow: p.flow, step: p.step, kind: 'schedule', name: p.name, timerId: `schedule.${p.name}.${seq}`, dueAt };
      if (p.say !== undefined) timer.say = p.say;
      if (p.start) timer.start = p.start;
      // Scheduling a name again replaces its timer.
      return { timers: [...ctx.timers.filter((t) => t.name !== p.name), timer], timerSeq: seq };
    },

    unschedule(ctx: BotContext, _e: Ev, p: { name: string }): Partial<BotContext> {
      return { timers: ctx.timers.filter((t) => t.kind !== 'schedule' || t.name !== p.name) };
    },
  };
}
