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

// The expected side is a configured secret, the same on every request: its digest is kept
// (a few of them: the webhook secrets, the API and studio tokens) instead of recomputed.
const expectedDigests = new Map<string, Buffer>();
const EXPECTED_MAX = 32;

function expectedDigest(value: string): Buffer {
  let d = expectedDigests.get(value);
  if (!d) {
    d = digest(value);
    // Per-request values (CSRF tokens) would grow it forever: start over past a few.
    if (expectedDigests.size >= EXPECTED_MAX) expectedDigests.clear();
    expectedDigests.set(value, d);
  }
  return d;
}

/** True when the two strings are equal, compared in constant time. */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), expectedDigest(expected));
}
