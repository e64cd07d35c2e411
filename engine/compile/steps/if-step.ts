/** `if:` — branches on a jexl expression: truthy → `then`, else → `else` or the next step. */
import type { IfStep } from '../../flow/flow-types.js';
import { act, enterStep } from '../step-compile-context.js';
import { edge, FOLLOWING, writtenOr, type StepKindDef } from './step-kind.js';

/** The if step kind. */
export const ifStep: StepKindDef<IfStep> = {
  kind: 'if',
  edges: (s) => {
    const condition = typeof s.if === 'string' ? s.if : '';
    return [
      edge('branch', writtenOr(s.then, FOLLOWING), s.then === undefined ? [] : ['then'], { branch: 'then', condition }),
      edge('branch', writtenOr(s.else, FOLLOWING), s.else === undefined ? [] : ['else'], { branch: 'else', condition }),
    ];
  },
  compile: (step, at) => {
    const otherwise = step.else === undefined ? at.next : at.addresses.resolve(at.fi, step.else);
    return {
      id: at.id,
      entry: [enterStep(at)],
      always: [
        { guard: act('expr', { expr: step.if }), target: at.addresses.resolve(at.fi, step.then) },
        { target: otherwise },
      ],
    };
  },
};
