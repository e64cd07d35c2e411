/** `say:` — sends one text message, then continues. */
import type { SayStep } from '../../flow/flow-types.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles a say step. */
export function compileSayStep(step: SayStep, at: StepAt): NodeConfig {
  return { id: at.id, entry: [enterStep(at), act('say', { text: step.say })], always: { target: at.next } };
}
