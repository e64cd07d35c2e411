/**
 * `menu:` — sends an options message and waits. An option press, title or number chooses;
 * anything else says `otherwise.say` and goes to `otherwise.next` (default: ask again).
 */
import type { MenuStep } from '../../flow/flow-types.js';
import { act } from '../step-compile-context.js';
import { bodyOf, edge, FOLLOWING, isMap, remindEdges, SELF, writtenOr, type EdgeSpec, type StepKindDef } from './step-kind.js';
import { reminderTransition, waitingStep, WAIT_MIGRATION } from './waiting-step.js';

/** The menu step kind. */
export const menuStep: StepKindDef<MenuStep> = {
  kind: 'menu',
  waits: 'menu',
  migrate: WAIT_MIGRATION,
  edges: (s) => {
    const body = bodyOf(s, 'menu');
    const options = Array.isArray(body.options) ? body.options : [];
    const out: EdgeSpec[] = [];
    options.forEach((o, index) => {
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
      { onResume: step.on_resume },
    );
  },
};
