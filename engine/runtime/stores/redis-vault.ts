/**
 * The vault part of the Redis store: put (with a TTL backstop), take once and peek through
 * Lua scripts, and the arguments a commit's takes add to the commit script.
 */
import type { Redis } from 'ioredis';
import type { VaultPort, VaultRecord } from '../ports/vault-port.js';

type Arg = string | number;
type VaultScripts = {
  parleyVaultTake(...args: Arg[]): Promise<unknown>;
  parleyVaultPeek(...args: Arg[]): Promise<unknown>;
};

/** Vault takes of a commit, as the commit script reads them: count, then id and token hash each. */
export function vaultArgs(takes: { id: string; tokenHash: string }[]): Arg[] {
  return [takes.length, ...takes.flatMap((t) => [t.id, t.tokenHash])];
}

/** The store's vault methods over `redis` under prefix `p`. */
export function redisVault(redis: Redis, p: string, now: () => number): VaultPort {
  const run = redis as unknown as VaultScripts;
  const record = (id: string, tokenHash: string, got: unknown): VaultRecord | undefined => {
    const pair = got as [string, string] | null;
    return pair ? { id, tokenHash, ciphertext: pair[0], expiresAt: Number(pair[1]) } : undefined;
  };
  return {
    async vaultPut(r) {
      const k = `${p}vault:${r.id}`;
      const tx = redis
        .multi()
        .del(k)
        .hset(k, { tokenHash: r.tokenHash, ciphertext: r.ciphertext, expiresAt: r.expiresAt })
        .zadd(`${p}vault:exp`, r.expiresAt, r.id);
      // Backstop so Redis frees the secret even if nobody sweeps; the injected clock decides.
      const left = r.expiresAt - now();
      if (left > 0) tx.pexpire(k, Math.ceil(left));
      await tx.exec();
    },
    async vaultTake(id, tokenHash, at) {
      return record(id, tokenHash, await run.parleyVaultTake(p, id, tokenHash, at));
    },
    async vaultPeek(id, tokenHash, at) {
      return record(id, tokenHash, await run.parleyVaultPeek(p, id, tokenHash, at));
    },
  };
}
