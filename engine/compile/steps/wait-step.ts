/**
 * `wait:` — arms a durable timer and waits for it (other non-trigger input is ignored);
 * the object form says its text when the timer fires.
 */
import type { WaitStep } from '../../flow/flow-types.js';
import { act, type NodeConfig, type StepAt } from '../step-compile-context.js';
import { waitingStep } from './waiting-step.js';

/** Compiles a wait step. */
export function compileWaitStep(step: WaitStep, at: StepAt): NodeConfig {
  const after = typeof step.wait === 'string' ? step.wait : step.wait.for;
  const say = typeof step.wait === 'string' ? undefined : step.wait.say;
  return waitingStep(
    at,
    'wait',
    [],
    {
      fire: [{
        guard: act('timerKind', { kind: 'wait' }),
        target: at.next,
        actions: say === undefined ? [] : [act('say', { text: say })],
      }],
    },
    { kind: 'wait', after },
  );
}
