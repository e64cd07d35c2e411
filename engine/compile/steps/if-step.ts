/** `if:` — branches on a jexl expression: truthy → `then`, else → `else` or the next step. */
import type { IfStep } from '../../flow/flow-types.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles an if step. */
export function compileIfStep(step: IfStep, at: StepAt): NodeConfig {
  const otherwise = step.else === undefined ? at.next : at.addresses.resolve(at.fi, step.else);
  return {
    id: at.id,
    entry: [enterStep(at)],
    always: [
      { guard: act('expr', { expr: step.if }), target: at.addresses.resolve(at.fi, step.then) },
      { target: otherwise },
    ],
  };
}
