/** `log:` — writes a structured log entry (returned with the turn and sent to the logger). */
import type { LogStep } from '../../flow/flow-types.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles a log step. */
export function compileLogStep(step: LogStep, at: StepAt): NodeConfig {
  return {
    id: at.id,
    entry: [enterStep(at), act('logStep', { flow: at.flow, step: at.step, log: step.log })],
    always: { target: at.next },
  };
}
