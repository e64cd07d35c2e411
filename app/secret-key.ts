/**
 * The key that encrypts secrets at rest (vault). From PARLEY_SECRET_KEY (32 bytes as
 * base64 or hex), or generated once into the data directory so restarts can still read
 * what earlier runs stored.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../engine/errors.js';
import type { Logger } from '../engine/runtime/logger.js';

/** Decodes a 32-byte key written as 64 hex characters or base64. */
export function decodeKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('PARLEY_SECRET_KEY must be 32 bytes, as 64 hex characters or base64 (try: openssl rand -hex 32)');
  }
  return key;
}

/** Where the key comes from (ParleyConfig's `secrets`). */
export interface SecretKeySource {
  /** PARLEY_SECRET_KEY, decoded. */
  key?: Buffer;
  /** Where a generated key is kept. */
  dataDir: string;
  /** Several processes share the store: each must have the same key. */
  shared: boolean;
}

/** Returns the given key, or reads (or creates) the one in the data directory. */
export async function loadSecretKey(source: SecretKeySource, logger: Logger): Promise<Buffer> {
  if (source.key) return Buffer.from(source.key);
  const file = join(source.dataDir, 'secret.key');
  try {
    return decodeKey(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (source.shared) {
    logger.warn({}, 'REDIS_URL is set but PARLEY_SECRET_KEY is not: every process must share one key to read vault secrets');
  }
  const key = randomBytes(32);
  // 0700 when Parley creates it: the directory holds the key and the database.
  await mkdir(source.dataDir, { recursive: true, mode: 0o700 });
  // 0600: the key protects every stored secret.
  await writeFile(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' }).catch(async (err) => {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  });
  logger.info({ file }, 'generated a new secret key for the vault');
  return decodeKey(await readFile(file, 'utf8'));
}
