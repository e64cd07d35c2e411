/** The shape of one template transform: its function and the documentation authors read. */

/** One transform, e.g. `join`: used as `{{ list|join(", ") }}`. */
export interface TransformSpec {
  /** How it is written, e.g. `list|join(separator)`. */
  usage: string;
  /** One sentence: what it gives. */
  does: string;
  fn: (value: unknown, ...args: unknown[]) => unknown;
}
