/**
 * Every template transform (`{{ value|name(args) }}`), in one registry: the expression
 * engine registers these and nothing else, validation refuses any other name, and the
 * language reference documents each one (a test checks that it does).
 */
import { DATE_TRANSFORMS } from './date-transforms.js';
import { LIST_TRANSFORMS } from './list-transforms.js';
import type { TransformSpec } from './transform-spec.js';

const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Transforms over text and single values. */
const TEXT_TRANSFORMS: Record<string, TransformSpec> = {
  upper: { usage: 'text|upper', does: 'The text in capitals.', fn: (v) => str(v).toUpperCase() },
  lower: { usage: 'text|lower', does: 'The text in small letters.', fn: (v) => str(v).toLowerCase() },
  trim: { usage: 'text|trim', does: 'The text without spaces at either end.', fn: (v) => str(v).trim() },
  default: {
    usage: "value|default('none')",
    does: 'The value, or the fallback when the value is missing, null or empty text.',
    fn: (v, fallback) => (v === undefined || v === null || v === '' ? fallback : v),
  },
  json: { usage: 'value|json', does: 'The value as JSON text (for logs and HTTP bodies).', fn: (v) => JSON.stringify(v ?? null) },
  url_encode: {
    usage: 'text|url_encode',
    does: 'The text made safe inside a URL (spaces, `&`, `?`, accents… percent-encoded).',
    fn: (v) => encodeURIComponent(str(v)),
  },
};

/** All transforms, by name. */
export const TRANSFORMS: Readonly<Record<string, TransformSpec>> = { ...TEXT_TRANSFORMS, ...LIST_TRANSFORMS, ...DATE_TRANSFORMS };

/** The transform names, sorted, for messages and docs. */
export const TRANSFORM_NAMES: readonly string[] = Object.keys(TRANSFORMS).sort();
