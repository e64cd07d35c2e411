/** `send:` — sends media by URL or a location, then continues. */
import type { SendStep } from '../../flow/flow-types.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, type StepKindDef } from './step-kind.js';

/** The send step kind. */
export const sendStep: StepKindDef<SendStep> = {
  kind: 'send',
  edges: () => [edge('next', FOLLOWING)],
  compile: (step, at) => ({ id: at.id, entry: [enterStep(at), act('sendMedia', { send: step.send })], always: { target: at.next } }),
};
