/**
 * The one-time secret vault's storage. The vault actions get this port and nothing else of
 * the store: an action can keep and read secrets, never commit a turn or enqueue a reply.
 */

/** A vault secret, already encrypted by the caller. */
export interface VaultRecord {
  id: string;
  /** sha256 hex of the token; the token itself is never stored. */
  tokenHash: string;
  ciphertext: string;
  expiresAt: number;
}

/** Put, take once and peek; a turn's own take is deleted by its commit (CommitRequest.vaultTakes). */
export interface VaultPort {
  /** Stores a vault secret. */
  vaultPut(record: VaultRecord): Promise<void>;
  /**
   * Atomically returns and deletes the secret if `tokenHash` matches and it has not expired;
   * a wrong token leaves it in place. Exactly one of concurrent callers gets it.
   */
  vaultTake(id: string, tokenHash: string, now: number): Promise<VaultRecord | undefined>;
  /** vaultTake without the delete: a turn deletes with `CommitRequest.vaultTakes`, in its commit. */
  vaultPeek(id: string, tokenHash: string, now: number): Promise<VaultRecord | undefined>;
}

/**
 * Only the vault methods of `store`, bound to it: what the turn executor hands an action, so
 * not even a cast gives the action the rest of the store.
 */
export function vaultPortOf(store: VaultPort): VaultPort {
  return {
    vaultPut: (record) => store.vaultPut(record),
    vaultTake: (id, tokenHash, now) => store.vaultTake(id, tokenHash, now),
    vaultPeek: (id, tokenHash, now) => store.vaultPeek(id, tokenHash, now),
  };
}
