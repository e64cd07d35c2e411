/**
 * `ask:` — sends a question and waits for a typed answer. Invalid answers are re-asked up to
 * `retries` times (default 3); one more goes to `on_fail` (default: end the flow).
 */
import type { AskStep } from '../../flow/flow-types.js';
import { RETURN_ID } from '../step-address.js';
import { act } from '../step-compile-context.js';
import { bodyOf, edge, FOLLOWING, remindEdges, writtenOr, type StepKindDef } from './step-kind.js';
import { questionKind, reminderTransition, waitingStep } from './waiting-step.js';

/** The ask step kind. */
export const askStep: StepKindDef<AskStep> = {
  ...questionKind('ask'),
  edges: (s) => {
    const body = bodyOf(s, 'ask');
    return [
      edge('next', FOLLOWING),
      edge('retries_exhausted', writtenOr(body.on_fail, { written: 'end' }), body.on_fail === undefined ? [] : ['ask', 'on_fail']),
      ...remindEdges(body, 'ask'),
    ];
  },
  compile: (step, at) => {
    const { ask } = step;
    const check = { type: ask.type ?? 'text', pattern: ask.pattern, ...(ask.flags ? { flags: ask.flags } : {}) };
    const onFail = ask.on_fail === undefined ? `#${RETURN_ID}` : at.addresses.resolve(at.fi, ask.on_fail);
    return waitingStep(
      at,
      'ask',
      [act('say', { text: ask.text })],
      {
        answer: [
          { guard: act('askValid', check), target: at.next, actions: [act('askSave', { ...check, save: ask.save, sensitive: ask.sensitive === true })] },
          { guard: act('retriesLeft', { retries: ask.retries ?? 3 }), actions: [act('reprompt', { reprompt: ask.reprompt, text: ask.text })] },
          { target: onFail, actions: [act('resetRetries')] },
        ],
        fire: reminderTransition(at, ask.remind),
      },
      ask.remind && { kind: 'remind', after: ask.remind.after },
      { onResume: step.on_resume },
    );
  },
};
