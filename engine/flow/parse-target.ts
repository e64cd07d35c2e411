/**
 * What a StepTarget names, read once for the compiler and the validator alike: `end`, a step
 * of the same flow (`choose`), a step of another flow (`club-menu.choose`, `{ flow, step }`)
 * or another flow's first step (`{ flow }`). Untrusted input gives `invalid`.
 */

/** A target, read. `flow` undefined = the flow it is written in; `step` undefined = the first step. */
export type ParsedTarget = { kind: 'end' } | { kind: 'ref'; flow?: string; step?: string } | { kind: 'invalid' };

const TARGET_TEXT = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)?$/;

/** Reads a target value; malformed ones are the schema's to report, so they are just `invalid`. */
export function parseTarget(target: unknown): ParsedTarget {
  if (target === 'end') return { kind: 'end' };
  if (typeof target === 'string') {
    if (!TARGET_TEXT.test(target)) return { kind: 'invalid' };
    const dot = target.indexOf('.');
    return dot < 0 ? { kind: 'ref', step: target } : { kind: 'ref', flow: target.slice(0, dot), step: target.slice(dot + 1) };
  }
  if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    const t = target as Record<string, unknown>;
    if (typeof t.flow !== 'string') return { kind: 'invalid' };
    if (t.step === undefined) return { kind: 'ref', flow: t.flow };
    return typeof t.step === 'string' ? { kind: 'ref', flow: t.flow, step: t.step } : { kind: 'invalid' };
  }
  return { kind: 'invalid' };
}
