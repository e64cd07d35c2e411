/**
 * `{{ expr }}` templates. Each expression is evaluated once against the scope and its value is
 * inserted verbatim: inserted text is never rendered again, so user text containing `{{ … }}`
 * stays literal.
 */
import { evaluateExpression } from './expression.js';

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;
const SINGLE = /^\s*\{\{([\s\S]*?)\}\}\s*$/;

/** Turns an expression value into the text a user sees; missing values become "". */
export function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Evaluates without throwing: a broken or failing expression renders as missing. */
function safeEvaluate(expr: string, scope: Record<string, unknown>): unknown {
  try {
    return evaluateExpression(expr.trim(), scope);
  } catch {
    return undefined;
  }
}

/**
 * Renders every `{{ expr }}` in `text` against `scope` (see buildScope). `encode`, when given,
 * is applied to each inserted value, with its expression (URL templates percent-encode them).
 */
export function renderTemplate(
  text: string,
  scope: Record<string, unknown>,
  encode?: (value: string, expr: string) => string,
): string {
  if (!text.includes('{{')) return text;
  // One pass over the source: replacement values are not scanned again.
  return text.replace(TEMPLATE, (_all, expr: string) => {
    const value = stringifyValue(safeEvaluate(expr, scope));
    return encode ? encode(value, expr) : value;
  });
}

/**
 * Renders a value for `set:` and `with:`: a string that is exactly one `{{ expr }}` keeps the
 * expression's type (numbers, booleans, objects); other strings are templates; arrays and
 * objects are rendered member by member; everything else is returned as is.
 */
export function renderValue(value: unknown, scope: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const single = SINGLE.exec(value);
    if (single && !single[1].includes('{{') && !single[1].includes('}}')) {
      const result = safeEvaluate(single[1], scope);
      return result === undefined ? '' : result;
    }
    return renderTemplate(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderValue(v, scope);
    return out;
  }
  return value;
}
