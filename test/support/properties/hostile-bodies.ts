/**
 * fast-check arbitraries for webhook bodies an attacker (or a confused platform) could sign:
 * any JSON at all, and the realistic fixtures with one part replaced, removed or wrapped —
 * including by a deeply nested array, spliced in as text because JSON.stringify itself
 * cannot write one. Bodies are raw text, as the server hands them to parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'platforms');

/** How many bodies each property tries; PARLEY_PROPERTY_RUNS raises it for a longer hunt. */
export const PROPERTY_RUNS = Number(process.env.PARLEY_PROPERTY_RUNS ?? 1000);
/** Test timeout that grows with the runs (a deep body takes a few ms to parse twice). */
export const PROPERTY_TIMEOUT_MS = Math.max(20_000, PROPERTY_RUNS * 40);

/** The platform's realistic webhook bodies (test/fixtures/platforms, same as shared/fixtures). */
export function fixtureBodies(platform: string): unknown[] {
  const dir = join(FIXTURES, platform);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
}

// Deep enough that JSON.stringify and lossless-json overflow the stack (both fail from ~5,000).
const DEEP = 20_000;
const DEEP_ARRAY_TEXT = '['.repeat(DEEP) + ']'.repeat(DEEP);
const HOLE_VALUE = 'parley-hole-7f3a9c';
const HOLE = JSON.stringify(HOLE_VALUE);

type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (typeof value === 'object' && value !== null) {
    return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  }
  return here;
}

/** What goes in place of the chosen part. `deep` marks the spliced-in nested array. */
const replacement = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, {}, [], '', 0, -1, 1e308, true, 'constructor', '__proto__') },
  { weight: 1, arbitrary: fc.constant({ deep: true }) },
  { weight: 1, arbitrary: fc.constant({ remove: true }) },
  { weight: 1, arbitrary: fc.constant({ wrap: true }) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{}}}')) },
);

function mutate(body: unknown, path: Path, swap: unknown): string {
  const copy = structuredClone(body);
  const marker = swap as { deep?: boolean; remove?: boolean; wrap?: boolean };
  const put = (old: unknown): unknown => {
    if (marker?.deep) return HOLE_VALUE;
    if (marker?.wrap) return [old, old];
    return swap;
  };
  if (path.length === 0) {
    if (marker?.remove) return '';
    return (JSON.stringify(put(copy)) ?? 'null').replace(HOLE, DEEP_ARRAY_TEXT);
  }
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (marker?.remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = put(parent[last]);
  }
  return JSON.stringify(copy).replace(HOLE, DEEP_ARRAY_TEXT);
}

/** A fixture with one part (any depth, the root included) replaced, removed or wrapped. */
export function mutatedFixture(fixtures: unknown[]): fc.Arbitrary<string> {
  return fc
    .constantFrom(...fixtures)
    .chain((body) => fc.tuple(fc.constant(body), fc.constantFrom(...paths(body)), replacement))
    .map(([body, path, swap]) => mutate(body, path, swap));
}

/** A fixture with two to four parts mutated in turn. */
export function multiplyMutatedFixture(fixtures: unknown[]): fc.Arbitrary<string> {
  return fc
    .constantFrom(...fixtures)
    .chain((body) => fc.array(fc.tuple(fc.constantFrom(...paths(body)), fc.jsonValue({ maxDepth: 2 })), { minLength: 2, maxLength: 4 })
      .map((swaps) => {
        let current: unknown = body;
        for (const [path, value] of swaps) {
          try {
            current = JSON.parse(mutate(current, path, value));
          } catch {
            // A path removed by an earlier swap: keep the body as it is.
          }
        }
        return JSON.stringify(current);
      }));
}

/** Any JSON text, and some text that is not JSON at all. */
export const anyBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.constant(DEEP_ARRAY_TEXT) },
  { weight: 1, arbitrary: fc.constant(`{"a":${DEEP_ARRAY_TEXT}}`) },
);
