/**
 * Schema validation of one parsed file. Steps and triggers are unions keyed by their kind
 * key (`say:`, `menu:`, …); instead of showing ajv's failure of every branch, this picks
 * the branch the author meant from the kind key and validates against that branch alone.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { FlowDiagnostic } from './flow-diagnostic.js';
import { STEP_KINDS } from '../compile/steps/step-registry.js';
import { describePath, mapSchemaErrors } from './map-schema-errors.js';
import { spanAt, type ParsedSource } from './parsed-source.js';
import { schemaValidators, TRIGGER_KINDS } from './schema-validators.js';
import { suggestName } from './suggest-name.js';

/** The kind of file: flows follow flow.schema.json, the bot settings bot.schema.json. */
export type SourceKind = 'flow' | 'bot';

/** A top-level `bot:` key marks the settings file; everything else is a flow. */
export function sourceKind(data: unknown): SourceKind {
  return data && typeof data === 'object' && !Array.isArray(data) && 'bot' in data ? 'bot' : 'flow';
}

interface Family {
  list: 'steps' | 'triggers';
  noun: string;
  kinds: readonly string[];
  common: readonly string[];
  validators: Record<string, ValidateFunction>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates one step or trigger against the branch its kind key selects. */
function checkItem(src: ParsedSource, family: Family, index: number, item: unknown): FlowDiagnostic[] {
  const path = [family.list, index];
  const where = describePath(path, src.data);
  if (!isRecord(item)) {
    return [new FlowDiagnostic('SCHEMA_TYPE', `${cap(where)} must be a map with one kind key (${family.kinds.join(', ')}), e.g. \`${family.kinds[0]}: …\`.`, spanAt(src, path))];
  }
  const keys = Object.keys(item);
  const kinds = keys.filter((k) => family.kinds.includes(k));
  if (kinds.length > 1) {
    return [new FlowDiagnostic(
      'AMBIGUOUS_KIND',
      `${cap(where)} has both \`${kinds[0]}\` and \`${kinds[1]}\`; a ${family.noun} does exactly one thing, so split it into two ${family.noun}s.`,
      spanAt(src, [...path, kinds[1]], 'key'),
    )];
  }
  if (kinds.length === 0) {
    const known = new Set([...family.kinds, ...family.common]);
    const unknown = keys.filter((k) => !known.has(k));
    if (unknown.length === 0) {
      return [new FlowDiagnostic('SCHEMA_MISSING_KEY', `${cap(where)} has no kind key; give it one of ${family.kinds.join(', ')}.`, spanAt(src, path))];
    }
    return unknown.map((k) => {
      const s = suggestName(k, known);
      const fix = s ? `; did you mean \`${s}\`?` : `; a ${family.noun} needs one of ${family.kinds.join(', ')}.`;
      return new FlowDiagnostic('SCHEMA_UNKNOWN_KEY', `Unknown key \`${k}\` in ${where}${fix}`, spanAt(src, [...path, k], 'key'));
    });
  }
  const validate = family.validators[kinds[0]];
  return validate(item) ? [] : mapSchemaErrors(src, validate.errors ?? [], path);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `version: 1` is checked first and on its own: a wrong version changes what "valid" means. */
function checkVersion(src: ParsedSource, data: Record<string, unknown>): FlowDiagnostic[] {
  if (!('version' in data)) {
    return [new FlowDiagnostic('SCHEMA_MISSING_KEY', 'Missing key `version` at the top level; add `version: 1` as the first line.', spanAt(src, []))];
  }
  if (data.version !== 1) {
    return [new FlowDiagnostic('VERSION_UNSUPPORTED', `Version ${JSON.stringify(data.version)} is not supported; this engine reads \`version: 1\`.`, spanAt(src, ['version']))];
  }
  return [];
}

/**
 * True when a step or trigger is valid: exactly one kind key, and the branch of that kind
 * accepts it. That is the union's verdict, since no other branch can match (see flowShellSchema).
 */
export function itemValid(family: Pick<Family, 'kinds' | 'validators'>, item: unknown): boolean {
  if (!isRecord(item)) return false;
  let kind: string | undefined;
  for (const k of Object.keys(item)) {
    if (!family.kinds.includes(k)) continue;
    if (kind !== undefined) return false;
    kind = k;
  }
  return kind !== undefined && (family.validators[kind](item) as boolean);
}

/** Validates a parsed file against its schema; returns one diagnostic per problem. */
export function checkSchema(src: ParsedSource): FlowDiagnostic[] {
  const data = src.data;
  const kind = sourceKind(data);
  if (!isRecord(data)) {
    const need = 'a map with `version: 1`, `id` and `steps`';
    return [new FlowDiagnostic('SCHEMA_TYPE', `The file is ${data == null ? 'empty' : 'not a map'}; a flow file is ${need}.`, spanAt(src, []))];
  }
  const v = schemaValidators();
  const out = checkVersion(src, data);
  // A flow file is checked without its steps and triggers, then item by item (flowShellSchema says why).
  const validate = kind === 'bot' ? v.bot : v.flowShell;
  if (!validate(data)) out.push(...mapSchemaErrors(src, (validate.errors ?? []).filter((e) => !isVersionError(e))));
  if (kind === 'bot') return out;

  const families: Family[] = [
    { list: 'steps', noun: 'step', kinds: STEP_KINDS, common: ['id', 'next', 'with', 'save', 'on_error', 'then', 'else', 'on_resume'], validators: v.step },
    { list: 'triggers', noun: 'trigger', kinds: TRIGGER_KINDS, common: ['goto', 'description', 'flags'], validators: v.trigger },
  ];
  for (const family of families) {
    const list = data[family.list];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (!itemValid(family, item)) out.push(...checkItem(src, family, i, item));
    });
  }
  return out;
}

function isVersionError(e: ErrorObject): boolean {
  return (e.instancePath === '/version') || (e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'version');
}
