/**
 * Compiles a Bot into one xstate v5 machine: an `idle` state, a `ret` state every flow end
 * goes through, and one compound state per flow with one state per step. Root-level
 * `jump.<flow>.<step>`, `resume.…` and `back.…` events make every step addressable, so
 * triggers, interrupts and returns can reach any step from anywhere.
 */
import { assign, enqueueActions, fromPromise, setup, type AnyActorRef } from 'xstate';
import type { ActionContext, ActionRegistry } from '../actions/action-types.js';
import { UnknownActionError } from '../actions/action-errors.js';
import type { Bot, Step } from '../flow/flow-types.js';
import type { Logger } from '../runtime/logger.js';
import { renderActionParams } from '../template/render-url-template.js';
import { initialContext, type BotContext, type BotEvent } from './bot-context.js';
import { createMachineActions, type Effect } from './machine-actions.js';
import { createStackActions } from './stack-actions.js';
import { createMachineGuards } from './machine-guards.js';
import { createMenuActions } from './menu-actions.js';
import { RETURN_ID, StepAddresses, stateId, stepKey } from './step-address.js';
import { stepAt, type NodeConfig, type StepAt } from './step-compile-context.js';
import { indexTriggers } from './trigger-index.js';
import { sensitiveMarks, type SensitiveMarks } from './sensitive-values.js';
import { scopeOf } from './turn-scope.js';
import { stepDefinition, stepKind } from './steps/step-registry.js';
import { STABLE_TAG } from './steps/waiting-step.js';

/** What the user hears when a `call:` without `on_error` fails, unless bot.yaml sets `error_reply`. */
export const DEFAULT_ERROR_REPLY = 'Sorry, something went wrong. Please try again later.';

/** What the compiled machine needs from outside. */
export interface CompileDeps {
  actions: ActionRegistry;
  logger: Logger;
  now(): number;
}

/** The compiled machine and what the runner needs to drive it. */
export interface CompiledBot {
  machine: ReturnType<typeof buildMachine>;
  addresses: StepAddresses;
  /** The action context of the turn an actor is running, keyed by the actor (not persisted). */
  actionContexts: WeakMap<object, ActionContext>;
  /** What the flows marked sensitive (sealed in snapshots and replies by the runner). */
  sensitive: SensitiveMarks;
}

/** Compiles one step with its kind's declaration. */
function compileStep(step: Step, at: StepAt): NodeConfig {
  return stepDefinition(stepKind(step)).compile(step, at);
}

/** The state tree and root transitions of a bot (pure). */
export function compileStates(addresses: StepAddresses): { states: NodeConfig; on: NodeConfig; events: Set<string> } {
  const on: NodeConfig = {};
  const flows: NodeConfig = {};
  addresses.flows.forEach((flow, fi) => {
    const steps: NodeConfig = {};
    flow.steps.forEach((step, si) => {
      const key = stepKey(step, si);
      steps[key] = compileStep(step, stepAt(addresses, fi, si, key));
      const id = stateId(fi, si);
      on[`jump.${flow.id}.${key}`] = { target: `#${id}` };
      const kind = stepKind(step);
      if (stepDefinition(kind).waits) {
        on[`resume.${flow.id}.${key}`] = { target: `#${id}_wait` };
        on[`reask.${flow.id}.${key}`] = { target: `#${id}_reask` };
      }
      if (kind === 'wait') on[`due.${flow.id}.${key}`] = { target: `#${id}_done` };
      if (kind === 'flow') on[`back.${flow.id}.${key}`] = { target: `#${id}_back` };
    });
    if (flow.steps.length > 0) flows[flow.id] = { initial: stepKey(flow.steps[0], 0), states: steps };
  });
  on.idle = { target: '#idle' };
  on.turn = { actions: ['beginTurn', 'route'] };
  const states: NodeConfig = {
    idle: { id: 'idle', tags: [STABLE_TAG], entry: ['enterIdle'] },
    [RETURN_ID]: { id: RETURN_ID, entry: ['returnFromFlow'] },
  };
  const flowKeys = Object.keys(flows);
  if (flowKeys.length > 0) states.flows = { initial: flowKeys[0], states: flows };
  return { states, on, events: new Set(Object.keys(on)) };
}

/** Applies an Effect inside enqueueActions. */
function apply(enqueue: { assign: (u: Partial<BotContext>) => void; raise: (e: BotEvent) => void }, effect: Effect): void {
  if (Object.keys(effect.assign).length > 0) enqueue.assign(effect.assign);
  if (effect.raise) enqueue.raise(effect.raise as BotEvent);
}

