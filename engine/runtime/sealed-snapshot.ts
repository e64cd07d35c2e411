/**
 * Seals the sensitive parts of a conversation's saved context with the store key, and opens
 * them again on the next turn. Only what a flow marked (see compile/sensitive-values.ts) is
 * sealed, in place: the rest of the snapshot stays readable for debugging and migrations.
 */
import type { BotContext } from '../compile/bot-context.js';
import { isSealed, seal, unseal } from './seal.js';
import { containsAny } from '../compile/sensitive-values.js';

/**
 * A copy of `ctx` with the sensitive variables and fields sealed: the marked variables, and
 * any other variable whose value contains one of `leaves` (a copy made with `set:`).
 */
export function sealContext(ctx: BotContext, vars: Set<string>, leaves: readonly string[], key: Buffer): BotContext {
  if (leaves.length === 0 && ctx.sensitive.length === 0) return ctx;
  const sealedVars = { ...ctx.vars };
  for (const [name, value] of Object.entries(sealedVars)) {
    if (value === undefined || isSealed(value)) continue;
    if (vars.has(name) || containsAny(value, leaves)) sealedVars[name] = seal(value, key);
  }
  const out = { ...ctx, vars: sealedVars } as unknown as Record<string, unknown>;
  for (const field of ctx.sensitive) if (ctx[field] !== null && !isSealed(ctx[field])) out[field] = seal(ctx[field], key);
  // An action's error message may quote what it was given (a URL with a token in it).
  if (ctx.error && containsAny(ctx.error, leaves)) out.error = seal(ctx.error, key);
  return out as unknown as BotContext;
}

/**
 * `ctx` with every sealed value opened. A value that cannot be opened (the key changed) is
 * dropped: for the flow it is as if it was never set, like a vault secret that is gone.
 */
export function openContext<T>(ctx: T, key: Buffer): T {
  if (!ctx || typeof ctx !== 'object') return ctx;
  const c = ctx as unknown as Record<string, unknown>;
  const open = (v: unknown) => {
    try {
      return unseal(v as never, key);
    } catch {
      return undefined;
    }
  };
  let out = c;
  const vars = c.vars as Record<string, unknown> | undefined;
  if (vars && typeof vars === 'object' && Object.values(vars).some(isSealed)) {
    const opened: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(vars)) {
      const value = isSealed(v) ? open(v) : v;
      if (value !== undefined) opened[k] = value;
    }
    out = { ...out, vars: opened };
  }
  for (const field of ['input', 'match', 'command', 'error']) {
    if (isSealed(c[field])) out = { ...out, [field]: open(c[field]) ?? (field === 'match' ? {} : null) };
  }
  return out as unknown as T;
}
