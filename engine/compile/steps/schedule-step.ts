/**
 * `schedule:` — arms a named timer in the background and continues at once. When it comes
 * due it says its text, or starts its `flow` or `step` the way a trigger would (interrupting
 * a question that waits then, which is resumed after). The timer is durable, like a `wait`.
 */
import type { ScheduleStep } from '../../flow/flow-types.js';
import { stepKey, TargetError } from '../step-address.js';
import { act, enterStep } from '../step-compile-context.js';
import { bodyOf, edge, FOLLOWING, type EdgeSpec, type StepKindDef } from './step-kind.js';

/** The schedule step kind. */
export const scheduleStep: StepKindDef<ScheduleStep> = {
  kind: 'schedule',
  edges: (s) => {
    const body = bodyOf(s, 'schedule');
    const out: EdgeSpec[] = [edge('next', FOLLOWING)];
    if (body.step !== undefined) out.push(edge('timer', { written: body.step }, ['schedule', 'step']));
    else if (body.flow !== undefined) out.push(edge('timer', { flowStart: body.flow }, ['schedule', 'flow']));
    return out;
  },
  compile: (step, at) => {
    const { name, in: after, at: when, say, flow, step: target } = step.schedule;
    let start: { flow: string; step: string } | undefined;
    if (flow !== undefined) {
      const pos = at.addresses.find(flow);
      if (!pos) throw new TargetError(at.flow, flow);
      start = { flow, step: stepKey(at.addresses.step(pos.fi, 0), 0) };
    } else if (target !== undefined) start = at.addresses.locate(at.fi, target);
    return {
      id: at.id,
      entry: [enterStep(at), act('schedule', { flow: at.flow, step: at.step, name, in: after, at: when, say, start })],
      always: { target: at.next },
    };
  },
};
