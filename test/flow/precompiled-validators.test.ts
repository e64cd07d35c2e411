/**
 * The build's precompiled validators must be indistinguishable from compiling at run time
 * (same verdicts, same ajv errors, which map-schema-errors turns into diagnostics), and a
 * module built from other schemas must never be used.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKind } from '../../engine/flow/check-schema.js';
import { parseSource } from '../../engine/flow/parsed-source.js';
import { writePrecompiledValidators } from '../../engine/flow/precompile-validators.js';
import {
  compileValidators,
  createSchemaAjv,
  FLOW_SCHEMA,
  loadPrecompiledValidators,
  PRECOMPILED_FILE,
  schemaValidators,
  validatorIds,
  type SchemaValidators,
} from '../../engine/flow/schema-validators.js';

const root = join(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : name.endsWith('.yaml') ? [path] : [];
  });
}

function byKey(v: SchemaValidators): Record<string, ValidateFunction> {
  const out: Record<string, ValidateFunction> = { flow: v.flow, flowShell: v.flowShell, bot: v.bot };
  for (const [kind, f] of Object.entries(v.step)) out[`step:${kind}`] = f;
  for (const [kind, f] of Object.entries(v.trigger)) out[`trigger:${kind}`] = f;
  return out;
}

interface Case { name: string; key: string; data: unknown }

/** Every file and every step and trigger in it, checked by the validator check-schema would use. */
function fixtureCases(): Case[] {
  const cases: Case[] = [];
  for (const file of [...yamlFiles(join(root, 'test/fixtures/flows')), ...yamlFiles(join(root, 'flows'))]) {
    const data = parseSource(file, readFileSync(file, 'utf8')).data as Record<string, unknown> | undefined;
    if (data === undefined) continue;
    const name = file.slice(root.length + 1);
    cases.push({ name, key: sourceKind(data), data });
    if (sourceKind(data) === 'flow') cases.push({ name: `${name} (shell)`, key: 'flowShell', data });
    for (const [list, prefix] of [['steps', 'step'], ['triggers', 'trigger']] as const) {
      const items = Array.isArray(data?.[list]) ? (data[list] as unknown[]) : [];
      items.forEach((item, i) => {
        for (const k of Object.keys(item ?? {})) {
          if (`${prefix}:${k}` in validatorIds()) cases.push({ name: `${name} ${list}[${i}]`, key: `${prefix}:${k}`, data: item });
        }
      });
    }
  }
  return cases;
}

/** Each step and trigger example from the schema, broken one property at a time. */
function mutatedExamples(): Case[] {
  const cases: Case[] = [];
  const definitions = FLOW_SCHEMA.definitions as Record<string, { examples?: Record<string, unknown>[] }>;
  for (const [key, id] of Object.entries(validatorIds())) {
    const example = definitions[id.split('/').pop()!]?.examples?.[0];
    if (!example || typeof example !== 'object') continue;
    cases.push({ name: `${key} example plus an unknown key`, key, data: { ...example, zzz: 1 } });
    for (const prop of Object.keys(example)) {
      for (const bad of [42, [], { zzz: 1 }, '']) cases.push({ name: `${key} example with ${prop}: ${JSON.stringify(bad)}`, key, data: { ...example, [prop]: bad } });
    }
  }
  return cases;
}

function run(v: ValidateFunction, data: unknown): { valid: boolean; errors: unknown } {
  const valid = v(data) as boolean;
  return { valid, errors: v.errors ?? null };
}

let dir: string;
let precompiled: Record<string, ValidateFunction>;
let compiled: Record<string, ValidateFunction>;

beforeAll(() => {
  // Under node_modules so the module's require('ajv/dist/runtime/…') resolves as it does in dist/.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  dir = mkdtempSync(join(root, 'node_modules/.cache/parley-precompiled-'));
  const loaded = loadPrecompiledValidators(writePrecompiledValidators(dir));
  if (!loaded) throw new Error('the freshly written module did not load');
  precompiled = byKey(loaded);
  compiled = compileValidators(createSchemaAjv());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompiled validators', () => {
  it('give the same verdicts and errors as runtime-compiled ones on the fixture and shipped flows', () => {
    const cases = fixtureCases();
    for (const c of cases) expect(run(precompiled[c.key], c.data), c.name).toEqual(run(compiled[c.key], c.data));
    // The broken fixtures must actually exercise failing validation, not only passing files.
    expect(cases.filter((c) => !compiled[c.key](c.data)).length).toBeGreaterThanOrEqual(5);
  });

  it('give the same verdicts and errors on every step and trigger example broken a property at a time', () => {
    const cases = mutatedExamples();
    for (const c of cases) expect(run(precompiled[c.key], c.data), c.name).toEqual(run(compiled[c.key], c.data));
    expect(cases.filter((c) => !compiled[c.key](c.data)).length).toBeGreaterThan(100);
  });

  it('export one validator per validatorIds() key', () => {
    expect(Object.keys(precompiled).sort()).toEqual(Object.keys(validatorIds()).sort());
  });
});

describe('loadPrecompiledValidators', () => {
  it('returns undefined for a module built for another fingerprint', () => {
    const stale = mkdtempSync(join(dir, 'stale-'));
    expect(loadPrecompiledValidators(writePrecompiledValidators(stale, 'f'.repeat(64)))).toBeUndefined();
  });

  it('returns undefined once the schema differs from the one the module was built from', () => {
    const file = join(dir, PRECOMPILED_FILE);
    const title = FLOW_SCHEMA.title;
    try {
      FLOW_SCHEMA.title = `${String(title)} (edited)`;
      expect(loadPrecompiledValidators(file)).toBeUndefined();
    } finally {
      FLOW_SCHEMA.title = title;
    }
    expect(loadPrecompiledValidators(file)).toBeDefined();
  });

  it('returns undefined when the file does not exist', () => {
    expect(loadPrecompiledValidators(join(dir, 'missing', PRECOMPILED_FILE))).toBeUndefined();
  });
});

describe('schemaValidators', () => {
  it('compiles with ajv when no precompiled module sits beside the sources', () => {
    expect(existsSync(join(root, 'engine/flow', PRECOMPILED_FILE))).toBe(false);
    // Runtime-compiled validators carry their schema; standalone ones do not.
    expect(schemaValidators().flow.schema).toBe(FLOW_SCHEMA);
  });
});
