/**
 * check-schema.ts validates a flow file as its shell (the schema without the items of
 * `steps` and `triggers`) plus each item against the branch its kind key picks, instead of
 * the whole file against flow.schema.json with its `oneOf` unions. These tests hold that to
 * giving the same verdicts and the same diagnostics as the whole-file validation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { itemValid, sourceKind } from '../../engine/flow/check-schema.js';
import { mapSchemaErrors } from '../../engine/flow/map-schema-errors.js';
import { parseSource, type ParsedSource } from '../../engine/flow/parsed-source.js';
import { createSchemaAjv, FLOW_SCHEMA, schemaValidators, TRIGGER_KINDS } from '../../engine/flow/schema-validators.js';
import { STEP_KINDS } from '../../engine/compile/steps/step-registry.js';

const root = join(import.meta.dirname, '../..');
const ajv = createSchemaAjv();
const whole = ajv.compile(FLOW_SCHEMA);
const unions = {
  steps: ajv.getSchema(`${String(FLOW_SCHEMA.$id)}#/definitions/step`)!,
  triggers: ajv.getSchema(`${String(FLOW_SCHEMA.$id)}#/definitions/trigger`)!,
};
const v = schemaValidators();
const families = { steps: { kinds: STEP_KINDS, validators: v.step }, triggers: { kinds: TRIGGER_KINDS, validators: v.trigger } };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}

/** Every flow file of the fixtures, the shipped flows and the examples. */
function flowFiles(): ParsedSource[] {
  return ['test/fixtures/flows', 'flows', 'examples'].flatMap((d) => yamlFiles(join(root, d)))
    .map((file) => parseSource(file.slice(root.length + 1), readFileSync(file, 'utf8')))
    .filter((src) => src.data !== undefined && sourceKind(src.data) === 'flow');
}

/** A one-step, one-trigger flow around each schema example, broken in the ways authors break them. */
function brokenFlows(): ParsedSource[] {
  const definitions = FLOW_SCHEMA.definitions as Record<string, { examples?: unknown[] }>;
  const items: { list: 'steps' | 'triggers'; item: unknown }[] = [];
  for (const [list, kinds, suffix] of [['steps', STEP_KINDS, 'Step'], ['triggers', TRIGGER_KINDS, 'Trigger']] as const) {
    for (const kind of kinds) {
      const example = definitions[`${kind}${suffix}`].examples?.[0] as Record<string, unknown>;
      const other = kinds.find((k) => k !== kind)!;
      items.push({ list, item: example }, { list, item: { ...example, zzz: 1 } }, { list, item: { ...example, [other]: example[kind] } });
      const { [kind]: _kind, ...withoutKind } = example;
      items.push({ list, item: withoutKind });
      for (const prop of Object.keys(example)) for (const bad of [42, [], { zzz: 1 }, '', null]) items.push({ list, item: { ...example, [prop]: bad } });
    }
    for (const bad of ['say hi', 7, null, []]) items.push({ list, item: bad });
  }
  const files: unknown[] = items.map(({ list, item }, i) => ({ version: 1, id: `f${i}`, steps: [{ say: 'hi' }], triggers: [{ command: 'x' }], [list]: [item] }));
  // And the file around them: its own keys missing, misspelled or of the wrong type.
  const good = { version: 1, id: 'top', steps: [{ say: 'hi' }, { sya: 'x' }] };
  files.push({ ...good, steps: undefined }, { ...good, steps: 'say hi' }, { ...good, steps: [] }, { ...good, stpes: [] }, { ...good, id: 'no spaces' },
    { ...good, triggers: { command: 'x' } }, { ...good, version: 2 }, { id: 'x' }, { ...good, params: ['ok', 'ok'], sensitive: [3] });
  return files.map((data, i) => parseSource(`broken-${i}.yaml`, JSON.stringify(data)));
}

const itemError = /^\/(steps|triggers)\/\d+(?:\/|$)/;
const notVersion = (e: ErrorObject) => e.instancePath !== '/version'
  && !(e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'version');
const run = (validate: ValidateFunction, data: unknown) => (validate(data) ? [] : [...(validate.errors ?? [])]);

describe('flow files checked as a shell plus items', () => {
  const sources = [...flowFiles(), ...brokenFlows()];

  it('give each step and trigger the verdict of its schema union', () => {
    let invalid = 0;
    for (const src of sources) {
      for (const list of ['steps', 'triggers'] as const) {
        const items = (src.data as Record<string, unknown>)[list];
        (Array.isArray(items) ? items : []).forEach((item, i) => {
          const expected = unions[list](item) as boolean;
          if (!expected) invalid++;
          expect(itemValid(families[list], item), `${src.file} ${list}[${i}]`).toBe(expected);
        });
      }
    }
    // The cases must exercise failing items, not only valid ones.
    expect(invalid).toBeGreaterThan(100);
  });

  it('report the same file-level problems as the whole-file validation', () => {
    let fileLevel = 0;
    for (const src of sources) {
      const fromWhole = run(whole, src.data).filter((e) => notVersion(e) && !itemError.test(e.instancePath));
      const fromShell = run(v.flowShell, src.data).filter(notVersion);
      expect(mapSchemaErrors(src, fromShell), src.file).toEqual(mapSchemaErrors(src, fromWhole));
      expect(fromShell.some((e) => itemError.test(e.instancePath)), src.file).toBe(false);
      if (fromWhole.length > 0) fileLevel++;
    }
    expect(fileLevel).toBeGreaterThanOrEqual(8);
  });

  it('find a file valid exactly when the whole-file validation does', () => {
    for (const src of sources) {
      const data = src.data as Record<string, unknown>;
      const itemsValid = (['steps', 'triggers'] as const).every((list) => !Array.isArray(data[list]) || (data[list] as unknown[]).every((item) => itemValid(families[list], item)));
      expect((v.flowShell(data) as boolean) && itemsValid, src.file).toBe(whole(data) as boolean);
    }
  });
});
