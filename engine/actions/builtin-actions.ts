/**
 * The actions every bot has. Developer actions are merged on top by the composition root.
 */
import type { ActionRegistry } from './action-types.js';
import { httpRequest } from './http-request-action.js';
import { logAction } from './log-action.js';
import { vaultReveal, vaultStore } from './vault-actions.js';

/** A fresh registry with vault.store, vault.reveal, http.request and log. */
export function builtinActions(): ActionRegistry {
  return {
    [vaultStore.name]: vaultStore,
    [vaultReveal.name]: vaultReveal,
    [httpRequest.name]: httpRequest,
    [logAction.name]: logAction,
  };
}
