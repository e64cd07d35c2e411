/** `goto:` — continues at another step or flow. */
import type { GotoStep } from '../../flow/flow-types.js';
import { enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles a goto step. */
export function compileGotoStep(step: GotoStep, at: StepAt): NodeConfig {
  return { id: at.id, entry: [enterStep(at)], always: { target: at.addresses.resolve(at.fi, step.goto) } };
}
