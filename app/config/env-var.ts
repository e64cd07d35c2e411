/**
 * One environment variable as the table declares it: its parser, its default and the line
 * the README's table shows. The table is the single source of truth for both.
 */
import type { Parser } from './parsers.js';

/** A declared variable whose value, when unset, is `T` parsed from `default`, else undefined. */
export interface EnvVar<T> {
  parse: Parser<T>;
  /** The value used when unset, as text the parser reads (and the README shows). */
  default?: string;
  /** What the README shows as the default when the code's default is not one value. */
  shown?: string;
  /** One line for the README's table. */
  description: string;
  /** Never echoed in errors or logs. */
  secret?: boolean;
  /** A name pattern (`PARLEY_RATE_<PLATFORM>`): every variable matching `pattern` is read. */
  pattern?: RegExp;
}

/** A variable with a default: its value is always set. */
export type DefaultedVar<T> = EnvVar<T> & { default: string };

/** A variable read with `parse`, `def` when unset. */
export function withDefault<T>(parse: Parser<T>, def: string, description: string, extra: Partial<EnvVar<T>> = {}): DefaultedVar<T> {
  return { ...extra, parse, default: def, description };
}

/** A variable that may stay unset (undefined). */
export function optional<T>(parse: Parser<T>, description: string, extra: Partial<EnvVar<T>> = {}): EnvVar<T> {
  return { ...extra, parse, description };
}

/** The typed value of a declared variable. */
export type ValueOf<S> = S extends DefaultedVar<infer T> ? T : S extends EnvVar<infer T> ? T | undefined : never;

/** What the README shows as a variable's default. */
export function shownDefault(spec: { default?: string; shown?: string }): string {
  return spec.default ?? spec.shown ?? '—';
}
