/**
 * `flow:` — runs another flow from its first step; when that flow ends, the `back` state
 * continues after this step. The return address is pushed on the context's call stack.
 */
import type { FlowStep } from '../../flow/flow-types.js';
import { TargetError, stepKey } from '../step-address.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles a flow step. */
export function compileFlowStep(step: FlowStep, at: StepAt): NodeConfig {
  const callee = at.addresses.find(step.flow);
  if (!callee) throw new TargetError(at.flow, step.flow);
  const first = stepKey(at.addresses.step(callee.fi, 0), 0);
  return {
    id: at.id,
    entry: [enterStep(at)],
    initial: 'call',
    states: {
      call: { entry: [act('callFlow', { flow: at.flow, step: at.step, event: at.addresses.jumpEvent(step.flow, first) })] },
      back: { id: `${at.id}_back`, always: { target: at.next } },
    },
  };
}
