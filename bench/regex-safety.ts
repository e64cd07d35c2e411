/**
 * Prints how long pathological patterns and inputs take on the linear-time matcher Parley
 * uses (engine/template/safe-regex.ts, RE2 via re2js) next to V8's backtracking RegExp.
 * Run: npx tsx bench/regex-safety.ts
 */
import { compileSafePattern, MAX_MATCH_INPUT } from '../engine/template/safe-regex.js';
import { readAnswer } from '../engine/compile/match-answer.js';
import { fastest } from './fastest.js';

const ms = (n: number) => `${n.toFixed(3)} ms`;

const source = '^(\\w+\\s?)+$';
const safe = compileSafePattern(source);
const native = new RegExp(source, 'u');
console.log(`pattern ${source}, input "a…a!"`);
for (const n of [20, 24, 26]) {
  const s = `${'a'.repeat(n - 1)}!`;
  console.log(`  ${String(n).padStart(5)} chars  RE2 ${ms(fastest(() => safe.test(s)))}   V8 ${ms(fastest(() => native.test(s), 1))}`);
}
for (const n of [42, 1000, MAX_MATCH_INPUT]) {
  const s = `${'a'.repeat(n - 1)}!`;
  console.log(`  ${String(n).padStart(5)} chars  RE2 ${ms(fastest(() => safe.test(s)))}   V8 (not run: exponential)`);
}
const tenKb = 'a'.repeat(10_240);
console.log(`  10240 chars  RE2 ${ms(fastest(() => safe.test(tenKb)))} (past the ${MAX_MATCH_INPUT}-character cap: no match)`);

const email = (n: number) => `a@${'a.'.repeat(n / 2)} x`;
const number = (n: number) => `${'1'.repeat(n)}x`;
const oldEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const oldNumber = /^[+-]?(\d+\.?\d*|\.\d+)$/;
console.log('built-in checks on near-miss input (ask type email / number)');
for (const n of [700, 6000, 100_000]) {
  const e = email(n);
  const d = number(n);
  const line = [
    `  ${String(n).padStart(6)} chars`,
    `email RE2 ${ms(fastest(() => readAnswer('email', undefined, { kind: 'text', text: e })))}`,
    `V8 ${n <= 6000 ? ms(fastest(() => oldEmail.test(e), 1)) : '(skipped)'}`,
    `number RE2 ${ms(fastest(() => readAnswer('number', undefined, { kind: 'text', text: d })))}`,
    `V8 ${n <= 6000 ? ms(fastest(() => oldNumber.test(d), 1)) : '(skipped)'}`,
  ];
  console.log(line.join('  '));
}
