/** `set:` — assigns variables (string values are templates), then continues. */
import type { SetStep } from '../../flow/flow-types.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles a set step. */
export function compileSetStep(step: SetStep, at: StepAt): NodeConfig {
  return { id: at.id, entry: [enterStep(at), act('setVars', { values: step.set })], always: { target: at.next } };
}
