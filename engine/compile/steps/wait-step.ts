/**
 * `wait:` — arms a durable timer and waits for it; the object form says its text when the
 * timer fires. Input while it waits goes to triggers and the fallback like any other.
 */
import type { WaitStep } from '../../flow/flow-types.js';
import { act } from '../step-compile-context.js';
import { edge, FOLLOWING, type StepKindDef } from './step-kind.js';
import { waitingStep } from './waiting-step.js';

/** The wait step kind. */
export const waitStep: StepKindDef<WaitStep> = {
  kind: 'wait',
  waits: 'wait',
  migrate: { substate: 'wait', keepTimers: ['wait'] },
  edges: () => [edge('timer', FOLLOWING)],
  compile: (step, at) => {
    const after = typeof step.wait === 'string' ? step.wait : step.wait.for;
    const say = typeof step.wait === 'string' ? undefined : step.wait.say;
    // `done` is where the time is up, from this step's own wait or (as `due.<flow>.<step>`)
    // when the timer came due while another flow was on top.
    return waitingStep(
      at,
      'wait',
      [],
      { fire: [{ guard: act('timerKind', { kind: 'wait' }), target: 'done' }] },
      { kind: 'wait', after },
      {
        onResume: step.on_resume,
        states: { done: { id: `${at.id}_done`, entry: say === undefined ? [] : [act('say', { text: say })], always: { target: at.next } } },
      },
    );
  },
};
