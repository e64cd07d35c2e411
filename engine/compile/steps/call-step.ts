/**
 * `call:` — runs an action as an invoked promise actor. Done → save the result and continue;
 * error → `on_error` with `error` in scope, or (without on_error) log it and end the flow.
 */
import type { CallStep } from '../../flow/flow-types.js';
import { RETURN_ID } from '../step-address.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';

/** Compiles a call step. The actor input carries the raw `with:`; the actor renders it. */
export function compileCallStep(step: CallStep, at: StepAt): NodeConfig {
  const onError = step.on_error === undefined
    ? { target: `#${RETURN_ID}`, actions: [act('setError'), act('logActionError', { action: step.call })] }
    : { target: at.addresses.resolve(at.fi, step.on_error), actions: [act('setError')] };
  return {
    id: at.id,
    entry: [enterStep(at)],
    invoke: {
      src: 'runAction',
      input: ({ context, self }: { context: unknown; self: unknown }) => ({ action: step.call, with: step.with ?? {}, context, parent: self }),
      onDone: { target: at.next, actions: [act('saveResult', { save: step.save })] },
      onError,
    },
  };
}
