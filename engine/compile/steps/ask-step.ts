/**
 * `ask:` — sends a question and waits for a typed answer. Invalid answers are re-asked up to
 * `retries` times (default 3); one more goes to `on_fail` (default: end the flow).
 */
import type { AskStep } from '../../flow/flow-types.js';
import { RETURN_ID } from '../step-address.js';
import { act, type NodeConfig, type StepAt } from '../step-compile-context.js';
import { reminderTransition, waitingStep } from './waiting-step.js';

/** Compiles an ask step. */
export function compileAskStep(step: AskStep, at: StepAt): NodeConfig {
  const { ask } = step;
  const check = { type: ask.type ?? 'text', pattern: ask.pattern, ...(ask.flags ? { flags: ask.flags } : {}) };
  const onFail = ask.on_fail === undefined ? `#${RETURN_ID}` : at.addresses.resolve(at.fi, ask.on_fail);
  return waitingStep(
    at,
    'ask',
    [act('say', { text: ask.text })],
    {
      answer: [
        { guard: act('askValid', check), target: at.next, actions: [act('askSave', { ...check, save: ask.save })] },
        { guard: act('retriesLeft', { retries: ask.retries ?? 3 }), actions: [act('reprompt', { reprompt: ask.reprompt, text: ask.text })] },
        { target: onFail, actions: [act('resetRetries')] },
      ],
      fire: reminderTransition(at, ask.remind),
    },
    ask.remind && { kind: 'remind', after: ask.remind.after },
  );
}
