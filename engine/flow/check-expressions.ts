/**
 * Checks the small languages inside flows: regexes (BAD_PATTERN), `if:` expressions and
 * `{{ … }}` templates (BAD_EXPRESSION), and the variables they read (UNDEFINED_VARIABLE).
 * Expressions go through the runtime's own compiler so "valid here" means "runs there".
 */
import { compileExpression } from '../template/expression.js';
import { checkSafePattern } from '../template/safe-regex.js';
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, kindOf, type FlowInfo } from './flow-model.js';
import type { SourceSpan } from '../errors.js';
import { rangeAt, spanAt, spanOfRange, type DataPath } from './parsed-source.js';
import { inspectExpressionAst } from './check-expression-ast.js';

/** Names every template may read without a step defining them. */
export const BUILTIN_VARIABLES: readonly string[] = ['user', 'input', 'match', 'command', 'platform', 'now', 'error', 'bot', 'interrupted'];

/** Keys whose string values are ids, names or regexes, never templates. */
const NOT_TEMPLATES = new Set(['id', 'next', 'goto', 'then', 'else', 'on_error', 'on_fail', 'call', 'save', 'flow', 'pattern', 'if', 'type']);

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;

interface Use {
  name: string;
  flow: FlowInfo;
  at: () => SourceSpan;
  /** Names defined where the template is (`item` and `index` inside `options_from`). */
  local?: readonly string[];
}

/** Names `options_from` templates have for each member of the list. */
const OPTIONS_FROM_NAMES = ['item', 'index'];

/** Top-level names an expression reads (`a.b + c[0]` → a, c). */
function readNames(ast: unknown, out: Set<string>): void {
  if (Array.isArray(ast)) return ast.forEach((n) => readNames(n, out));
  if (!isRecord(ast)) return;
  if (ast.type === 'Identifier' && ast.from === undefined && !ast.relative && typeof ast.value === 'string') out.add(ast.value);
  for (const v of Object.values(ast)) if (typeof v === 'object') readNames(v, out);
}

/** Compiles one expression; on failure reports it at `span`, on success records its names. */
function checkExpression(expr: string, flow: FlowInfo, at: () => SourceSpan, uses: Use[], out: FlowDiagnostic[], local?: readonly string[]): void {
  let ast: unknown;
  try {
    ast = compileExpression(expr.trim())._getAst();
  } catch (err) {
    const cause = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
    out.push(new FlowDiagnostic('BAD_EXPRESSION', `The expression \`${expr.trim()}\` does not parse (${cause}); fix its syntax.`, at()));
    return;
  }
  for (const p of inspectExpressionAst(ast, expr.trim())) out.push(new FlowDiagnostic(p.code, p.message, at()));
  const names = new Set<string>();
  readNames(ast, names);
  for (const name of names) uses.push({ name, flow, at, local });
}

/** Where inside a scalar a template starts, so the caret points at the `{{`. */
function templateSpan(flow: FlowInfo, path: DataPath, whole: string) {
  const range = rangeAt(flow.src, path);
  if (range) {
    const at = flow.src.text.slice(range[0], range[1]).indexOf(whole);
    if (at >= 0) return spanOfRange(flow.src, range[0] + at, range[0] + at + whole.length);
  }
  return spanAt(flow.src, path);
}

/** Keys whose values are the author's own data, where every key may hold a template. */
const FREE_FORM = new Set(['with', 'set', 'log']);

/**
 * Walks a value, checking every template string in it. `structural` is true while walking
 * the language's own keys (skip ids and targets) and false inside `with`/`set`/`log` data.
 */
function walkTemplates(value: unknown, flow: FlowInfo, path: DataPath, uses: Use[], out: FlowDiagnostic[], structural = true, local?: readonly string[]): void {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    for (const m of value.matchAll(TEMPLATE)) {
      checkExpression(m[1], flow, () => templateSpan(flow, path, m[0]), uses, out, local);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walkTemplates(v, flow, [...path, i], uses, out, structural, local));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (structural && NOT_TEMPLATES.has(k)) continue;
      // options_from's `list` is read before there is an item; its title and id have one.
      const inner = structural && k === 'options_from' ? OPTIONS_FROM_NAMES : local;
      walkTemplates(v, flow, [...path, k], uses, out, structural && !FREE_FORM.has(k), inner);
    }
  }
}

