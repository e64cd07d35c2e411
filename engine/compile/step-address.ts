/**
 * Names of step states and the events that reach them. State ids use indexes (ids may not
 * contain dots in xstate); events use the author's flow and step ids, which read well in logs.
 */
import type { Flow, Step, StepTarget } from '../flow/flow-types.js';
import { ParleyError } from '../errors.js';
import { parseTarget } from '../flow/parse-target.js';

/** A target that names no existing flow or step (the validator normally catches these). */
export class TargetError extends ParleyError<'TARGET_UNKNOWN'> {
  constructor(flow: string, target: string) {
    super('TARGET_UNKNOWN', `Flow "${flow}" goes to "${target}", which does not exist; fix the step id or flow id.`);
  }
}

/** The key of a step inside its flow: its id, or `@<index>` (`#` would read as an xstate state id). */
export function stepKey(step: Step, index: number): string {
  return step.id ?? `@${index}`;
}

/** xstate id of a step state (`#` prefix added by callers that target it). */
export function stateId(flowIndex: number, stepIndex: number): string {
  return `s${flowIndex}_${stepIndex}`;
}

/** The id of the state every flow end goes through. */
export const RETURN_ID = 'ret';

/** Looks up flows and steps by id and resolves StepTargets to state ids. */
export class StepAddresses {
  private readonly flowIndex = new Map<string, number>();
  // Step key → index per flow: targets are resolved once per edge while compiling, and a
  // scan of the flow's steps for each made compiling a long flow quadratic.
  private readonly stepIndexes: Map<string, number>[];
  constructor(readonly flows: Flow[]) {
    flows.forEach((f, i) => this.flowIndex.set(f.id, i));
    this.stepIndexes = flows.map((f) => {
      const index = new Map<string, number>();
      // The first step with a key wins, as a scan in order would find it.
      f.steps.forEach((s, si) => {
        const key = stepKey(s, si);
        if (!index.has(key)) index.set(key, si);
      });
      return index;
    });
  }

  /** Position of a step, or undefined. `step` undefined = the flow's first step. */
  find(flow: string, step?: string): { fi: number; si: number } | undefined {
    const fi = this.flowIndex.get(flow);
    if (fi === undefined || this.flows[fi].steps.length === 0) return undefined;
    if (step === undefined) return { fi, si: 0 };
    const si = this.stepIndexes[fi].get(step);
    return si === undefined ? undefined : { fi, si };
  }

  /** The step at a position. */
  step(fi: number, si: number): Step {
    return this.flows[fi].steps[si];
  }

  /** `#state` to go to for a target written in flow `fi`. */
  resolve(fi: number, target: StepTarget): string {
    if (target === 'end') return `#${RETURN_ID}`;
    const pos = this.position(fi, target);
    return `#${stateId(pos.fi, pos.si)}`;
  }

  /** The flow id and step key a target written in flow `fi` names (`end` is no step). */
  locate(fi: number, target: StepTarget): { flow: string; step: string } {
    const pos = this.position(fi, target);
    return { flow: this.flows[pos.fi].id, step: stepKey(this.step(pos.fi, pos.si), pos.si) };
  }

  // The same reading of a target as the validator's (parseTarget), so what validates resolves.
  private position(fi: number, target: StepTarget): { fi: number; si: number } {
    const flow = this.flows[fi].id;
    const t = parseTarget(target);
    const pos = t.kind === 'ref' ? this.find(t.flow ?? flow, t.step) : undefined;
    if (!pos) throw new TargetError(flow, typeof target === 'string' ? target : `${target.flow}.${target.step ?? ''}`);
    return pos;
  }

  /** Where a step goes when it finishes: its `next`, else the following step, else the flow's end. */
  nextOf(fi: number, si: number): string {
    const step = this.flows[fi].steps[si];
    if (step.next !== undefined) return this.resolve(fi, step.next);
    return si + 1 < this.flows[fi].steps.length ? `#${stateId(fi, si + 1)}` : `#${RETURN_ID}`;
  }

  /** Event that enters a step fresh. */
  jumpEvent(flow: string, step: string): string {
    return `jump.${flow}.${step}`;
  }
}
