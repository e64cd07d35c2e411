/**
 * The actions a bot may call and what its flows are checked against. The server and
 * `parley validate` both use these, so a flow that validates is one the server will run.
 */
import { adapters } from '../adapters/registry.js';
import { builtinActions } from '../engine/runtime/runner.js';
import type { ActionRegistry } from '../engine/actions/action-types.js';
import type { PlatformLimits } from '../engine/types.js';
import { loadActionsModule } from './developer-actions.js';

/**
 * PARLEY_VAULT_TTL ("7d", "12h", …) sets how long vault secrets live when a flow's
 * `vault.store` call gives no `ttl` of its own.
 */
export function withVaultDefaults(actions: ActionRegistry, ttl: string | undefined): ActionRegistry {
  const store = actions['vault.store'];
  if (!store || !ttl) return actions;
  return { ...actions, 'vault.store': { ...store, run: (params, ctx) => store.run({ ttl, ...params }, ctx) } };
}

/** Built-in actions (with the vault's default ttl) plus the developer actions of `module`. */
export async function actionsFor(options: { module?: string; vaultTtl?: string }): Promise<ActionRegistry> {
  return withVaultDefaults({ ...builtinActions(), ...(await loadActionsModule(options.module)) }, options.vaultTtl);
}

/** {@link actionsFor} as the command line reads it: PARLEY_ACTIONS and PARLEY_VAULT_TTL as set. */
export async function registeredActions(env: Record<string, string | undefined>): Promise<ActionRegistry> {
  return actionsFor({ module: env.PARLEY_ACTIONS, vaultTtl: env.PARLEY_VAULT_TTL });
}

/** What flows are validated against: every platform's limits and the registered action names. */
export function flowCheckOptions(actions: ActionRegistry): { limits: Record<string, PlatformLimits>; actions: string[] } {
  return {
    limits: Object.fromEntries(Object.entries(adapters).map(([name, a]) => [name, a.limits])),
    actions: Object.keys(actions),
  };
}
