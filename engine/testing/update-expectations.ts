/**
 * `parley test --update`: the expectations of failing turns rewritten from what the bot now
 * says, as a list of changes (shown to the author as a diff) and the file texts with them
 * applied. Comments and layout of the test files are kept (yaml's document model).
 */
import { parseDocument } from 'yaml';
import type { SourceSpan } from '../errors.js';
import { turnOptions, turnTexts } from './expect-turn.js';
import type { TestResult } from './run-test.js';

/** One expectation to rewrite (`after` undefined = remove the key). */
export interface ExpectationChange {
  file: string;
  span: SourceSpan;
  test: string;
  /** Path of the key in the file's data. */
  path: (string | number)[];
  before: unknown;
  after: unknown;
}

const one = (texts: string[]) => (texts.length === 1 ? texts[0] : texts);

/** The changes that make a failing test pass again, and the mismatches no rewrite can fix. */
export function expectationChanges(result: TestResult): { changes: ExpectationChange[]; unfixable: string[] } {
  const changes: ExpectationChange[] = [];
  const unfixable: string[] = [];
  const { test } = result;
  result.mismatches.forEach((mismatches, j) => {
    const turn = test.turns[j];
    const observed = result.observed[j];
    const base = ['tests', test.index, 'turns', j];
    const span = (key: string) => test.keySpans[j][key] ?? test.turnSpans[j];
    const change = (key: string, after: unknown, sub?: string) =>
      changes.push({ file: test.file, span: span(key), test: test.name, path: sub ? [...base, key, sub] : [...base, key], before: sub ? (turn as Record<string, Record<string, unknown>>)[key][sub] : (turn as Record<string, unknown>)[key], after });
    const keys = new Set(mismatches.map((m) => m.key));
    for (const key of keys) {
      if (key === 'bot') change('bot', one(turnTexts(observed)));
      else if (key === 'options') change('options', turnOptions(observed));
      else if (key === 'flow') change('flow', observed.waiting?.flow);
      else if (key === 'step') change('step', observed.waiting ? `${observed.waiting.flow}.${observed.waiting.step}` : 'none');
      else if (key === 'vars') for (const name of Object.keys(turn.vars ?? {})) change('vars', observed.vars[name] ?? null, name);
      else if (key === 'contains' || key === 'silent') {
        change(key, undefined);
        if (!keys.has('bot')) change('bot', one(turnTexts(observed)));
      } else unfixable.push(`${test.file}:${span(key).line}: "${test.name}" turn ${j + 1}: ${mismatches.find((m) => m.key === key)!.message} (not an expectation --update can rewrite)`);
    }
  });
  return { changes, unfixable };
}

/** A file's text with its changes applied. */
export function applyChanges(text: string, changes: readonly ExpectationChange[]): string {
  const doc = parseDocument(text);
  for (const c of changes) {
    if (c.after === undefined) doc.deleteIn(c.path);
    else doc.setIn(c.path, doc.createNode(c.after, { flow: Array.isArray(c.after) && c.after.every((x) => typeof x === 'string' && x.length < 30) }));
  }
  return doc.toString({ lineWidth: 0 });
}

/** The changes as a diff for people: `file:line` then `-` before and `+` after. */
export function formatChanges(changes: readonly ExpectationChange[]): string {
  const show = (v: unknown) => (v === undefined ? '(removed)' : JSON.stringify(v));
  return changes.map((c) => `${c.file}:${c.span.line}:${c.span.col} "${c.test}" ${c.path.slice(4).join('.')}\n  - ${show(c.before)}\n  + ${show(c.after)}`).join('\n');
}
