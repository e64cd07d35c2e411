/** `set:` — assigns variables (string values are templates), then continues. */
import type { SetStep } from '../../flow/flow-types.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, type StepKindDef } from './step-kind.js';

/** The set step kind. */
export const setStep: StepKindDef<SetStep> = {
  kind: 'set',
  edges: () => [edge('next', FOLLOWING)],
  compile: (step, at) => ({ id: at.id, entry: [enterStep(at), act('setVars', { values: step.set })], always: { target: at.next } }),
};
