/** `say:` — sends one text message, then continues. */
import type { SayStep } from '../../flow/flow-types.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, type StepKindDef } from './step-kind.js';

/** The say step kind. */
export const sayStep: StepKindDef<SayStep> = {
  kind: 'say',
  edges: () => [edge('next', FOLLOWING)],
  compile: (step, at) => ({ id: at.id, entry: [enterStep(at), act('say', { text: step.say })], always: { target: at.next } }),
};
