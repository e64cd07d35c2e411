/** The vault part of the in-memory store, and the takes a turn's commit makes. */
import type { VaultPort, VaultRecord } from '../ports/vault-port.js';
import { copy } from './memory-copy.js';

/** The vault methods, a commit's all-or-none take and the sweep of expired secrets. */
export function memoryVault() {
  const vault = new Map<string, VaultRecord>();
  const methods: VaultPort = {
    async vaultPut(record) {
      vault.set(record.id, copy(record));
    },
    async vaultTake(id, tokenHash, at) {
      const record = vault.get(id);
      if (!record || record.tokenHash !== tokenHash || record.expiresAt <= at) return undefined;
      vault.delete(id);
      return record;
    },
    async vaultPeek(id, tokenHash, at) {
      const record = vault.get(id);
      if (!record || record.tokenHash !== tokenHash || record.expiresAt <= at) return undefined;
      return copy(record);
    },
  };
  return {
    methods,
    /** False, deleting nothing, when another turn took one of the secrets meanwhile. */
    takeAll(takes: { id: string; tokenHash: string }[] = []): boolean {
      if (takes.some((t) => vault.get(t.id)?.tokenHash !== t.tokenHash)) return false;
      for (const t of takes) vault.delete(t.id);
      return true;
    },
    sweep(at: number): void {
      for (const [id, record] of vault) if (record.expiresAt <= at) vault.delete(id);
    },
  };
}
