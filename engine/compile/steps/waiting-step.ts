/**
 * The shape shared by steps that wait for input (menu, ask, wait): a `prompt` substate that
 * does the sending once, a `reask` substate a resumed question goes through (its on_resume
 * text, then the prompt again, timers kept), and a `wait` substate tagged `stable` where the
 * turn stops. A silent resume enters `wait` directly, so nothing is re-sent.
 */
import type { LocalizedText, OnResume, Reminder } from '../../flow/flow-types.js';
import { act, enterStep, type NodeConfig, type StepAt } from '../step-compile-context.js';
import type { WaitMigration } from './step-kind.js';

/** The tag of states where a turn may stop. */
export const STABLE_TAG = 'stable';

/** How a menu or ask migrates: back in its wait state, its reminder still armed. */
export const WAIT_MIGRATION: WaitMigration = { substate: 'wait', keepTimers: ['remind'] };

/** What every question step kind (menu, ask) declares alike: it waits as itself and migrates so. */
export function questionKind<K extends 'menu' | 'ask'>(kind: K): { kind: K; waits: K; migrate: WaitMigration } {
  return { kind, waits: kind, migrate: WAIT_MIGRATION };
}

/** The text said before a resumed question is asked again, if any. */
function resumeText(onResume: OnResume | undefined): LocalizedText | undefined {
  return typeof onResume === 'object' && onResume !== null ? onResume.say : undefined;
}

/** Builds a waiting step from its prompt actions and its `wait` transitions. */
export function waitingStep(
  at: StepAt,
  kind: 'menu' | 'ask' | 'wait',
  prompt: unknown[],
  on: Record<string, unknown>,
  timer?: { kind: 'wait' | 'remind'; after: string },
  options: { onResume?: OnResume; states?: NodeConfig } = {},
): NodeConfig {
  const ref = { flow: at.flow, step: at.step };
  const waitEntry: unknown[] = [act('setWaiting', { ...ref, kind })];
  if (timer) waitEntry.push(act('armTimer', { ...ref, kind: timer.kind, after: timer.after }));
  const said = resumeText(options.onResume);
  return {
    id: at.id,
    entry: [enterStep(at)],
    exit: [act('clearStepTimers', ref)],
    initial: 'prompt',
    states: {
      // A fresh visit: forget this step's old timers and retries, then send.
      prompt: { entry: [act('clearStepTimers', ref), act('resetRetries'), ...prompt], always: { target: 'wait' } },
      reask: { id: `${at.id}_reask`, entry: [...(said === undefined ? [] : [act('say', { text: said })]), ...prompt], always: { target: 'wait' } },
      wait: { id: `${at.id}_wait`, tags: [STABLE_TAG], entry: waitEntry, exit: [act('clearWaiting')], on },
      ...options.states,
    },
  };
}

/** The `fire` transition of a reminder: say its text, then go to `next` or keep waiting. */
export function reminderTransition(at: StepAt, remind: Reminder | undefined): unknown[] {
  if (!remind) return [];
  const t: Record<string, unknown> = { guard: act('timerKind', { kind: 'remind' }), actions: [act('say', { text: remind.say })] };
  if (remind.next !== undefined) t.target = at.addresses.resolve(at.fi, remind.next);
  return [t];
}
