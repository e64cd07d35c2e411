/** `end:` — says its text (if any) and ends the flow; `end: all` cancels the whole stack. */
import type { EndStep } from '../../flow/flow-types.js';
import { RETURN_ID } from '../step-address.js';
import { act, enterStep } from '../step-compile-context.js';
import { cancelState } from './cancel-step.js';
import { edge, type StepKindDef } from './step-kind.js';

/** The end step kind. */
export const endStep: StepKindDef<EndStep> = {
  kind: 'end',
  edges: (s) => [s.end === 'all' ? edge('cancel', { endAll: true }) : edge('next', { written: 'end' })],
  compile: (step, at) => {
    if (step.end === 'all') return cancelState(at, undefined);
    const entry: unknown[] = [enterStep(at)];
    if (step.end !== true) entry.push(act('say', { text: step.end }));
    return { id: at.id, entry, always: { target: `#${RETURN_ID}` } };
  },
};
