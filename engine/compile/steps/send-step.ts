/** `send:` — sends media by URL or a location, then continues. */
import type { SendStep } from '../../flow/flow-types.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles a send step. */
export function compileSendStep(step: SendStep, at: StepAt): NodeConfig {
  return { id: at.id, entry: [enterStep(at), act('sendMedia', { send: step.send })], always: { target: at.next } };
}
