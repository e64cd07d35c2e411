/**
 * Loads developer actions: a module named by PARLEY_ACTIONS that exports `actions`, an
 * array of ActionDefinitions (see engine/actions/action-types.ts and the README).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../engine/errors.js';
import type { ActionDefinition, ActionRegistry } from '../engine/actions/action-types.js';

/** Returns the developer actions by name (empty when PARLEY_ACTIONS is unset). */
export async function loadDeveloperActions(env: Record<string, string | undefined>): Promise<ActionRegistry> {
  return loadActionsModule(env.PARLEY_ACTIONS);
}

/** Returns the actions the module at `path` exports, by name (empty without a path). */
export async function loadActionsModule(path: string | undefined): Promise<ActionRegistry> {
  if (!path) return {};
  const mod = (await import(pathToFileURL(resolve(path)).href)) as { actions?: ActionDefinition[] | ActionRegistry };
  if (!mod.actions) throw new ConfigError(`${path} must export \`actions\`: an array of defineAction({ name, run })`);
  const list = Array.isArray(mod.actions) ? mod.actions : Object.values(mod.actions);
  const out: ActionRegistry = {};
  for (const def of list) {
    if (!def?.name || typeof def.run !== 'function') throw new ConfigError(`${path}: every action needs a name and a run function`);
    out[def.name] = def;
  }
  return out;
}
