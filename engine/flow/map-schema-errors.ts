/**
 * Turns ajv's raw errors into one clear FlowDiagnostic per problem. ajv reports every failed
 * branch of a `oneOf`; an author wrote one thing, so the branch noise is folded into either
 * the specific error inside the branch they meant, or one summary naming what is allowed.
 */
import type { ErrorObject } from 'ajv';
import { FlowDiagnostic } from './flow-diagnostic.js';
import { spanAt, type DataPath, type ParsedSource } from './parsed-source.js';
import { didYouMean, suggestName } from './suggest-name.js';

/** Keywords that only say "this value is the wrong shape" at the value itself. */
const SHALLOW = new Set(['type', 'const', 'enum', 'pattern', 'minLength', 'maxLength', 'minProperties', 'oneOf', 'anyOf', 'format']);

const TYPE_WORDS: Record<string, string> = {
  object: 'a map (`key: value` lines)',
  array: 'a list (`- item` lines)',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: '`true` or `false`',
  null: 'empty',
};

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return 'text';
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/** A JSON pointer (`/steps/2/say`) as a data path (`['steps', 2, 'say']`). */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((p) => {
    const s = p.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(s) ? Number(s) : s;
  });
}

/**
 * Names a place for a message: "step 3 (`choose`)", "`menu.options[0]` of step 3", "`version`".
 * Steps and triggers are counted from 1 because that is how authors count list items.
 */
export function describePath(path: DataPath, data: unknown): string {
  let owner = '';
  let rest: DataPath = path;
  const list = path[0];
  if ((list === 'steps' || list === 'triggers') && typeof path[1] === 'number') {
    const item = (data as Record<string, unknown[]> | undefined)?.[list]?.[path[1]] as Record<string, unknown> | undefined;
    const id = list === 'steps' && typeof item?.id === 'string' ? ` (\`${item.id}\`)` : '';
    owner = `${list === 'steps' ? 'step' : 'trigger'} ${path[1] + 1}${id}`;
    rest = path.slice(2);
  }
  const dotted = rest.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : String(p)), '');
  if (owner && dotted) return `\`${dotted}\` of ${owner}`;
  return owner || (dotted ? `\`${dotted}\`` : 'the file');
}

/** `in step 3` / `in \`menu\` of step 3` / `at the top of the file`. */
function inPlace(path: DataPath, data: unknown): string {
  return path.length === 0 ? 'at the top level' : `in ${describePath(path, data)}`;
}

/** Drops the branch noise of oneOf/anyOf failures (see the file comment). */
function foldCombinators(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  // ajv pushes a combinator's error after its branches', so the last one at a path is the outermost.
  const outermost = new Map<string, ErrorObject>();
  for (const e of errors) if (e.keyword === 'oneOf' || e.keyword === 'anyOf') outermost.set(e.instancePath, e);
  for (const [at, combo] of outermost) {
    const inside = errors.filter((e) => e !== combo && (e.instancePath === at || e.instancePath.startsWith(`${at}/`)));
    const specific = inside.filter((e) => e.instancePath !== at || !SHALLOW.has(e.keyword));
    if (specific.length > 0) {
      dropped.add(combo);
      for (const e of inside) if (!specific.includes(e)) dropped.add(e);
    } else {
      for (const e of inside) dropped.add(e);
    }
  }
  // propertyNames repeats the inner error that already names the bad key.
  for (const e of errors) if (e.keyword === 'propertyNames' && errors.some((o) => o !== e && o.propertyName !== undefined)) dropped.add(e);
  return errors.filter((e) => !dropped.has(e));
}

/**
 * `optoins:` gives both "unknown key optoins" and "missing key options"; they are one
 * problem, and the unknown-key error (with its suggestion) is the one that says how to fix it.
 * Alternatives (`anyOf` of required keys, e.g. a menu's `options` or `options_from`) are one
 * problem too: explained together by a misspelling, or reported once naming both keys.
 */
function dropMisspelledRequired(errors: ErrorObject[]): ErrorObject[] {
  const missingOf = (e: ErrorObject) => String((e.params as { missingProperty: string }).missingProperty);
  const misspelled = (e: ErrorObject) => errors.some((o) => o.keyword === 'additionalProperties' && o.instancePath === e.instancePath
    && suggestName(String((o.params as { additionalProperty: string }).additionalProperty), [missingOf(e)]) === missingOf(e));
  const group = (e: ErrorObject) => (e.schemaPath.includes('/anyOf/') ? `${e.instancePath}|${e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/anyOf/'))}` : undefined);
  const explained = new Set(errors.filter((e) => e.keyword === 'required' && misspelled(e)).map((e) => group(e) ?? e));
  const merged = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword !== 'required') {
      out.push(e);
      continue;
    }
    const g = group(e);
    if (explained.has(g ?? e) || (g !== undefined && merged.has(g))) continue;
    if (g === undefined) {
      out.push(e);
      continue;
    }
    merged.add(g);
    const keys = errors.filter((o) => o.keyword === 'required' && group(o) === g).map(missingOf);
    out.push({ ...e, params: { missingProperty: keys.join('` or `') } });
  }
  return out;
}

