/**
 * What test generation tries in a conversation state: from idle, an input for every trigger;
 * at a waiting step, what its kind reacts to (each option, a non-option, valid and invalid
 * answers, its timers). The bot graph says where each leads; running it says what happens.
 */
import { stepKey } from '../compile/step-address.js';
import type { BotGraph } from '../flow/bot-graph.js';
import type { Bot, Step, Trigger } from '../flow/flow-types.js';
import { parseDuration } from '../compile/parse-duration.js';
import type { WaitingRef } from '../compile/bot-context.js';
import type { TestTurn } from './flow-test-types.js';
import { askSamples, sampleMatching } from './sample-input.js';
import { compileSafePattern } from '../template/safe-regex.js';

/** An input that does not answer any menu (it reaches `otherwise`). */
export const NOT_AN_OPTION = 'something else';

function literalDuration(d: unknown): string | undefined {
  if (typeof d !== 'string') return undefined;
  try {
    parseDuration(d);
    return d;
  } catch {
    return undefined;
  }
}

/** Inputs that fire a trigger (a command with and without arguments, a sample for a pattern, …). */
export function triggerInputs(trigger: Trigger, prefix: string, knownTexts: readonly string[]): TestTurn[] {
  if ('command' in trigger) return trigger.command === '*' ? [{ user: `${prefix}unknown` }] : [{ user: `${prefix}${trigger.command}` }, { user: `${prefix}${trigger.command} hello` }];
  if ('payload' in trigger) return [{ press: trigger.payload }];
  if ('event' in trigger) return [{ event: trigger.event }];
  if ('pattern' in trigger) {
    // The runtime's own matcher (RE2): a text it would not fire on is no sample.
    let re: { test(text: string): boolean };
    try {
      re = compileSafePattern(trigger.pattern, trigger.flags ?? 'u');
    } catch {
      return [];
    }
    const known = knownTexts.filter((t) => re.test(t)).slice(0, 2);
    const sample = sampleMatching(trigger.pattern, trigger.flags ?? 'u');
    return [...new Set([...known, ...(sample === undefined ? [] : [sample])])].map((user) => ({ user }));
  }
  return [{ user: 'hello' }];
}

/** Inputs a waiting step reacts to. */
export function waitingInputs(step: Step): TestTurn[] {
  const out: TestTurn[] = [];
  const remind = 'menu' in step ? step.menu.remind : 'ask' in step ? step.ask.remind : undefined;
  if ('menu' in step) {
    for (const o of step.menu.options ?? []) out.push({ press: typeof o.title === 'string' ? o.title : o.id });
    out.push({ user: NOT_AN_OPTION });
  } else if ('ask' in step) {
    const { valid, invalid } = askSamples(step.ask.type, step.ask.pattern);
    if (step.ask.type === 'location') out.push({ location: { latitude: -34.6, longitude: -58.4 } });
    for (const user of [...valid, ...invalid]) out.push({ user });
  } else if ('wait' in step) {
    const d = literalDuration(typeof step.wait === 'string' ? step.wait : step.wait.for);
    if (d) out.push({ wait: d });
  }
  const after = literalDuration(remind?.after);
  if (after) out.push({ wait: after });
  return out;
}

/** The candidates in a state: trigger inputs when nothing waits, else the waiting step's. */
export function candidateInputs(bot: Bot, graph: BotGraph, waiting: WaitingRef | null, knownTexts: readonly string[]): TestTurn[] {
  if (waiting) {
    const flow = bot.flows.find((f) => f.id === waiting.flow);
    const step = flow?.steps.find((s, i) => stepKey(s, i) === waiting.step);
    return step ? waitingInputs(step) : [];
  }
  const prefix = bot.config.command_prefix ?? '!';
  const out: TestTurn[] = [];
  for (const e of graph.entries) {
    const trigger = e.trigger >= 0 ? bot.flows[e.fi]?.triggers?.[e.trigger] : undefined;
    if (trigger) out.push(...triggerInputs(trigger, prefix, knownTexts));
  }
  const seen = new Set<string>();
  return out.filter((t) => !seen.has(JSON.stringify(t)) && !!seen.add(JSON.stringify(t)));
}

