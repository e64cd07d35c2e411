/**
 * Copies through JSON, as the durable stores do, so callers never share objects with the
 * in-memory store and tests see the same data shapes (no undefined fields, no class instances).
 */
export function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
