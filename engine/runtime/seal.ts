/**
 * Encryption at rest with the store key (AES-256-GCM, a fresh random IV per value). Vault
 * secrets, inbox events that may carry a sensitive value, and the sensitive parts of
 * snapshots and replies are written through here, so a copy of the database (or of Redis) without the key
 * reveals none of them.
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

// IVs come from a pool filled 256 at a time: one call into the CSPRNG per IV was a visible
// cost of sealing every inbox event. Each IV is still 12 fresh random bytes, used once.
const IV_BYTES = 12;
const ivPool = Buffer.alloc(IV_BYTES * 256);
let ivAt = ivPool.length;

function freshIv(): Buffer {
  if (ivAt >= ivPool.length) {
    randomFillSync(ivPool);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  // A view, not a copy: encryptSecret uses it synchronously (the cipher and the result copy
  // it) before any later call can refill the pool.
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}

/** Encrypts with a fresh random IV; the result is base64url of iv(12) + tag(16) + ciphertext. */
export function encryptSecret(text: string, key: Buffer): string {
  const iv = freshIv();
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

/**
 * A value stored encrypted in place of the plain one. `sealed` is empty once wiped (a reply
 * given up on keeps no ciphertext either).
 */
export interface Sealed {
  kind: 'sealed';
  sealed: string;
}

/** True for a {@link Sealed} value. */
export function isSealed(value: unknown): value is Sealed {
  return !!value && typeof value === 'object' && (value as Sealed).kind === 'sealed' && typeof (value as Sealed).sealed === 'string';
}

/** Encrypts any JSON value. */
export function seal(value: unknown, key: Buffer): Sealed {
  return { kind: 'sealed', sealed: encryptSecret(JSON.stringify(value ?? null), key) };
}

/** Decrypts a value made by {@link seal}; throws on a wrong key, tampering or a wiped value. */
export function unseal<T>(value: Sealed, key: Buffer): T {
  if (value.sealed === '') throw new Error('the value was wiped');
  return JSON.parse(decryptSecret(value.sealed, key)) as T;
}

/** The same value without its ciphertext (what a reply given up on keeps). */
export function wipeSealed<T>(value: T): T {
  return isSealed(value) ? ({ kind: 'sealed', sealed: '' } as T) : value;
}