function describeSchema(schema: unknown): string {
  const s = schema as { description?: string; title?: string } | undefined;
  return s?.description ?? (s?.title ? `a ${s.title.toLowerCase()}` : '');
}

/** Converts one (already folded) ajv error to a diagnostic; `base` prefixes its instance path. */
function toDiagnostic(src: ParsedSource, e: ErrorObject, base: DataPath): FlowDiagnostic {
  const path = [...base, ...pointerToPath(e.instancePath)];
  const data = src.data;
  const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const hint = describeSchema(e.parentSchema);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const fix = didYouMean(key, allowed, `; remove it or use one of: ${allowed.join(', ')}.`);
      return new FlowDiagnostic('SCHEMA_UNKNOWN_KEY', `Unknown key \`${key}\` ${inPlace(path, data)}${fix}`, spanAt(src, [...path, key], 'key'));
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      const what = describeSchema(parent?.properties?.[key]);
      return new FlowDiagnostic(
        'SCHEMA_MISSING_KEY',
        `Missing key \`${key}\` ${inPlace(path, data)}; add \`${key}:\`${what ? ` (${lowerFirst(what).replace(/\.$/, '')})` : ''}.`,
        spanAt(src, path, 'value'),
      );
    }
    case 'type': {
      const expected = String((e.params as { type: string }).type);
      return new FlowDiagnostic(
        'SCHEMA_TYPE',
        `${capitalize(describePath(path, data))} is ${typeOf(e.data)}; write ${TYPE_WORDS[expected] ?? expected}${hint ? ` (${lowerFirst(hint).replace(/\.$/, '')})` : ''}.`,
        spanAt(src, path, 'value'),
      );
    }
    case 'oneOf':
    case 'anyOf': {
      const shown = typeof e.data === 'string' ? ` (\`${e.data}\`)` : ` (${typeOf(e.data)})`;
      return new FlowDiagnostic('SCHEMA_VALUE', `${capitalize(describePath(path, data))}${shown} is not valid; write ${lowerFirst(hint)}`.replace(/\.?$/, '.'), spanAt(src, path, 'value'));
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const fix = didYouMean(String(e.data), allowed, `; use one of: ${allowed.join(', ')}.`);
      return new FlowDiagnostic('SCHEMA_VALUE', `${capitalize(describePath(path, data))} cannot be \`${String(e.data)}\`${fix}`, spanAt(src, path, 'value'));
    }
    default: {
      if (e.propertyName !== undefined) {
        const keyPath = [...path, e.propertyName];
        return new FlowDiagnostic('SCHEMA_VALUE', `\`${e.propertyName}\` ${inPlace(path, data)} is not a valid name; write ${lowerFirst(hint || 'letters, digits and _')}`.replace(/\.?$/, '.'), spanAt(src, keyPath, 'key'));
      }
      const shown = typeof e.data === 'string' ? ` (\`${e.data}\`)` : ` (${typeOf(e.data)})`;
      let fix = hint ? `; write ${lowerFirst(hint)}` : `; it ${e.message ?? 'is not valid'}`;
      if (e.keyword === 'const') fix = `; write \`${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}\``;
      return new FlowDiagnostic('SCHEMA_VALUE', `${capitalize(describePath(path, data))}${shown} is not valid${fix}`.replace(/\.?$/, '.'), spanAt(src, path, 'value'));
    }
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function lowerFirst(s: string): string {
  // Keep acronyms ("URL …") as they are; lower-case an ordinary capital ("A duration …").
  return /^[A-Z](?![A-Z])/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Maps the ajv errors of the value at `base` to diagnostics, one per real problem. */
export function mapSchemaErrors(src: ParsedSource, errors: readonly ErrorObject[], base: DataPath = []): FlowDiagnostic[] {
  const seen = new Set<string>();
  const out: FlowDiagnostic[] = [];
  for (const e of dropMisspelledRequired(foldCombinators([...errors]))) {
    const d = toDiagnostic(src, e, base);
    const key = `${d.code}:${d.span.line}:${d.span.col}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}
