/**
 * Safe expressions over conversation data, evaluated by jexl (never eval/new Function).
 * Compiled expressions are cached by source text, since the same few templates run on
 * every turn.
 */
import { createRequire } from 'node:module';
import { ParleyError } from '../errors.js';
import { FORBIDDEN_KEYS } from './safe-data.js';
import { TRANSFORMS } from './transforms.js';
import { testAuthorRegex } from './author-regex.js';
import { localeOfScope, withRenderLocale } from './render-locale.js';

/** The part of jexl's API we use (jexl ships no type declarations). */
interface JexlExpression {
  evalSync(context: Record<string, unknown>): unknown;
  _getAst(): unknown;
}
interface JexlInstance {
  compile(src: string): JexlExpression;
  addTransform(name: string, fn: (value: unknown, ...args: unknown[]) => unknown): void;
  addBinaryOp(operator: string, precedence: number, fn: (left: unknown, right: unknown) => unknown): void;
}

// jexl is CommonJS without types; createRequire keeps the import typed locally instead of
// adding an ambient module declaration other code could collide with.
const require = createRequire(import.meta.url);
const { Jexl } = require('jexl') as { Jexl: new () => JexlInstance };

/** An expression that does not parse. The message names the expression so authors can find it. */
export class ExpressionError extends ParleyError<'EXPRESSION_INVALID'> {
  constructor(source: string, cause: unknown) {
    super('EXPRESSION_INVALID', `The expression "${source}" is not valid: ${(cause as Error)?.message ?? cause}. Check its syntax.`, { cause });
  }
}

const jexl = new Jexl();
for (const [name, spec] of Object.entries(TRANSFORMS)) jexl.addTransform(name, spec.fn);
// `text matches '^\\d+$'`: the same precedence as `==` and `in`, so `a matches b && c` reads as expected.
jexl.addBinaryOp('matches', 20, (left, right) => testAuthorRegex(left, right));

const MAX_CACHE = 2000;
const cache = new Map<string, JexlExpression | ExpressionError>();

/** True when the AST names a forbidden property anywhere (`a.constructor`, `a["__proto__"]`). */
function touchesForbidden(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(touchesForbidden);
  const n = node as Record<string, unknown>;
  if ((n.type === 'Identifier' || n.type === 'Literal') && typeof n.value === 'string' && FORBIDDEN_KEYS.has(n.value)) {
    return true;
  }
  return Object.values(n).some(touchesForbidden);
}

/**
 * Fixes two places where jexl reads differently from what authors mean, by rewriting the
 * AST once at compile time: `null` is jexl's name lookup of a variable called null (make it
 * the literal), and `list.length` on a list reads the FIRST member's length (jexl steps into
 * a list's first element for `.field`), so `.length` becomes the `length` transform.
 */
function rewriteAst(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(rewriteAst);
  const n = node as Record<string, unknown>;
  for (const v of Object.values(n)) rewriteAst(v);
  if (n.type !== 'Identifier') return;
  if (n.value === 'null' && n.from === undefined && !n.relative) {
    for (const k of Object.keys(n)) delete n[k];
    Object.assign(n, { type: 'Literal', value: null });
  } else if (n.value === 'length' && n.from !== undefined) {
    const from = n.from;
    for (const k of Object.keys(n)) delete n[k];
    Object.assign(n, { type: 'FunctionCall', name: 'length', pool: 'transforms', args: [from] });
  }
}

/**
 * jexl cannot read numeric member names after a dot; flows write `match.0` for the whole
 * pattern match, so `name.0` is rewritten to `name["0"]` before compiling.
 */
function numericMembers(source: string): string {
  return source.replace(/([A-Za-z_$][\w$]*|\])\.(\d+)(?![\w.])/g, '$1["$2"]');
}

/** Compiles (or fetches from cache) an expression; throws ExpressionError when it does not parse. */
export function compileExpression(source: string): JexlExpression {
  let entry = cache.get(source);
  if (!entry) {
    try {
      const compiled = jexl.compile(numericMembers(source));
      const ast = compiled._getAst();
      rewriteAst(ast);
      // Static forbidden names are refused up front; dynamic ones are neutralised by the
      // null-prototype scope and by dropping function results in evaluateExpression.
      entry = touchesForbidden(ast) ? { evalSync: () => undefined, _getAst: () => ast } : compiled;
    } catch (err) {
      entry = new ExpressionError(source, err);
    }
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(source, entry);
  }
  if (entry instanceof ExpressionError) throw entry;
  return entry;
}

/**
 * Evaluates an expression against a scope (build it with buildScope). A function result
 * (e.g. `"x"["constructor"]`) is returned as undefined so it can never be rendered or used.
 */
export function evaluateExpression(source: string, scope: Record<string, unknown>): unknown {
  const compiled = compileExpression(source);
  // Date and number transforms need the user's locale, zone and the injected clock.
  const value = withRenderLocale(localeOfScope(scope), () => compiled.evalSync(scope));
  return typeof value === 'function' ? undefined : value;
}