function checkRegex(source: unknown, flags: string, flow: FlowInfo, path: DataPath, out: FlowDiagnostic[]): void {
  if (typeof source !== 'string') return;
  // The same compile the runtime does, so what validates is exactly what runs.
  const refused = checkSafePattern(source, flags);
  if (!refused) return;
  const code = refused.code === 'PATTERN_SYNTAX' ? 'BAD_PATTERN' : 'UNSAFE_PATTERN';
  out.push(new FlowDiagnostic(code, refused.message, spanAt(flow.src, path)));
}

/** Every variable a step saves or sets, across the whole bot. */
function definedVariables(flows: readonly FlowInfo[]): Set<string> {
  const names = new Set<string>(BUILTIN_VARIABLES);
  for (const f of flows) {
    // `params:` are what the flow's starter (the send API's `vars`) gives it.
    const params = isRecord(f.src.data) && Array.isArray(f.src.data.params) ? f.src.data.params : [];
    for (const p of params) if (typeof p === 'string') names.add(p);
    for (const s of f.steps) {
      if (!isRecord(s)) continue;
      if (typeof s.save === 'string') names.add(s.save);
      for (const k of ['ask', 'menu'] as const) if (isRecord(s[k]) && typeof (s[k] as Record<string, unknown>).save === 'string') names.add((s[k] as Record<string, string>).save);
      if (isRecord(s.set)) for (const k of Object.keys(s.set)) names.add(k);
    }
  }
  return names;
}

/** BAD_PATTERN, BAD_EXPRESSION and UNDEFINED_VARIABLE for every flow. */
export function checkExpressions(flows: readonly FlowInfo[]): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  const uses: Use[] = [];
  for (const flow of flows) {
    flow.triggers.forEach((t, ti) => {
      if (!isRecord(t) || typeof t.pattern !== 'string') return;
      const flags = typeof t.flags === 'string' ? t.flags : 'u';
      checkRegex(t.pattern, flags, flow, ['triggers', ti, t.flags !== undefined && isFlagError(t.pattern, flags) ? 'flags' : 'pattern'], out);
    });
    flow.steps.forEach((step, si) => {
      if (!isRecord(step)) return;
      const kind = kindOf(step);
      if (kind === 'ask' && isRecord(step.ask)) {
        const flags = typeof step.ask.flags === 'string' ? step.ask.flags : 'u';
        // Letters that are no flags at all are the schema's to report.
        if (/^[imsuv]*$/.test(flags)) {
          const bad = step.ask.flags !== undefined && typeof step.ask.pattern === 'string' && isFlagError(step.ask.pattern, flags);
          checkRegex(step.ask.pattern, flags, flow, ['steps', si, 'ask', bad ? 'flags' : 'pattern'], out);
        }
      }
      if (kind === 'if' && typeof step.if === 'string') {
        const path = ['steps', si, 'if'];
        checkExpression(step.if, flow, () => spanAt(flow.src, path), uses, out);
      }
      walkTemplates(step, flow, ['steps', si], uses, out);
    });
  }
  const defined = definedVariables(flows);
  const reported = new Set<string>();
  for (const use of uses) {
    const key = `${use.flow.src.file}\u0000${use.name}`;
    if (defined.has(use.name) || use.local?.includes(use.name) || reported.has(key)) continue;
    reported.add(key);
    out.push(new FlowDiagnostic(
      'UNDEFINED_VARIABLE',
      `No step saves or sets \`${use.name}\`, so it is always empty here; save it first (\`save: ${use.name}\` or \`set: { ${use.name}: … }\`) or use a built-in (${BUILTIN_VARIABLES.join(', ')}).`,
      use.at(),
      { severity: 'warning' },
    ));
  }
  return out;
}

/** True when the source compiles alone, so the flags are what is wrong. */
function isFlagError(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return false;
  } catch {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  }
}
