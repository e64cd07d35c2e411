/**
 * What a step compiler gets besides its step: where the step is and how to name targets.
 * Step compilers are pure: they return state-node config that refers to named actions and
 * guards by name; the effects live in machine-actions.ts.
 */
import type { StepAddresses } from './step-address.js';
import { stateId } from './step-address.js';

/** A state node config as plain data (xstate's own type is too generic to build dynamically). */
export type NodeConfig = Record<string, unknown>;

/** The position of the step being compiled. */
export interface StepAt {
  flow: string;
  /** Step key: id or `@<index>`. */
  step: string;
  fi: number;
  si: number;
  /** The step state's xstate id (without `#`). */
  id: string;
  /** `#target` of the step's default continuation. */
  next: string;
  addresses: StepAddresses;
}

/** Builds the StepAt of a step. */
export function stepAt(addresses: StepAddresses, fi: number, si: number, key: string): StepAt {
  return {
    flow: addresses.flows[fi].id,
    step: key,
    fi,
    si,
    id: stateId(fi, si),
    next: addresses.nextOf(fi, si),
    addresses,
  };
}

/** The entry action every step runs first. */
export function enterStep(at: StepAt): { type: 'enterStep'; params: { flow: string; step: string } } {
  return { type: 'enterStep', params: { flow: at.flow, step: at.step } };
}

/** Named action reference with params, as xstate takes it. */
export function act(type: string, params?: Record<string, unknown>): { type: string; params?: Record<string, unknown> } {
  return params === undefined ? { type } : { type, params };
}
