/**
 * Typed reads of untrusted webhook JSON. A signed body is still whatever the sender typed:
 * any field may be null, a number where a string belongs, or an array nested a million deep.
 * Parsers read every field through these, so a wrong type is "absent", never a TypeError,
 * and nothing but a string, a finite number or a boolean reaches an InboundEvent.
 */

/** A JSON object (not null, not an array), or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string, or undefined (ids: an empty id would merge conversations). */
export function asId(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A finite number, or undefined. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The array, or an empty one when the value is not an array. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
