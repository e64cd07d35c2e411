/**
 * Reading a platform's environment variables from its EnvVarSpec list, so the list the README
 * and readConfig show is the list the adapter actually reads: one declaration, no drift.
 */
import type { EnvVarSpec } from '../../engine/types.js';

/** The values of the listed variables, and the required ones that are missing. */
export interface EnvValues {
  /** By name; an empty value counts as unset, and an unset one takes the spec's default. */
  values: Record<string, string | undefined>;
  /** Names of required variables that are unset or empty, in the list's order. */
  missing: string[];
}

/** Reads every variable of `specs` from `env`. */
export function readEnv(specs: readonly EnvVarSpec[], env: Record<string, string | undefined>): EnvValues {
  const values: Record<string, string | undefined> = {};
  const missing: string[] = [];
  for (const spec of specs) {
    const value = env[spec.name] || spec.default || undefined;
    values[spec.name] = value;
    if (spec.required && value === undefined) missing.push(spec.name);
  }
  return { values, missing };
}

/** A base URL without trailing slashes, so paths can be appended with one `/`. */
export function baseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
