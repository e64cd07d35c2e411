/**
 * readConfig: the environment, checked against the table, as a typed, frozen ParleyConfig.
 * Every problem is collected before anything fails, so one start-up lists them all.
 */
import { adapters as registry } from '../../adapters/registry.js';
import type { EnvVarSpec, PlatformAdapter } from '../../engine/types.js';
import type { RateLimit } from '../../engine/runtime/rate-limiter.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { DEVELOPMENT_VARIABLES, ENV_VARS, RATE_PATTERN } from './env-table.js';
import type { EnvVar } from './env-var.js';
import { BadValue, integer, url, type Parser } from './parsers.js';
import { buildConfig, type EnvValues, type ParleyConfig } from './parley-config.js';

type Env = Record<string, string | undefined>;

/** An empty value counts as unset, as a shell's `VAR=` means. */
function setValue(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function problemOf(name: string, raw: string, secret: boolean | undefined, bad: BadValue): ConfigProblem {
  const value = secret ? undefined : raw;
  const what = secret ? `${name} is set but ${bad.wrong}` : `${name} is "${raw}", ${bad.wrong}`;
  return { code: bad.code, variable: name, ...(value === undefined ? {} : { value }), message: `${what}; ${bad.fix}.` };
}

/** Parses one value, recording a problem instead of throwing. */
function parseInto<T>(name: string, raw: string, spec: Pick<EnvVar<T>, 'parse' | 'secret'>, problems: ConfigProblem[]): T | undefined {
  try {
    return spec.parse(raw);
  } catch (err) {
    if (!(err instanceof BadValue)) throw err;
    problems.push(problemOf(name, raw, spec.secret, err));
    return undefined;
  }
}

function readTable(env: Env, problems: ConfigProblem[]): EnvValues {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(ENV_VARS) as [string, EnvVar<unknown>][]) {
    if (spec.pattern) continue;
    const raw = setValue(env, name);
    values[name] = raw === undefined ? (spec.default === undefined ? undefined : spec.parse(spec.default)) : parseInto(name, raw, spec, problems);
  }
  return values as EnvValues;
}

/** PARLEY_RATE_<PLATFORM> overrides, by lower-case platform name. */
function readRateLimits(env: Env, problems: ConfigProblem[]): Record<string, RateLimit> {
  const out: Record<string, RateLimit> = {};
  const spec = ENV_VARS.PARLEY_RATE_PLATFORM;
  for (const name of Object.keys(env)) {
    const m = RATE_PATTERN.exec(name);
    const raw = setValue(env, name);
    if (!m || raw === undefined) continue;
    const limit = parseInto(name, raw, spec, problems);
    if (limit) out[m[1].toLowerCase()] = limit;
  }
  return out;
}

// EnvVarSpec has no parser: names say the kind (TELEGRAM_API_URL, PARLEY_WEB_KEEPALIVE_MS).
function platformParser(name: string): Parser<unknown> | undefined {
  if (name.endsWith('_URL')) return url(['http:', 'https:']);
  if (name.endsWith('_MS')) return integer({ min: 0, unit: 'milliseconds' });
  return undefined;
}

function readPlatforms(env: Env, specs: EnvVarSpec[], problems: ConfigProblem[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const spec of specs) {
    const raw = setValue(env, spec.name);
    out[spec.name] = raw;
    const parse = platformParser(spec.name);
    if (raw !== undefined && parse) parseInto(spec.name, raw, { parse, secret: spec.secret }, problems);
  }
  return out;
}

/** Rules between variables. */
function checkTogether(values: EnvValues, problems: ConfigProblem[]): void {
  if (values.PARLEY_STORE === 'redis' && !values.REDIS_URL) {
    problems.push({ code: 'CONFIG_MISSING', variable: 'REDIS_URL', message: 'REDIS_URL is not set but PARLEY_STORE=redis needs it; set it, e.g. REDIS_URL=redis://127.0.0.1:6379.' });
  }
}

/** Every adapter's declared variables (none until an adapter declares `env`). */
export function platformEnvSpecs(adapters: Record<string, PlatformAdapter<unknown>> = registry): EnvVarSpec[] {
  return Object.values(adapters).flatMap((a) => a.env ?? []);
}

function unknownVariables(env: Env, adapters: Record<string, PlatformAdapter<unknown>>, platformSpecs: EnvVarSpec[]): string[] {
  const known = new Set([...Object.keys(ENV_VARS), ...DEVELOPMENT_VARIABLES, ...platformSpecs.map((s) => s.name)]);
  // A platform's own PARLEY_<PLATFORM>_* variables are its adapter's to read.
  const platformPrefixes = Object.keys(adapters).map((name) => `PARLEY_${name.toUpperCase()}_`);
  return Object.keys(env)
    .filter((name) => name.startsWith('PARLEY_') && !known.has(name) && !RATE_PATTERN.test(name))
    .filter((name) => !platformPrefixes.some((prefix) => name.startsWith(prefix)))
    .sort();
}

/**
 * Reads and checks every variable of the table and every platform variable the adapters
 * declare. Throws one ConfigError listing all the problems.
 */
export function readConfig(env: Env, adapters: Record<string, PlatformAdapter<unknown>> = registry): ParleyConfig {
  const problems: ConfigProblem[] = [];
  const values = readTable(env, problems);
  const rateLimits = readRateLimits(env, problems);
  const platformSpecs = platformEnvSpecs(adapters);
  const platforms = readPlatforms(env, platformSpecs, problems);
  checkTogether(values, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return buildConfig(values, { rateLimits, platforms, unknown: unknownVariables(env, adapters, platformSpecs), dbSet: setValue(env, 'PARLEY_DB') !== undefined });
}
