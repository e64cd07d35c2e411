/** `unschedule: name` — removes a named timer (nothing happens when there is none). */
import type { UnscheduleStep } from '../../flow/flow-types.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, type StepKindDef } from './step-kind.js';

/** The unschedule step kind. */
export const unscheduleStep: StepKindDef<UnscheduleStep> = {
  kind: 'unschedule',
  edges: () => [edge('next', FOLLOWING)],
  compile: (step, at) => ({ id: at.id, entry: [enterStep(at), act('unschedule', { name: step.unschedule })], always: { target: at.next } }),
};
