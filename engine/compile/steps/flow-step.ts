/**
 * `flow:` — runs another flow from its first step; when that flow ends, the `back` state
 * continues after this step. The call is a frame pushed on the conversation stack.
 */
import type { FlowStep } from '../../flow/flow-types.js';
import { TargetError, stepKey } from '../step-address.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, type StepKindDef } from './step-kind.js';

/** The flow step kind. */
export const flowStep: StepKindDef<FlowStep> = {
  kind: 'flow',
  edges: (s) => [edge('call', { flowStart: s.flow }, ['flow']), edge('return', FOLLOWING)],
  compile: (step, at) => {
    const callee = at.addresses.find(step.flow);
    if (!callee) throw new TargetError(at.flow, step.flow);
    const first = stepKey(at.addresses.step(callee.fi, 0), 0);
    return {
      id: at.id,
      entry: [enterStep(at)],
      initial: 'call',
      states: {
        call: { entry: [act('callFlow', { flow: at.flow, step: at.step, callee: step.flow, first, event: at.addresses.jumpEvent(step.flow, first) })] },
        back: { id: `${at.id}_back`, always: { target: at.next } },
      },
    };
  },
};