function buildMachine(bot: Bot, deps: CompileDeps, addresses: StepAddresses, actionContexts: WeakMap<object, ActionContext>) {
  const { states, on, events } = compileStates(addresses);
  const env = {
    addresses,
    triggers: indexTriggers(bot, addresses),
    logger: deps.logger,
    now: deps.now,
    defaultLocale: bot.config.default_locale ?? 'en',
    defaultTimezone: bot.config.timezone ?? 'UTC',
    commandPrefix: bot.config.command_prefix ?? '!',
    knownEvents: events,
    sensitive: sensitiveMarks(bot),
    errorReply: bot.config.error_reply ?? DEFAULT_ERROR_REPLY,
  };
  const a = { ...createMachineActions(env), ...createStackActions(env) };
  const menu = createMenuActions({ now: deps.now, defaults: { locale: env.defaultLocale, timezone: env.defaultTimezone } });
  type Args = { context: BotContext; event: BotEvent };
  // Wraps a plain update function as a named xstate assign action.
  // An error thrown by an action carries the step it happened in (xstate rolls the context
  // back, so the runner could not tell otherwise).
  const upd = <P>(fn: (c: BotContext, e: BotEvent, p: P) => Partial<BotContext>) =>
    assign<BotContext, BotEvent, P, BotEvent, never>(({ context, event }: Args, params: P) => {
      try {
        return fn(context, event, params);
      } catch (err) {
        throw Object.assign(err instanceof Error ? err : new Error(String(err)), { step: (err as { step?: unknown }).step ?? context.at ?? undefined });
      }
    });
  const runAction = fromPromise(async ({ input }: { input: { action: string; with: Record<string, unknown>; context: BotContext; parent: AnyActorRef } }) => {
    const ctx = actionContexts.get(input.parent);
    const def = deps.actions[input.action];
    if (!def) throw new UnknownActionError(input.action);
    if (!ctx) throw new Error('No action context for this turn');
    const params = renderActionParams(input.with, scopeOf(input.context, deps.now(), { locale: env.defaultLocale, timezone: env.defaultTimezone }), def.urlParams);
    return def.run(params as Record<string, unknown>, ctx);
  });
  const machineSetup = setup({
    types: { context: {} as BotContext, events: {} as BotEvent },
    actors: { runAction },
    guards: createMachineGuards(env),
    actions: {
      beginTurn: upd(a.beginTurn),
      route: enqueueActions(({ context, event, enqueue }) => apply(enqueue as never, a.route(context, event))),
      returnFromFlow: enqueueActions(({ context, enqueue }) => apply(enqueue as never, a.returnFromFlow(context))),
      callFlow: enqueueActions(({ context, event, enqueue }, p: { flow: string; step: string; callee: string; first: string; event: string }) =>
        apply(enqueue as never, a.callFlow(context, event, p))),
      cancelAll: upd(a.cancelAll),
      schedule: upd(a.schedule),
      unschedule: upd(a.unschedule),
      enterIdle: upd(a.enterIdle),
      enterStep: upd(a.enterStep),
      say: upd(a.say),
      showMenu: upd(menu.showMenu),
      menuPicked: upd(menu.menuPicked),
      menuUnmatched: upd(menu.menuUnmatched),
      sendMedia: upd(a.sendMedia),
      askSave: upd(a.askSave),
      reprompt: upd(a.reprompt),
      resetRetries: upd(a.resetRetries),
      setWaiting: upd(a.setWaiting),
      clearWaiting: upd(a.clearWaiting),
      armTimer: upd(a.armTimer),
      clearStepTimers: upd(a.clearStepTimers),
      setVars: upd(a.setVars),
      logStep: upd(a.logStep),
      saveResult: upd(a.saveResult),
      setError: upd(a.setError),
      logActionError: upd(a.logActionError),
    },
  });
  // The config is generated from data, so it cannot be checked against setup()'s literal
  // types; every action/guard name it uses is defined above.
  return machineSetup.createMachine({
    id: 'bot',
    context: initialContext(),
    initial: 'idle',
    on,
    states,
  } as never);
}

/** Compiles a bot once; the machine is shared by every conversation of the bot. */
export function compileBot(bot: Bot, deps: CompileDeps): CompiledBot {
  const addresses = new StepAddresses(bot.flows);
  const actionContexts = new WeakMap<object, ActionContext>();
  return { machine: buildMachine(bot, deps, addresses, actionContexts), addresses, actionContexts, sensitive: sensitiveMarks(bot) };
}
