/** `goto:` — continues at another step or flow. */
import type { GotoStep } from '../../flow/flow-types.js';
import { enterStep } from '../step-compile-context.js';
import { edge, type StepKindDef } from './step-kind.js';

/** The goto step kind (its `next:` is never used: the jump is the continuation). */
export const gotoStep: StepKindDef<GotoStep> = {
  kind: 'goto',
  edges: (s) => [edge('goto', { written: s.goto }, ['goto'])],
  compile: (step, at) => ({ id: at.id, entry: [enterStep(at)], always: { target: at.addresses.resolve(at.fi, step.goto) } }),
};
