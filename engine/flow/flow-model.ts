/**
 * A tolerant view of the parsed flows for the cross-step checks. Files with schema errors
 * are still checked (so one run reports everything), so nothing here trusts the shape of
 * the data: every read checks its type first.
 */
import type { StepKind } from './flow-types.js';
import { findStepKind } from '../compile/steps/step-registry.js';
import type { ParsedSource } from './parsed-source.js';
import { parseTarget } from './parse-target.js';

/** One flow file as the checks see it. */
export interface FlowInfo {
  src: ParsedSource;
  /** The flow id, when it is a string. */
  id?: string;
  steps: unknown[];
  triggers: unknown[];
  /** Step id → index of its first step. */
  stepIds: Map<string, number>;
}

/** Where a target leads. */
export type ResolvedTarget =
  | { kind: 'end' }
  | { kind: 'step'; flow: number; step: number }
  | { kind: 'unknown-step'; flow: number; name: string }
  | { kind: 'unknown-flow'; name: string }
  | { kind: 'invalid' };

/** True for a plain map. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the tolerant view of every flow source. */
export function flowInfos(sources: readonly ParsedSource[]): FlowInfo[] {
  return sources.map((src) => {
    const data = isRecord(src.data) ? src.data : {};
    const steps = Array.isArray(data.steps) ? data.steps : [];
    const triggers = Array.isArray(data.triggers) ? data.triggers : [];
    const stepIds = new Map<string, number>();
    steps.forEach((s, i) => {
      if (isRecord(s) && typeof s.id === 'string' && !stepIds.has(s.id)) stepIds.set(s.id, i);
    });
    return { src, id: typeof data.id === 'string' ? data.id : undefined, steps, triggers, stepIds };
  });
}

/** The step's kind: the first kind key it has, like the compiler. */
export function kindOf(step: unknown): StepKind | undefined {
  return isRecord(step) ? findStepKind(step) : undefined;
}

/** Resolves a target written in flow `from`, the way the compiler does. */
export function resolveTarget(flows: readonly FlowInfo[], byId: ReadonlyMap<string, number>, from: number, target: unknown): ResolvedTarget {
  const t = parseTarget(target);
  if (t.kind !== 'ref') return t;
  const fi = t.flow === undefined ? from : byId.get(t.flow);
  if (fi === undefined) return { kind: 'unknown-flow', name: t.flow! };
  if (t.step === undefined) return flows[fi].steps.length > 0 ? { kind: 'step', flow: fi, step: 0 } : { kind: 'invalid' };
  const si = flows[fi].stepIds.get(t.step);
  return si === undefined ? { kind: 'unknown-step', flow: fi, name: t.step } : { kind: 'step', flow: fi, step: si };
}

/** Flow id → index of the first flow with that id. */
export function flowIndex(flows: readonly FlowInfo[]): Map<string, number> {
  const byId = new Map<string, number>();
  flows.forEach((f, i) => f.id !== undefined && !byId.has(f.id) && byId.set(f.id, i));
  return byId;
}

/** "step 3 (`choose`)" for messages. */
export function stepLabel(flow: FlowInfo, si: number): string {
  const s = flow.steps[si];
  return isRecord(s) && typeof s.id === 'string' ? `step ${si + 1} (\`${s.id}\`)` : `step ${si + 1}`;
}
