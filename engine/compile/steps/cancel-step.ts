/**
 * `cancel:` — ends the current flow and everything it interrupted or was called by (the
 * whole conversation stack), saying its text first. `{{ interrupted.flow }}` names what it
 * cancels. `end: all` is the same step spelled as an end.
 */
import type { CancelStep, LocalizedText } from '../../flow/flow-types.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';
import { edge, type StepKindDef } from './step-kind.js';

/** The state of a step that empties the stack after saying `text` (if any). */
export function cancelState(at: StepAt, text: LocalizedText | undefined): NodeConfig {
  const entry: unknown[] = [enterStep(at)];
  if (text !== undefined) entry.push(act('say', { text }));
  entry.push(act('cancelAll'));
  return { id: at.id, entry, always: { target: '#idle' } };
}

/** The cancel step kind. */
export const cancelStep: StepKindDef<CancelStep> = {
  kind: 'cancel',
  edges: () => [edge('cancel', { endAll: true })],
  compile: (step, at) => cancelState(at, step.cancel === true ? undefined : step.cancel),
};
