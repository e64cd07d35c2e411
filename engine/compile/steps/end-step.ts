/** `end:` — says its text (if any) and ends the flow. */
import type { EndStep } from '../../flow/flow-types.js';
import { RETURN_ID } from '../step-address.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles an end step. */
export function compileEndStep(step: EndStep, at: StepAt): NodeConfig {
  const entry: unknown[] = [enterStep(at)];
  if (step.end !== true) entry.push(act('say', { text: step.end }));
  return { id: at.id, entry, always: { target: `#${RETURN_ID}` } };
}
