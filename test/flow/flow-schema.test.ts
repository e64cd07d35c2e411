import { describe, expect, it } from 'vitest';
import { BOT_SCHEMA, FLOW_SCHEMA, TRIGGER_KINDS, createSchemaAjv } from '../../engine/flow/schema-validators.js';
import { STEP_KINDS } from '../../engine/compile/steps/step-registry.js';

type Definition = { examples?: unknown[]; title?: string; description?: string; $id?: string };

describe('flow.schema.json and bot.schema.json', () => {
  for (const [name, schema] of [['flow', FLOW_SCHEMA], ['bot', BOT_SCHEMA]] as const) {
    it(`${name} schema compiles under ajv strict mode`, () => {
      const ajv = createSchemaAjv({ strict: true });
      expect(() => ajv.compile(schema)).not.toThrow();
    });

    it(`${name} schema gives every definition an $id, title, description and examples that validate`, () => {
      const ajv = createSchemaAjv({ strict: true });
      ajv.compile(schema);
      const definitions = schema.definitions as Record<string, Definition>;
      const failures: string[] = [];
      for (const [key, def] of Object.entries({ root: schema as Definition, ...definitions })) {
        if (!def.$id || !def.title || !def.description || !def.examples?.length) failures.push(`${key}: missing $id/title/description/examples`);
        const validate = key === 'root' ? ajv.getSchema(String(schema.$id))! : ajv.getSchema(`${schema.$id}#/definitions/${key}`)!;
        for (const example of def.examples ?? []) {
          if (!validate(example)) failures.push(`${key}: example ${JSON.stringify(example)} is invalid: ${ajv.errorsText(validate.errors)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('rejects a step with two kind keys and a step with a misspelled kind key', () => {
    const validate = createSchemaAjv().compile(FLOW_SCHEMA);
    expect(validate({ version: 1, id: 'a', steps: [{ say: 'hi', log: 'x' }] })).toBe(false);
    expect(validate({ version: 1, id: 'a', steps: [{ sya: 'hi' }] })).toBe(false);
    expect(validate({ version: 1, id: 'a', steps: [{ id: 'a1', say: { default: 'hi', es: 'hola' }, next: { flow: 'b', step: 'c' } }] })).toBe(true);
  });

  // check-schema.ts checks an item against its kind's branch alone; that is the union's
  // verdict only while no other branch can match an item with that kind key.
  it('makes every step and trigger branch a map that requires its own kind key and allows no other', () => {
    const definitions = FLOW_SCHEMA.definitions as Record<string, { oneOf?: { $ref: string }[]; type?: string; required?: string[]; additionalProperties?: unknown; properties?: object; patternProperties?: object }>;
    const problems: string[] = [];
    for (const [union, kinds, suffix] of [['step', STEP_KINDS, 'Step'], ['trigger', TRIGGER_KINDS, 'Trigger']] as const) {
      expect(definitions[union].oneOf?.map((b) => b.$ref), union).toEqual(kinds.map((k) => `#/definitions/${k}${suffix}`));
      for (const kind of kinds) {
        const branch = definitions[`${kind}${suffix}`];
        if (branch.type !== 'object') problems.push(`${kind}${suffix} is not type: object`);
        if (!branch.required?.includes(kind)) problems.push(`${kind}${suffix} does not require \`${kind}\``);
        if (branch.additionalProperties !== false || branch.patternProperties) problems.push(`${kind}${suffix} allows keys it does not list`);
        const others = kinds.filter((k) => k !== kind && k in (branch.properties ?? {}));
        if (others.length > 0) problems.push(`${kind}${suffix} lists other kind keys: ${others.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('accepts durations with a unit and rejects other spellings', () => {
    const validate = createSchemaAjv().compile(FLOW_SCHEMA);
    const withWait = (wait: unknown) => validate({ version: 1, id: 'a', steps: [{ wait }] });
    expect(['500ms', '30s', '10m', '2h', '1d'].map(withWait)).toEqual([true, true, true, true, true]);
    expect(['5 minutes', '1.5h', '10', 'm'].map(withWait)).toEqual([false, false, false, false]);
    expect(withWait({ for: '1d', say: 'A day later' })).toBe(true);
  });
});
