/**
 * `menu:` — sends an options message and waits. An option press, title or number chooses;
 * anything else says `otherwise.say` and goes to `otherwise.next` (default: ask again).
 */
import type { MenuStep } from '../../flow/flow-types.js';
import { act, type NodeConfig, type StepAt } from '../step-compile-context.js';
import { reminderTransition, waitingStep } from './waiting-step.js';

/** Compiles a menu step. */
export function compileMenuStep(step: MenuStep, at: StepAt): NodeConfig {
  const { menu } = step;
  const options = menu.options.map((o) => ({ id: o.id, title: o.title }));
  const chosen = menu.options.map((o, index) => ({
    guard: act('menuOption', { options, index }),
    target: o.next === undefined ? at.next : at.addresses.resolve(at.fi, o.next),
    actions: [act('menuChosen', { save: menu.save, id: o.id, title: o.title })],
  }));
  const otherwise: Record<string, unknown> = {
    target: menu.otherwise?.next === undefined ? 'prompt' : at.addresses.resolve(at.fi, menu.otherwise.next),
    actions: menu.otherwise?.say === undefined ? [] : [act('say', { text: menu.otherwise.say })],
  };
  return waitingStep(
    at,
    'menu',
    [act('sendMenu', { text: menu.text, options })],
    { answer: [...chosen, otherwise], fire: reminderTransition(at, menu.remind) },
    menu.remind && { kind: 'remind', after: menu.remind.after },
  );
}
