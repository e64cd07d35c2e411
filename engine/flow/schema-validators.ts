/**
 * The compiled JSON Schema validators. Compiling is the slow part of ajv (~200 ms, most of a
 * cold start), so the build precompiles them into `precompiled-validators.cjs` next to this
 * module (see precompile-validators.ts). A process uses that file only when its fingerprint
 * matches the schemas, ajv version and options in hand; otherwise (running from the
 * TypeScript sources, a stale or missing build) it compiles with ajv on first use, once.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, ValidateFunction } from 'ajv';
import flowSchema from '../../schemas/flow.schema.json' with { type: 'json' };
import botSchema from '../../schemas/bot.schema.json' with { type: 'json' };
import { STEP_KINDS } from '../compile/steps/step-registry.js';

// ajv is CommonJS; requiring it on demand means a process that runs the precompiled
// validators never loads the compiler at all.
const require = createRequire(import.meta.url);

/** The trigger kinds, in the order the schema lists them. */
export const TRIGGER_KINDS = ['command', 'pattern', 'event', 'payload', 'fallback'] as const;

/**
 * The compiled validators: whole files, a flow file without its steps and triggers (see
 * {@link flowShellSchema}), and one per step and trigger kind.
 */
export interface SchemaValidators {
  flow: ValidateFunction;
  flowShell: ValidateFunction;
  bot: ValidateFunction;
  step: Record<string, ValidateFunction>;
  trigger: Record<string, ValidateFunction>;
}

/** Name of the module the build writes next to this one. */
export const PRECOMPILED_FILE = 'precompiled-validators.cjs';

let cached: SchemaValidators | undefined;

/** The flow schema as a plain object (for tools and tests). */
export const FLOW_SCHEMA: Record<string, unknown> = flowSchema;
/** The bot settings schema as a plain object. */
export const BOT_SCHEMA: Record<string, unknown> = botSchema;

// allErrors: report every problem in one run; verbose: errors carry their schema, whose
// description and property names make the messages and "did you mean" suggestions.
const AJV_OPTIONS = { allErrors: true, verbose: true } as const;

/**
 * A new ajv instance with the options the loader relies on. `source` keeps the generated
 * code on each validator, which the build needs to write it out as a module.
 */
export function createSchemaAjv(options: { strict?: boolean; source?: boolean } = {}): Ajv {
  const { Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv({ ...AJV_OPTIONS, strict: options.strict ?? true, ...(options.source ? { code: { source: true } } : {}) });
}

/** The $id of {@link flowShellSchema}: beside the flow schema's, so its `#/definitions/…` refs are its own. */
function flowShellId(): string {
  return String(FLOW_SCHEMA.$id).replace(/(\.schema)?\.json$/, '-shell$&');
}

/**
 * The flow schema minus what the items of `steps` and `triggers` must be. The loader checks
 * each item against the one branch its kind key selects instead (check-schema.ts): every
 * branch of the `step` and `trigger` unions requires its own kind key and allows no other
 * (test/flow/flow-schema.test.ts holds the schema to that), so that branch is the only one
 * that can match. Checking all fifteen, as `oneOf` does, built and dropped error objects for
 * fourteen of them per step: most of the validation time of a long flow.
 */
export function flowShellSchema(): Record<string, unknown> {
  const shell = structuredClone(FLOW_SCHEMA) as Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };
  shell.$id = flowShellId();
  delete shell.properties.steps.items;
  delete shell.properties.triggers.items;
  return shell;
}

/** Which schema id each validator checks against: `flow`, `flowShell`, `bot`, `step:<kind>`, `trigger:<kind>`. */
export function validatorIds(): Record<string, string> {
  const base = String(FLOW_SCHEMA.$id);
  const ids: Record<string, string> = { flow: base, flowShell: flowShellId(), bot: String(BOT_SCHEMA.$id) };
  for (const kind of STEP_KINDS) ids[`step:${kind}`] = `${base}#/definitions/${kind}Step`;
  for (const kind of TRIGGER_KINDS) ids[`trigger:${kind}`] = `${base}#/definitions/${kind}Trigger`;
  return ids;
}

/** Compiles both schemas into a fresh `ajv` and returns the validators keyed as {@link validatorIds}. */
export function compileValidators(ajv: Ajv): Record<string, ValidateFunction> {
  ajv.compile(FLOW_SCHEMA);
  ajv.compile(flowShellSchema());
  ajv.compile(BOT_SCHEMA);
  const out: Record<string, ValidateFunction> = {};
  for (const [key, id] of Object.entries(validatorIds())) {
    const v = ajv.getSchema(id);
    if (!v) throw new Error(`The schemas have no ${id}; add that definition or remove the kind from the engine.`);
    out[key] = v;
  }
  return out;
}

/**
 * A hash of everything the compiled code depends on: the schemas as parsed, the validator
 * ids, the ajv options and the ajv version. A precompiled module with another fingerprint
 * was built from something else and must not be used.
 */
export function schemaFingerprint(): string {
  const { version } = require('ajv/package.json') as { version: string };
  const input = JSON.stringify([version, AJV_OPTIONS, validatorIds(), FLOW_SCHEMA, BOT_SCHEMA]);
  return createHash('sha256').update(input).digest('hex');
}

function group(byKey: Record<string, ValidateFunction>): SchemaValidators {
  const out: SchemaValidators = { flow: byKey.flow, flowShell: byKey.flowShell, bot: byKey.bot, step: {}, trigger: {} };
  for (const kind of STEP_KINDS) out.step[kind] = byKey[`step:${kind}`];
  for (const kind of TRIGGER_KINDS) out.trigger[kind] = byKey[`trigger:${kind}`];
  return out;
}

/**
 * The validators from a precompiled module, or undefined when the file is missing, does not
 * load, lacks a validator or has another {@link schemaFingerprint}: callers then compile.
 */
export function loadPrecompiledValidators(file: string | URL): SchemaValidators | undefined {
  let mod: Record<string, unknown>;
  try {
    mod = require(typeof file === 'string' ? file : fileURLToPath(file)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (mod.fingerprint !== schemaFingerprint()) return undefined;
  const keys = Object.keys(validatorIds());
  if (!keys.every((k) => typeof mod[k] === 'function')) return undefined;
  return group(mod as Record<string, ValidateFunction>);
}

/** The validators, precompiled or compiled on first call, cached for the life of the process. */
export function schemaValidators(): SchemaValidators {
  cached ??= loadPrecompiledValidators(new URL(`./${PRECOMPILED_FILE}`, import.meta.url)) ?? group(compileValidators(createSchemaAjv()));
  return cached;
}
