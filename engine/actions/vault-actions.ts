/**
 * The one-time secret vault. A secret is encrypted at rest with AES-256-GCM under the
 * server's key; the token that unlocks it is returned to the user once and only its sha256
 * is stored, so a copy of the database alone reveals nothing and cannot be used to read.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
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

/** Encrypts with a fresh random IV; the result is base64url of iv(12) + tag(16) + ciphertext. */
export function encryptSecret(text: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Reverses encryptSecret; throws if the data was tampered with or the key is wrong. */
export function decryptSecret(sealed: string, key: Buffer): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
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
    // The store compares the hash and deletes atomically, so two concurrent reveals cannot
    // both succeed; no token comparison happens in JS here.
    const record = await ctx.store.vaultTake(params.id, hashToken(params.token), ctx.now());
    if (!record) throw new VaultNotFoundError();
    try {
      return { text: decryptSecret(record.ciphertext, ctx.secretKey) };
    } catch {
      // A key change or corrupted row: the secret is unreadable, which for the user is "gone".
      throw new VaultNotFoundError();
    }
  },
});
