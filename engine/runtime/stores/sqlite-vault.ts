/**
 * The vault part of the SQLite store: put, take once, peek, and the takes a turn's commit
 * makes (checked first, then deleted, inside the commit's transaction).
 */
import type { Database } from 'better-sqlite3';
import type { VaultPort, VaultRecord } from '../ports/vault-port.js';

interface VaultRow { id: string; token_hash: string; ciphertext: string; expires_at: number }

function toVaultRecord(row: VaultRow | undefined): VaultRecord | undefined {
  return row ? { id: row.id, tokenHash: row.token_hash, ciphertext: row.ciphertext, expiresAt: row.expires_at } : undefined;
}

type Takes = { id: string; tokenHash: string }[];

/** Prepares the vault statements of `db`; returns the store methods and the commit's take. */
export function sqliteVault(db: Database) {
  const q = {
    put: db.prepare('INSERT OR REPLACE INTO vault (id, token_hash, ciphertext, expires_at) VALUES (@id, @tokenHash, @ciphertext, @expiresAt)'),
    // Deleting with the token and expiry in the WHERE clause makes take-once a single statement.
    take: db.prepare(`DELETE FROM vault WHERE id = ? AND token_hash = ? AND expires_at > ?
      RETURNING id, token_hash, ciphertext, expires_at`),
    peek: db.prepare('SELECT id, token_hash, ciphertext, expires_at FROM vault WHERE id = ? AND token_hash = ? AND expires_at > ?'),
    has: db.prepare('SELECT 1 FROM vault WHERE id = ? AND token_hash = ?').pluck(),
    // A reveal's take, in its turn's commit: no expiry check (the turn already showed it).
    drop: db.prepare('DELETE FROM vault WHERE id = ? AND token_hash = ?'),
    sweep: db.prepare('DELETE FROM vault WHERE expires_at <= ?'),
  };
  const methods: VaultPort = {
    async vaultPut(record) {
      q.put.run(record);
    },
    async vaultTake(id, tokenHash, at) {
      return toVaultRecord(q.take.get(id, tokenHash, at) as VaultRow | undefined);
    },
    async vaultPeek(id, tokenHash, at) {
      return toVaultRecord(q.peek.get(id, tokenHash, at) as VaultRow | undefined);
    },
  };
  return {
    methods,
    /**
     * A commit's takes, all or none: false (nothing deleted) when one secret is gone. Called
     * before the commit writes anything, inside its transaction.
     */
    takeAll(takes: Takes | undefined): boolean {
      if (!takes || takes.length === 0) return true;
      if (takes.some((t) => q.has.get(t.id, t.tokenHash) === undefined)) return false;
      for (const t of takes) q.drop.run(t.id, t.tokenHash);
      return true;
    },
    sweep(at: number): void {
      q.sweep.run(at);
    },
  };
}
