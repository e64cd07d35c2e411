/**
 * The registry of step kinds: one line per kind. Everything that needs to know about step
 * kinds (the compiler, the schema check, targets, reachability, loops, the bot's edges,
 * snapshot migration) reads it. Adding a kind = its file, its line here, its schema part.
 */
import type { Step, StepKind } from '../../flow/flow-types.js';
import { ParleyError } from '../../errors.js';
import type { StepKindDef } from './step-kind.js';
import { askStep } from './ask-step.js';
import { callStep } from './call-step.js';
import { endStep } from './end-step.js';
import { flowStep } from './flow-step.js';
import { gotoStep } from './goto-step.js';
import { ifStep } from './if-step.js';
import { logStep } from './log-step.js';
import { menuStep } from './menu-step.js';
import { sayStep } from './say-step.js';
import { sendStep } from './send-step.js';
import { setStep } from './set-step.js';
import { waitStep } from './wait-step.js';
import { cancelStep } from './cancel-step.js';
import { scheduleStep } from './schedule-step.js';
import { unscheduleStep } from './unschedule-step.js';

/** Every step kind, in the order a step's kind key is looked for. */
export const STEP_REGISTRY: { readonly [K in StepKind]: StepKindDef<Extract<Step, Record<K, unknown>>> } = {
  say: sayStep,
  menu: menuStep,
  ask: askStep,
  set: setStep,
  call: callStep,
  log: logStep,
  if: ifStep,
  goto: gotoStep,
  flow: flowStep,
  wait: waitStep,
  end: endStep,
  send: sendStep,
  cancel: cancelStep,
  schedule: scheduleStep,
  unschedule: unscheduleStep,
};

/** The step kinds, in the order the kind key is looked for. */
export const STEP_KINDS = Object.keys(STEP_REGISTRY) as StepKind[];

/** The kind of a step: the first kind key it has, or undefined (untrusted data). */
export function findStepKind(step: unknown): StepKind | undefined {
  return typeof step === 'object' && step !== null ? STEP_KINDS.find((k) => k in step) : undefined;
}

/** The kind of a validated step. */
export function stepKind(step: Step): StepKind {
  const kind = findStepKind(step);
  if (!kind) throw new ParleyError('STEP_UNKNOWN', `A step has none of the keys ${STEP_KINDS.join(', ')}; give it one.`);
  return kind;
}

/** The declaration of a kind. */
export function stepDefinition(kind: StepKind): StepKindDef {
  return STEP_REGISTRY[kind] as unknown as StepKindDef;
}
