/**
 * `call:` — runs an action as an invoked promise actor. Done → save the result and continue;
 * error → `on_error` with `error` in scope, or (without on_error) log it, say the bot's
 * error reply and end the flow.
 */
import type { CallStep } from '../../flow/flow-types.js';
import { RETURN_ID } from '../step-address.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, writtenOr, type StepKindDef } from './step-kind.js';

/** The call step kind. The actor input carries the raw `with:`; the actor renders it. */
export const callStep: StepKindDef<CallStep> = {
  kind: 'call',
  edges: (s) => [
    edge('next', FOLLOWING),
    edge('on_error', writtenOr(s.on_error, { written: 'end' }), s.on_error === undefined ? [] : ['on_error']),
  ],
  compile: (step, at) => {
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
  },
};
