/**
 * Value parsers for environment variables. Each turns the raw text into a typed value or
 * throws {@link BadValue} saying what is wrong and how to fix it; readConfig adds the name.
 */
import { decodeKey } from '../secret-key.js';
import { parseDuration } from '../../engine/compile/parse-duration.js';
import type { AllowedHost } from '../../engine/runtime/outbound-guard.js';
import type { RateLimit } from '../../engine/runtime/rate-limiter.js';
import type { ConfigProblemCode } from './config-error.js';

/** Turns a set (non-empty) value into a typed one; throws BadValue. */
export type Parser<T> = (raw: string) => T;

/** Why a value cannot be used: `wrong` and `fix` are clauses readConfig joins into a sentence. */
export class BadValue extends Error {
  constructor(readonly code: ConfigProblemCode, readonly wrong: string, readonly fix: string) {
    super(`${wrong}; ${fix}`);
  }
}

function range(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  return min !== undefined ? `of ${min} or more` : max !== undefined ? `of ${max} or less` : '';
}

function checkRange(value: number, min: number | undefined, max: number | undefined, kind: string, unit: string): number {
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new BadValue('CONFIG_OUT_OF_RANGE', `out of range`, `set ${kind} ${range(min, max)}${unit}`);
  }
  return value;
}

/** A whole number in [min, max]; `unit` is said in the fix ("milliseconds"). */
export function integer(opts: { min?: number; max?: number; unit?: string } = {}): Parser<number> {
  const unit = opts.unit ? ` (${opts.unit})` : '';
  return (raw) => {
    if (!/^[+-]?\d+$/.test(raw.trim())) throw new BadValue('CONFIG_NOT_A_NUMBER', 'not a whole number', `set a whole number ${range(opts.min, opts.max)}${unit}`.trimEnd());
    return checkRange(Number(raw), opts.min, opts.max, 'a whole number', unit);
  };
}

/** A number (fractions allowed) in [min, max], or above `above` when given. */
export function decimal(opts: { min?: number; max?: number; above?: number; unit?: string } = {}): Parser<number> {
  const unit = opts.unit ? ` (${opts.unit})` : '';
  const bounds = opts.above !== undefined ? `above ${opts.above}` : range(opts.min, opts.max);
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) throw new BadValue('CONFIG_NOT_A_NUMBER', 'not a number', `set a number ${bounds}${unit}`.trimEnd());
    if (opts.above !== undefined && !(value > opts.above)) throw new BadValue('CONFIG_OUT_OF_RANGE', 'out of range', `set a number ${bounds}${unit}`);
    return checkRange(value, opts.min, opts.max, 'a number', unit);
  };
}

/** A TCP port; 0 lets the system pick a free one. */
export const port: Parser<number> = integer({ min: 0, max: 65535 });

const TRUE = ['1', 'true', 'on', 'yes'];
const FALSE = ['0', 'false', 'off', 'no'];

/** On or off: 1/0, true/false, on/off, yes/no (any case). */
export const boolean: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new BadValue('CONFIG_NOT_A_BOOLEAN', 'neither on nor off', 'set 1 or 0 (true/false, on/off and yes/no work too)');
};

/** One of `values`, compared after trimming and lower-casing when `anyCase`. */
export function oneOf<const V extends string>(values: readonly V[], opts: { anyCase?: boolean } = {}): Parser<V> {
  return (raw) => {
    const v = opts.anyCase ? raw.trim().toLowerCase() : raw;
    if ((values as readonly string[]).includes(v)) return v as V;
    throw new BadValue('CONFIG_NOT_ONE_OF', 'not a choice', `set one of ${values.join(', ')}`);
  };
}

/** Any text, as given. */
export const text: Parser<string> = (raw) => raw;

/** An absolute URL with one of `protocols` (e.g. ['redis:', 'rediss:']). */
export function url(protocols: readonly string[]): Parser<string> {
  const example = `${protocols[0]}//host:port`;
  return (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new BadValue('CONFIG_NOT_A_URL', 'not a URL', `set an absolute URL such as ${example}`);
    }
    if (!protocols.includes(parsed.protocol)) throw new BadValue('CONFIG_NOT_A_URL', `not a ${protocols.join(' or ')} URL`, `set a URL such as ${example}`);
    return raw;
  };
}

/** Comma-separated `host` or `host:port` (`[::1]:8080` for IPv6), as URLs spell hosts. */
export const hostList: Parser<AllowedHost[]> = (raw) =>
  raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(`http://${entry}`);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username || parsed.password) {
        throw new BadValue('CONFIG_BAD_LIST', `"${entry}" is not a host or host:port`, 'list hosts separated by commas, e.g. 127.0.0.1:8080,localhost');
      }
      return { hostname: parsed.hostname, ...(parsed.port ? { port: parsed.port } : {}) };
    });

/** A parser from a function that throws on a bad value: its error becomes this BadValue. */
function refusing<T>(read: (raw: string) => T, ...problem: ConstructorParameters<typeof BadValue>): Parser<T> {
  return (raw) => {
    try {
      return read(raw);
    } catch {
      throw new BadValue(...problem);
    }
  };
}

/** A duration in milliseconds: a number and a unit (`500ms`, `30s`, `10m`, `2h`, `7d`). */
export const duration: Parser<number> = refusing(parseDuration, 'CONFIG_BAD_DURATION', 'not a duration', 'write a number and a unit, e.g. 30s, 10m, 2h or 7d');

/** A duration as the vault's `ttl` takes it (whole number and unit), kept as text. */
export const wholeDuration: Parser<string> = (raw) => {
  if (!/^\d+(ms|s|m|h|d)$/.test(raw.trim())) throw new BadValue('CONFIG_BAD_DURATION', 'not a duration', 'write a whole number and a unit, e.g. 12h or 7d');
  return raw;
};

/** A 32-byte key as 64 hex characters or base64. */
export const secretKey: Parser<Buffer> = refusing(decodeKey, 'CONFIG_BAD_KEY', 'not 32 bytes as 64 hex characters or base64', 'generate one with: openssl rand -hex 32');

/** `perSecond,perChatPerSecond,burst` (0 = no limit; burst default 1). */
export const rateLimit: Parser<RateLimit> = (raw) => {
  const parts = raw.split(',').map((v) => v.trim());
  const numbers = parts.map((v) => (v === '' ? 0 : Number(v)));
  if (parts.length > 3 || numbers.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new BadValue('CONFIG_BAD_LIST', 'not up to three non-negative numbers', 'set perSecond,perChatPerSecond,burst, e.g. 30,1,3 (0 = no limit)');
  }
  const [perSecond = 0, perConversationPerSecond = 0, burst = 0] = numbers;
  return { perSecond, perConversationPerSecond, burst: burst || 1 };
};
