/**
 * What a flow marked sensitive, and the values that are sensitive right now. Flows mark:
 * - variables, with a flow-level `sensitive: [name, …]` (bot-wide names) or an `ask` with
 *   `sensitive: true` (its `save`);
 * - messages, with `sensitive: true` on a pattern or command trigger or an `ask`: the
 *   conversation's `input`, `match` and `command` then hold a secret until they are replaced.
 * The runner seals these in snapshots, replies that contain one of their values are sealed in
 * the outbox, and `log` steps print `[sensitive]` instead.
 */
import type { Bot } from '../flow/flow-types.js';
import type { BotContext } from './bot-context.js';
import { stepKey } from './step-address.js';

/** Context fields that hold the last message and can be marked sensitive per turn. */
export type SensitiveField = 'input' | 'match' | 'command';

/** What replaces a sensitive value in logs and transcripts. */
export const REDACTED = '[sensitive]';

/** The bot's sensitive variable names and sensitive asks (`flow\u0000step`). */
export interface SensitiveMarks {
  vars: Set<string>;
  asks: Set<string>;
}

/** Reads the marks of every flow of a bot. */
export function sensitiveMarks(bot: Bot): SensitiveMarks {
  const vars = new Set<string>();
  const asks = new Set<string>();
  for (const flow of bot.flows) {
    for (const name of flow.sensitive ?? []) vars.add(name);
    flow.steps.forEach((step, i) => {
      if ('ask' in step && step.ask.sensitive) {
        vars.add(step.ask.save);
        asks.add(`${flow.id}\u0000${stepKey(step, i)}`);
      }
    });
  }
  return { vars, asks };
}

/** Every string (and number, as text) inside a value. */
export function leavesOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value !== '') out.push(value);
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const v of value) leavesOf(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) leavesOf(v, out);
  }
  return out;
}

/** The sensitive values the conversation holds now (from marked variables and fields). */
export function sensitiveLeaves(ctx: Pick<BotContext, 'vars' | 'sensitive' | SensitiveField>, vars: Set<string>): string[] {
  const out: string[] = [];
  for (const name of vars) if (ctx.vars[name] !== undefined) leavesOf(ctx.vars[name], out);
  for (const field of ctx.sensitive) {
    const value = ctx[field];
    if (!value) continue;
    // Only what the user typed: `kind` and the command's name are the bot's own words.
    if (field === 'input') leavesOf({ ...value, kind: undefined }, out);
    else if (field === 'command') leavesOf((value as { args?: string }).args, out);
    else leavesOf(value, out);
  }
  return out;
}

/** True when any string inside `value` contains one of `leaves`. */
export function containsAny(value: unknown, leaves: readonly string[]): boolean {
  if (leaves.length === 0) return false;
  return leavesOf(value).some((s) => leaves.some((leaf) => s.includes(leaf)));
}

/** `value` with every string that contains one of `leaves` replaced by `[sensitive]`. */
export function redactLeaves<T>(value: T, leaves: readonly string[]): T {
  if (leaves.length === 0) return value;
  if (typeof value === 'string') return (leaves.some((l) => value.includes(l)) ? REDACTED : value) as T;
  if (typeof value === 'number') return (leaves.includes(String(value)) ? REDACTED : value) as T;
  if (Array.isArray(value)) return value.map((v) => redactLeaves(v, leaves)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v, leaves)])) as T;
  }
  return value;
}
