/** `log:` — writes a structured log entry (returned with the turn and sent to the logger). */
import type { LogStep } from '../../flow/flow-types.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, type StepKindDef } from './step-kind.js';

/** The log step kind. */
export const logStep: StepKindDef<LogStep> = {
  kind: 'log',
  edges: () => [edge('next', FOLLOWING)],
  compile: (step, at) => ({
    id: at.id,
    entry: [enterStep(at), act('logStep', { flow: at.flow, step: at.step, log: step.log })],
    always: { target: at.next },
  }),
};
