/**
 * The one constant-time comparison of secrets (webhook tokens, API and studio tokens, CSRF
 * tokens, verify tokens). Adapters and the app import it from here: engine/ sits innermost.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// A per-process key. Comparing HMACs of both values gives two 32-byte buffers, so
// timingSafeEqual never sees unequal lengths and neither the secret's length nor a matching
// prefix leaks through timing; the random key also means an attacker cannot precompute
// which guesses share digest bytes with the secret.
const compareKey = randomBytes(32);

function digest(value: string): Buffer {
  return createHmac('sha256', compareKey).update(value, 'utf8').digest();
}

/** True when the two strings are equal, compared in constant time. */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
