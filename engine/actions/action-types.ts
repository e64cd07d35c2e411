/**
 * Actions are what `call:` steps run: built-ins (vault.*, http.request, log) and developer
 * actions. An action is a plain async function registered by name; side effects reach it
 * through the injected context, never through imports.
 */
import type { ConversationKey, HttpClient, UserInfo } from '../types.js';
import type { VaultPort } from '../runtime/ports/vault-port.js';
import type { Logger } from '../runtime/logger.js';

/** The store as an action sees it (see ActionContext.store). */
export type ActionStore = VaultPort;

/** What an action can use. Everything is injected so tests can swap it. */
export interface ActionContext {
  conversation: ConversationKey;
  platform: string;
  user: UserInfo;
  http: HttpClient;
  /**
   * The storage an action may use: the vault, nothing else. An action can keep and read
   * secrets but never commit a turn, enqueue a reply or touch another conversation; a turn's
   * writes go through its commit (see `effects`). Named `store` for the callers that already
   * pass one; a whole ConversationStore fits, and the turn executor passes only its vault.
   */
  store: ActionStore;
  logger: Logger;
  /** Milliseconds since the epoch. */
  now(): number;
  /** 32-byte AES-256-GCM key for secrets at rest (vault). */
  secretKey: Buffer;
  /**
   * Writes that must commit together with this turn (absent when the caller has no commit,
   * e.g. a test driving the runner alone: the action then writes at once).
   */
  effects?: TurnEffects;
}

/** What actions ask the turn's atomic commit to do. */
export interface TurnEffects {
  /** Vault secrets this turn revealed: deleted in the commit that saves the reply showing them. */
  vaultTakes: { id: string; tokenHash: string }[];
}

/** A named action. `params` are the step's `with:` after templating. */
export interface ActionDefinition<P = Record<string, unknown>, R = unknown> {
  name: string;
  description?: string;
  /**
   * Top-level params that are URL templates (`http.request`'s `url`): each inserted value is
   * percent-encoded, and the scheme, host and port must be written literally in the flow, so
   * user text can only fill a path segment or a query value, never move the request.
   */
  urlParams?: readonly string[];
  run(params: P, ctx: ActionContext): Promise<R>;
}

/** Actions by name. */
export type ActionRegistry = Record<string, ActionDefinition<any, any>>;

/** Helper for developer modules: gives the action its types without a class. */
export function defineAction<P, R>(def: ActionDefinition<P, R>): ActionDefinition<P, R> {
  return def;
}
