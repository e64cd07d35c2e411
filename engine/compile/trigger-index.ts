/**
 * Triggers of all flows, indexed once per bot, and the routing decision for one input.
 * Precedence: lifecycle events, commands (exact, then `*`), payloads, patterns; then the
 * waiting menu or ask; then the fallback flow. Timers: a named schedule always runs; a
 * step's timer fires when its step waits, and a `wait` below the top comes due on time.
 */
import type { Bot } from '../flow/flow-types.js';
import type { TurnInput } from '../runtime/turn.js';
import type { ParsedCommand } from './parse-command.js';
import type { InputView } from './input-view.js';
import type { StepRef, TimerData, WaitingRef } from './bot-context.js';
import { StepAddresses, stepKey } from './step-address.js';
import { compileSafePattern, type SafePattern } from '../template/safe-regex.js';

/** Where a trigger starts, and whether the message that fires it is sensitive. */
export interface Start extends StepRef {
  sensitive?: boolean;
}

/** The triggers of a bot, ready to match. */
export interface TriggerIndex {
  events: Map<string, Start>;
  commands: Map<string, Start>;
  anyCommand?: Start;
  payloads: Map<string, Start>;
  patterns: { re: SafePattern; start: Start }[];
  fallback?: Start;
  /** Option ids of each menu step, by `flow\u0000step`, to tell menu presses from payloads. */
  menuOptions: Map<string, Set<string>>;
}

/** What to do with one input. */
export type Route =
  | { kind: 'ignore' }
  | { kind: 'start'; start: Start; match?: Record<string, string>; command?: ParsedCommand; timer?: TimerData }
  | { kind: 'answer' }
  | { kind: 'fire'; timer: TimerData }
  | { kind: 'due'; timer: TimerData }
  | { kind: 'say'; timer: TimerData }
  | { kind: 'drop-timer'; timerId: string };

/** Indexes a bot's triggers; the first flow (in bot order) to claim a key wins. */
export function indexTriggers(bot: Bot, addresses: StepAddresses): TriggerIndex {
  const index: TriggerIndex = { events: new Map(), commands: new Map(), payloads: new Map(), patterns: [], menuOptions: new Map() };
  for (const flow of bot.flows) {
    flow.steps.forEach((s, i) => {
      if ('menu' in s) index.menuOptions.set(`${flow.id}\u0000${stepKey(s, i)}`, new Set((s.menu.options ?? []).map((o) => o.id)));
    });
    const first = flow.steps[0];
    if (!first) continue;
    for (const t of flow.triggers ?? []) {
      const pos = t.goto ? addresses.find(flow.id, t.goto) : { fi: 0, si: 0 };
      if (!pos) continue;
      const start: Start = { flow: flow.id, step: t.goto ?? stepKey(first, 0) };
      if ('sensitive' in t && t.sensitive) start.sensitive = true;
      if ('event' in t) setOnce(index.events, t.event, start);
      else if ('command' in t) {
        if (t.command === '*') index.anyCommand ??= start;
        else setOnce(index.commands, t.command.toLowerCase().replace(/^[!/]/, ''), start);
      } else if ('payload' in t) setOnce(index.payloads, t.payload, start);
      else if ('pattern' in t) index.patterns.push({ re: compileSafePattern(t.pattern, t.flags ?? 'u'), start });
      else if ('fallback' in t) index.fallback ??= start;
    }
  }
  return index;
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

const CONTENT = new Set(['text', 'option', 'command', 'location', 'media', 'contact']);

/** Decides what one input does, given what the conversation is waiting for. */
export function routeInput(
  index: TriggerIndex,
  addresses: StepAddresses,
  input: TurnInput,
  view: InputView,
  command: ParsedCommand | undefined,
  waiting: WaitingRef | null,
  timers: TimerData[],
): Route {
  if (input.kind === 'timer') {
    const timer = timers.find((t) => t.timerId === input.timerId);
    if (!timer) return { kind: 'ignore' };
    if (timer.kind === 'schedule') {
      if (timer.start) return { kind: 'start', start: timer.start, timer };
      return timer.say !== undefined ? { kind: 'say', timer } : { kind: 'drop-timer', timerId: timer.timerId };
    }
    if (waiting && waiting.flow === timer.flow && waiting.step === timer.step) return { kind: 'fire', timer };
    // A wait below the top of the stack still ends on time; a reminder of a hidden question is dropped.
    if (timer.kind === 'wait') return { kind: 'due', timer };
    return { kind: 'drop-timer', timerId: timer.timerId };
  }
  if (input.kind === 'receipt') return { kind: 'ignore' };
  if (input.kind === 'start') {
    const pos = addresses.find(input.flow);
    return pos ? { kind: 'start', start: { flow: input.flow, step: stepKey(addresses.step(pos.fi, 0), 0) } } : { kind: 'ignore' };
  }
  if (input.kind === 'lifecycle') {
    const byEvent = index.events.get(input.lifecycle);
    if (byEvent) return { kind: 'start', start: byEvent };
    const byPayload = input.payload ? index.payloads.get(input.payload) : undefined;
    return byPayload ? { kind: 'start', start: byPayload } : { kind: 'ignore' };
  }
  if (command) {
    const start = index.commands.get(command.name) ?? index.anyCommand;
    if (start) return { kind: 'start', start, command };
  }
  if (input.kind === 'option') {
    const menu = waiting?.kind === 'menu' ? index.menuOptions.get(`${waiting.flow}\u0000${waiting.step}`) : undefined;
    const start = menu?.has(input.optionId) ? undefined : index.payloads.get(input.optionId);
    if (start) return { kind: 'start', start };
  }
  if (typeof view.text === 'string') {
    for (const { re, start } of index.patterns) {
      // Captures as `match`: `0` (whole match), numbered and named groups.
      const match = re.exec(view.text);
      if (match) return { kind: 'start', start, match, command };
    }
  }
  if (!CONTENT.has(input.kind)) return { kind: 'ignore' };
  // A `wait` takes no answer: the input goes on to the fallback like any other.
  if (waiting && waiting.kind !== 'wait') return { kind: 'answer' };
  if (index.fallback) return { kind: 'start', start: index.fallback, command };
  return { kind: 'ignore' };
}
