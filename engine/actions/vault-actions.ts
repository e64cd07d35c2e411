/**
 * The one-time secret vault. A secret is encrypted at rest with AES-256-GCM under the
 * server's key; the token that unlocks it is returned to the user once and only its sha256
 * is stored, so a copy of the database alone reveals nothing and cannot be used to read.
 * The actions reach storage only through the context's VaultPort (ActionContext.store).
 */
import { createHash, randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret } from '../runtime/seal.js';
import { defineAction } from './action-types.js';
import { ActionParamsError, VaultNotFoundError } from './action-errors.js';

const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** sha256 hex of a token: what the store keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A 10-character base62 id; rejection sampling keeps every character equally likely. */
function newId(): string {
  let id = '';
  while (id.length < 10) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && id.length < 10) id += ID_ALPHABET[byte % 62];
    }
  }
  return id;
}

/** Parses a ttl given as milliseconds or a duration string ("10m", "7d"). */
function ttlMs(ttl: unknown): number {
  if (ttl === undefined || ttl === null || ttl === '') return DEFAULT_TTL_MS;
  if (typeof ttl === 'number' && ttl > 0) return ttl;
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(String(ttl).trim());
  if (!m) throw new ActionParamsError('vault.store', `ttl "${String(ttl)}" is not a duration like "10m" or "7d".`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
  return Number(m[1]) * unit;
}

/** `vault.store({ text, ttl? })` → `{ id, token }`. */
export const vaultStore = defineAction<{ text?: unknown; ttl?: unknown }, { id: string; token: string }>({
  name: 'vault.store',
  description: 'Keeps a secret encrypted and returns an id and a one-time token to reveal it.',
  async run(params, ctx) {
    if (typeof params.text !== 'string' || params.text === '') {
      throw new ActionParamsError('vault.store', 'needs a non-empty `text`.');
    }
    const id = newId();
    // 32 random bytes = 256 bits: far beyond guessing, even with many attempts.
    const token = randomBytes(32).toString('base64url');
    await ctx.store.vaultPut({
      id,
      tokenHash: hashToken(token),
      ciphertext: encryptSecret(params.text, ctx.secretKey),
      expiresAt: ctx.now() + ttlMs(params.ttl),
    });
    return { id, token };
  },
});

/** `vault.reveal({ id, token })` → `{ text }`, exactly once; throws VAULT_NOT_FOUND otherwise. */
export const vaultReveal = defineAction<{ id?: unknown; token?: unknown }, { text: string }>({
  name: 'vault.reveal',
  description: 'Returns a stored secret once and deletes it.',
  async run(params, ctx) {
    if (typeof params.id !== 'string' || typeof params.token !== 'string' || !params.id || !params.token) {
      throw new VaultNotFoundError();
    }
    // The store compares the hash; no token comparison happens in JS here. Inside a turn the
    // secret is only read now and deleted by the turn's commit, together with the reply that
    // shows it: a crash before that commit leaves the secret revealable, and of two turns that
    // read it at once only one commits (the other runs again and finds it gone).
    const tokenHash = hashToken(params.token);
    const record = ctx.effects
      ? await ctx.store.vaultPeek(params.id, tokenHash, ctx.now())
      : await ctx.store.vaultTake(params.id, tokenHash, ctx.now());
    if (!record) throw new VaultNotFoundError();
    ctx.effects?.vaultTakes.push({ id: params.id, tokenHash });
    try {
      return { text: decryptSecret(record.ciphertext, ctx.secretKey) };
    } catch {
      // A key change or corrupted row: the secret is unreadable, which for the user is "gone".
      throw new VaultNotFoundError();
    }
  },
});
