/**
 * `menu:` — sends an options message and waits. An option press, its number, title, an
 * `also:` word or an unambiguous start of the title chooses (menu-choices.ts builds the
 * choices, match-option.ts reads the answer); `options_from` members and `multiple: true`
 * answers go to the step's `next`; anything else says `otherwise.say` and goes to
 * `otherwise.next` (default: ask again).
 */
import type { MenuStep } from '../../flow/flow-types.js';
import type { MenuSpec } from '../menu-choices.js';
import { act, type NodeConfig, type StepAt } from '../step-compile-context.js';
import { reminderTransition, waitingStep } from './waiting-step.js';

/** Compiles a menu step. */
export function compileMenuStep(step: MenuStep, at: StepAt): NodeConfig {
  const { menu } = step;
  const spec: MenuSpec = {
    options: (menu.options ?? []).map((o) => ({ id: o.id, title: o.title, ...(o.also ? { also: o.also } : {}) })),
    ...(menu.options_from ? { from: menu.options_from } : {}),
    ...(menu.multiple ? { multiple: true } : {}),
    ...(menu.save ? { save: menu.save } : {}),
  };
  const chosen = menu.multiple
    ? [{ guard: act('menuPickMany', { spec }), target: at.next, actions: [act('menuPicked', { spec })] }]
    : [
      ...(menu.options ?? []).map((o, fixed) => ({
        guard: act('menuPick', { spec, fixed }),
        target: o.next === undefined ? at.next : at.addresses.resolve(at.fi, o.next),
        actions: [act('menuPicked', { spec })],
      })),
      ...(menu.options_from ? [{ guard: act('menuPick', { spec }), target: at.next, actions: [act('menuPicked', { spec })] }] : []),
    ];
  const otherwise: Record<string, unknown> = {
    target: menu.otherwise?.next === undefined ? 'prompt' : at.addresses.resolve(at.fi, menu.otherwise.next),
    actions: menu.otherwise?.say === undefined ? [] : [act('say', { text: menu.otherwise.say })],
  };
  return waitingStep(
    at,
    'menu',
    [act('showMenu', { text: menu.text, spec })],
    { answer: [...chosen, otherwise], fire: reminderTransition(at, menu.remind) },
    menu.remind && { kind: 'remind', after: menu.remind.after },
  );
}
