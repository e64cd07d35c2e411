import { describe, expect, it } from 'vitest';
import { checkSafePattern, compileSafePattern, MAX_MATCH_INPUT } from '../../engine/template/safe-regex.js';
import { readAnswer } from '../../engine/compile/match-answer.js';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { fastest } from '../../bench/fastest.js';


describe('compileSafePattern', () => {
  it('keeps named groups as captures, with 0 and the numbered groups', () => {
    const p = compileSafePattern('^new:(?<text>[\\s\\S]+)$');
    expect(p.exec('new:two\nlines')).toEqual({ 0: 'new:two\nlines', 1: 'two\nlines', text: 'two\nlines' });
    expect(p.test('old:x')).toBe(false);
    // A group that did not take part is absent, as with JavaScript's undefined.
    expect(compileSafePattern('(?<a>x)|(?<b>y)').exec('y')).toEqual({ 0: 'y', 2: 'y', b: 'y' });
  });

  it('honours the i, m and s flags and JavaScript spellings like \\u00e9', () => {
    expect(compileSafePattern('^hola$', 'iu').test('HOLA')).toBe(true);
    expect(compileSafePattern('^b$', 'mu').test('a\nb')).toBe(true);
    expect(compileSafePattern('^a.b$', 'su').test('a\nb')).toBe(true);
    expect(compileSafePattern('caf\\u00e9').test('un café')).toBe(true);
  });

  it('refuses backreferences and lookaround with PATTERN_NOT_LINEAR and says how to fix it', () => {
    for (const source of ['(a+)\\1', '(?<w>\\w)\\k<w>', '^(?!0000)\\d{4}$', 'a(?=b)', '(?<=x)y', '(?<!x)y']) {
      const err = checkSafePattern(source);
      expect(err?.code, source).toBe('PATTERN_NOT_LINEAR');
      expect(err?.message).toMatch(/rewrite it without/);
    }
    // Escaped or inside a class, the same characters are plain text.
    expect(checkSafePattern('\\(?=')).toBeUndefined();
    expect(checkSafePattern('[(?=]')).toBeUndefined();
  });

  it('refuses invalid syntax with PATTERN_SYNTAX and RE2-only gaps with PATTERN_UNSUPPORTED', () => {
    expect(checkSafePattern('^order (?<id>\\d+$')?.code).toBe('PATTERN_SYNTAX');
    expect(checkSafePattern('x', 'q')?.code).toBe('PATTERN_SYNTAX');
    expect(checkSafePattern('\\p{Script=Greek}')?.code).toBe('PATTERN_UNSUPPORTED');
    expect(() => compileSafePattern('(a)\\1')).toThrow(expect.objectContaining({ code: 'PATTERN_NOT_LINEAR' }));
  });

  it('runs (\\w+\\s?)+ in linear time: under 50 ms on 42 characters and on the longest matched input', () => {
    const p = compileSafePattern('^(\\w+\\s?)+$');
    const short = `${'a'.repeat(41)}!`;
    const longest = `${'ab '.repeat(MAX_MATCH_INPUT / 3 - 1)}!`;
    expect(fastest(() => expect(p.test(short)).toBe(false))).toBeLessThan(50);
    expect(longest.length).toBeLessThanOrEqual(MAX_MATCH_INPUT);
    expect(fastest(() => expect(p.test(longest)).toBe(false))).toBeLessThan(50);
  });

  it('matches nothing past MAX_MATCH_INPUT characters (a 10 kB message)', () => {
    const p = compileSafePattern('^(\\w+\\s?)+$');
    const tenKb = 'a'.repeat(10_240);
    expect(p.test(tenKb)).toBe(false);
    expect(p.exec(tenKb)).toBeNull();
    expect(p.test('a'.repeat(MAX_MATCH_INPUT))).toBe(true);
  });
});

describe('built-in answer checks', () => {
  const text = (t: string) => ({ kind: 'text' as const, text: t });

  it('email and number are linear: ten times the input costs well under a hundred times the time', () => {
    // Near-misses that make a backtracking engine quadratic.
    const email = (n: number) => `a@${'a.'.repeat(n / 2)} x`;
    const number = (n: number) => `${'1'.repeat(n)}x`;
    for (const [type, make] of [['email', email], ['number', number]] as const) {
      const small = fastest(() => readAnswer(type, undefined, text(make(600))), 9);
      const large = fastest(() => readAnswer(type, undefined, text(make(6000))), 9);
      // Linear is ~10x; quadratic would be ~100x. The floor keeps timer resolution out of it.
      expect(large, type).toBeLessThan(Math.max(small, 0.05) * 40);
    }
  });

  it('answers 100 kB input at once (past the matching cap: not an email, not a number)', () => {
    const big = `a@${'a.'.repeat(50_000)} x`;
    expect(fastest(() => expect(readAnswer('email', undefined, text(big)).ok).toBe(false))).toBeLessThan(50);
    expect(fastest(() => expect(readAnswer('number', undefined, text(`${'1'.repeat(100_000)}x`)).ok).toBe(false))).toBeLessThan(50);
    expect(readAnswer('email', undefined, text('ana@example.com'))).toMatchObject({ ok: true, value: 'ana@example.com' });
    expect(readAnswer('number', undefined, text('3,5'))).toMatchObject({ ok: true, value: 3.5 });
  });
});

describe('author patterns in a running bot', () => {
  it('a trigger with (\\w+\\s?)+ answers a 42-character message within 50 ms', async () => {
    const c = conversation(botFromYaml(`
version: 1
id: words
triggers: [ { pattern: '^(\\w+\\s?)+$' } ]
steps:
  - say: "words"
`, `
version: 1
id: other
triggers: [ { fallback: true } ]
steps:
  - say: "other"
`));
    await c.text('warm up');
    const t = performance.now();
    const r = await c.text(`${'a'.repeat(41)}!`);
    expect(performance.now() - t).toBeLessThan(50);
    expect(c.texts(r)).toEqual(['other']);
    expect(c.texts(await c.text('just words here'))).toEqual(['words']);
  });
});
