/**
 * The actions a bot may call and what its flows are checked against. The server and
 * `parley validate` both use these, so a flow that validates is one the server will run.
 */
import { adapters } from '../adapters/registry.js';
import { builtinActions } from '../engine/runtime/runner.js';
import type { ActionRegistry } from '../engine/actions/action-types.js';
import type { PlatformLimits } from '../engine/types.js';
import { loadDeveloperActions } from './developer-actions.js';

/**
 * PARLEY_VAULT_TTL ("7d", "12h", …) sets how long vault secrets live when a flow's
 * `vault.store` call gives no `ttl` of its own.
 */
export function withVaultDefaults(actions: ActionRegistry, env: Record<string, string | undefined>): ActionRegistry {
  const store = actions['vault.store'];
  const ttl = env.PARLEY_VAULT_TTL;
  if (!store || !ttl) return actions;
  return { ...actions, 'vault.store': { ...store, run: (params, ctx) => store.run({ ttl, ...params }, ctx) } };
}

/** Built-in actions (with the environment's vault default) plus PARLEY_ACTIONS' developer actions. */
export async function registeredActions(env: Record<string, string | undefined>): Promise<ActionRegistry> {
  return withVaultDefaults({ ...builtinActions(), ...(await loadDeveloperActions(env)) }, env);
}

/** What flows are validated against: every platform's limits and the registered action names. */
export function flowCheckOptions(actions: ActionRegistry): { limits: Record<string, PlatformLimits>; actions: string[] } {
  return {
    limits: Object.fromEntries(Object.entries(adapters).map(([name, a]) => [name, a.limits])),
    actions: Object.keys(actions),
  };
}
