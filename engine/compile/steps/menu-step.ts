/**
 * `menu:` — sends an options message and waits. An option press, its number, title, an
 * `also:` word or an unambiguous start of the title chooses (menu-choices.ts builds the
 * choices, match-option.ts reads the answer); `options_from` members and `multiple: true`
 * answers go to the step's `next`; anything else says `otherwise.say` and goes to
 * `otherwise.next` (default: ask again).
 */
import type { MenuStep } from '../../flow/flow-types.js';
import type { MenuSpec } from '../menu-choices.js';
import { act } from '../step-compile-context.js';
import { bodyOf, edge, FOLLOWING, isMap, remindEdges, SELF, writtenOr, type EdgeSpec, type StepKindDef } from './step-kind.js';
import { questionKind, reminderTransition, waitingStep } from './waiting-step.js';

/** The menu step kind. */
export const menuStep: StepKindDef<MenuStep> = {
  ...questionKind('menu'),
  edges: (s) => {
    const body = bodyOf(s, 'menu');
    const options = Array.isArray(body.options) ? body.options : [];
    const out: EdgeSpec[] = [];
    // A list member or a multi-select answer goes to the step's continuation.
    if (body.options_from !== undefined) out.push(edge('next', FOLLOWING, ['menu', 'options_from']));
    if (body.multiple === true) out.push(edge('next', FOLLOWING, ['menu', 'multiple']));
    if (body.multiple !== true) options.forEach((o, index) => {
      if (!isMap(o)) return;
      const path = ['menu', 'options', index];
      out.push(edge('option', writtenOr(o.next, FOLLOWING), o.next === undefined ? path : [...path, 'next'], {
        option: { id: typeof o.id === 'string' ? o.id : String(index + 1), title: o.title, index },
      }));
    });
    const otherwise = isMap(body.otherwise) ? body.otherwise : {};
    out.push(edge('otherwise', writtenOr(otherwise.next, SELF), otherwise.next === undefined ? [] : ['menu', 'otherwise', 'next']));
    return [...out, ...remindEdges(body, 'menu')];
  },
  compile: (step, at) => {
    const { menu } = step;
    const spec: MenuSpec = {
      options: (menu.options ?? []).map((o) => ({ id: o.id, title: o.title, ...(o.also ? { also: o.also } : {}) })),
      ...(menu.options_from ? { from: menu.options_from } : {}),
      ...(menu.multiple ? { multiple: true } : {}),
      ...(menu.save ? { save: menu.save } : {}),
    };
    const picked = [act('menuPicked', { spec })];
    const chosen = menu.multiple
      ? [{ guard: act('menuPickMany', { spec }), target: at.next, actions: picked }]
      : [
        ...(menu.options ?? []).map((o, fixed) => ({
          guard: act('menuPick', { spec, fixed }),
          target: o.next === undefined ? at.next : at.addresses.resolve(at.fi, o.next),
          actions: picked,
        })),
        ...(menu.options_from ? [{ guard: act('menuPick', { spec }), target: at.next, actions: picked }] : []),
      ];
    const otherwise: Record<string, unknown> = {
      target: menu.otherwise?.next === undefined ? 'prompt' : at.addresses.resolve(at.fi, menu.otherwise.next),
      // `input.candidates` lets `otherwise.say` ask "Acme Corporation or Acme Travel?".
      actions: [act('menuUnmatched', { spec }), ...(menu.otherwise?.say === undefined ? [] : [act('say', { text: menu.otherwise.say })])],
    };
    return waitingStep(
      at,
      'menu',
      [act('showMenu', { text: menu.text, spec })],
      { answer: [...chosen, otherwise], fire: reminderTransition(at, menu.remind) },
      menu.remind && { kind: 'remind', after: menu.remind.after },
      { onResume: step.on_resume },
    );
  },
};
