/**
 * The compiled JSON Schema validators. Compiling is the slow part of ajv, so it happens once
 * per process, on first use; every later file only pays for validation.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import flowSchema from '../../schemas/flow.schema.json' with { type: 'json' };
import botSchema from '../../schemas/bot.schema.json' with { type: 'json' };
import { STEP_KINDS } from './flow-types.js';

/** The trigger kinds, in the order the schema lists them. */
export const TRIGGER_KINDS = ['command', 'pattern', 'event', 'payload', 'fallback'] as const;

/** The compiled validators: whole files, and one per step and trigger kind for clean errors. */
export interface SchemaValidators {
  flow: ValidateFunction;
  bot: ValidateFunction;
  step: Record<string, ValidateFunction>;
  trigger: Record<string, ValidateFunction>;
}

let cached: SchemaValidators | undefined;

/** The flow schema as a plain object (for tools and tests). */
export const FLOW_SCHEMA: Record<string, unknown> = flowSchema;
/** The bot settings schema as a plain object. */
export const BOT_SCHEMA: Record<string, unknown> = botSchema;

/** A new ajv instance with the options the loader relies on. */
export function createSchemaAjv(options: { strict?: boolean } = {}): Ajv {
  // allErrors: report every problem in one run; verbose: errors carry their schema, whose
  // description and property names make the messages and "did you mean" suggestions.
  return new Ajv({ allErrors: true, verbose: true, strict: options.strict ?? true });
}

/** The validators, compiled on first call and cached for the life of the process. */
export function schemaValidators(): SchemaValidators {
  if (cached) return cached;
  const ajv = createSchemaAjv();
  const flow = ajv.compile(FLOW_SCHEMA);
  const bot = ajv.compile(BOT_SCHEMA);
  const base = String(FLOW_SCHEMA.$id);
  const part = (name: string): ValidateFunction => {
    const v = ajv.getSchema(`${base}#/definitions/${name}`);
    if (!v) throw new Error(`flow.schema.json has no definition ${name}`);
    return v;
  };
  const step: Record<string, ValidateFunction> = {};
  for (const kind of STEP_KINDS) step[kind] = part(`${kind}Step`);
  const trigger: Record<string, ValidateFunction> = {};
  for (const kind of TRIGGER_KINDS) trigger[kind] = part(`${kind}Trigger`);
  cached = { flow, bot, step, trigger };
  return cached;
}
