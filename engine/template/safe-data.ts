/**
 * Template scopes are built from null-prototype copies of plain data, so an expression like
 * `user.constructor` or `__proto__` finds nothing: there is no prototype chain to walk to
 * `Object` or `Function`, which is how sandbox escapes in expression languages usually start.
 */

/** Keys never copied into a scope: they are the doors to the prototype chain. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Deep-copies JSON-like data into null-prototype objects (arrays stay arrays, with their
 * elements copied). Functions, symbols and class instances other than Date are dropped.
 */
export function toSafeData(value: unknown, depth = 0): unknown {
  // Deep structures are not something a chat conversation needs; stop instead of recursing forever.
  if (depth > 32) return undefined;
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (Array.isArray(value)) return value.map((v) => toSafeData(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (FORBIDDEN_KEYS.has(k)) continue;
    const copied = toSafeData(v, depth + 1);
    if (copied !== undefined) out[k] = copied;
  }
  return out;
}

/** Builds a null-prototype scope object from several layers; later layers win. */
export function buildScope(...layers: Record<string, unknown>[]): Record<string, unknown> {
  const scope = Object.create(null) as Record<string, unknown>;
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (FORBIDDEN_KEYS.has(k)) continue;
      scope[k] = toSafeData(v);
    }
  }
  return scope;
}
