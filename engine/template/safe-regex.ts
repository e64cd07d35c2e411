/**
 * The one place regular expressions over user text are compiled. Author patterns (trigger
 * `pattern:`, `ask.pattern`, conditions) and the built-in answer checks run on RE2 (re2js, a
 * pure-JS port): matching takes time linear in the input, so no pattern and no message can
 * stall the event loop the way a backtracking engine does on `(\w+\s?)+` (seconds for 42
 * characters). The price is the two features that need backtracking, backreferences and
 * lookaround; such patterns are refused with a code, never run.
 *
 * Input is also capped before matching: text longer than MAX_MATCH_INPUT characters matches
 * no pattern, so even a linear match has a small bound (and an anchored pattern never
 * matches a cut-off prefix of a longer text, which truncating would do).
 */
import { RE2JS } from 're2js';
import { ParleyError } from '../errors.js';

/**
 * Longest text matched, in UTF-16 units: the longest text message any supported platform
 * delivers (7,000; most take 4,096: each adapter's `limits.text`). Longer input matches nothing.
 */
export const MAX_MATCH_INPUT = 7000;

/** Why a pattern cannot be used. */
export type SafePatternCode =
  /** Not a valid JavaScript regular expression at all (or bad flags). */
  | 'PATTERN_SYNTAX'
  /** A backreference or lookaround: needs backtracking, cannot run in linear time. */
  | 'PATTERN_NOT_LINEAR'
  /** Valid JavaScript that RE2 does not have (e.g. `\p{Script=Greek}`; RE2 spells it `\p{Greek}`). */
  | 'PATTERN_UNSUPPORTED';

/** A pattern refused by {@link compileSafePattern}; `message` says what to change. */
export class SafePatternError extends ParleyError<SafePatternCode> {
  constructor(code: SafePatternCode, message: string) {
    super(code, message);
  }
}

/** Captures of a match: `0` (the whole match), `1`, `2`, … and every named group that took part. */
export type SafeCaptures = Record<string, string>;

/** A compiled pattern. */
export interface SafePattern {
  readonly source: string;
  readonly flags: string;
  /** True when the pattern occurs in `text`; false for text past MAX_MATCH_INPUT. */
  test(text: string): boolean;
  /** The first match's captures, or null (also for text past MAX_MATCH_INPUT). Groups that did not take part are absent. */
  exec(text: string): SafeCaptures | null;
}

/** JavaScript flags RE2 honours; `g`, `d`, `u` and `v` change nothing for a single match. */
const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, g: 0, d: 0, u: 0, v: 0, y: 0 };

/**
 * Finds a backreference (`\1`, `\k<name>`) or lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`)
 * outside character classes; returns how it is written, or undefined.
 */
function backtrackingFeature(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `\\${next}`;
      if (!inClass && next === 'k' && source[i + 2] === '<') return '\\k<…>';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && source[i + 1] === '?') {
      const look = /^\(\?(=|!|<=|<!)/.exec(source.slice(i, i + 4));
      if (look) return look[0];
    }
  }
  return undefined;
}

const cache = new Map<string, SafePattern>();
const CACHE_MAX = 500;

/**
 * Compiles `source` (JavaScript regex syntax, as authors write it in YAML) with JavaScript
 * `flags` (default `u`) to a linear-time matcher. Throws SafePatternError when the pattern is
 * invalid or needs backtracking. Compiled patterns are cached by source and flags.
 */
export function compileSafePattern(source: string, flags = 'u'): SafePattern {
  const id = `${flags}/${source}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const pattern = build(source, flags);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(id, pattern);
  return pattern;
}

/** The reason a pattern would be refused, or undefined when it compiles (for validation). */
export function checkSafePattern(source: string, flags = 'u'): SafePatternError | undefined {
  try {
    compileSafePattern(source, flags);
    return undefined;
  } catch (err) {
    if (err instanceof SafePatternError) return err;
    throw err;
  }
}

/** True when `text` is short enough to be matched at all. */
export function withinMatchLimit(text: string): boolean {
  return text.length <= MAX_MATCH_INPUT;
}

function build(source: string, flags: string): SafePattern {
  const unknown = [...flags].filter((f) => !(f in FLAG_BITS));
  if (unknown.length > 0 || new Set(flags).size !== flags.length) {
    throw new SafePatternError('PATTERN_SYNTAX', `The flags "${flags}" are not valid; use any of i, m, s, u (each once), e.g. "iu".`);
  }
  if (flags.includes('u') && flags.includes('v')) {
    throw new SafePatternError('PATTERN_SYNTAX', `The flags "${flags}" have both u and v; keep one of them.`);
  }
  try {
    // JavaScript's own parser first: it decides what is valid syntax, as the author expects.
    new RegExp(source, flags);
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: /, '');
    throw new SafePatternError('PATTERN_SYNTAX', `The pattern is not a valid regular expression (${reason}); fix it, and escape special characters like \`(\` or \`[\` with \`\\\`.`);
  }
  const feature = backtrackingFeature(source);
  if (feature) {
    throw new SafePatternError(
      'PATTERN_NOT_LINEAR',
      `The pattern uses \`${feature}\` (a ${feature.startsWith('(') ? 'lookaround' : 'backreference'}), which needs backtracking and could freeze the bot on long messages; rewrite it without it (match more loosely and check the capture with an \`if:\`).`,
    );
  }
  const bits = [...flags].reduce((b, f) => b | FLAG_BITS[f]!, 0);
  let re: RE2JS;
  try {
    // translateRegExp turns JavaScript-only spellings (`\u00e9`, `[^]`, `\cJ`) into RE2's.
    const body = RE2JS.translateRegExp(source);
    re = RE2JS.compile(flags.includes('y') ? `^(?:${body})` : body, bits);
  } catch (err) {
    throw new SafePatternError('PATTERN_UNSUPPORTED', `The pattern uses syntax the linear-time matcher does not have (${(err as Error).message}); rewrite that part (for scripts write \`\\p{Greek}\`, not \`\\p{Script=Greek}\`).`);
  }
  const names = Object.entries(re.namedGroups() as Record<string, number>);
  const groups = re.groupCount();
  return {
    source,
    flags,
    test: (text) => withinMatchLimit(text) && re.matcher(text).find(),
    exec(text) {
      if (!withinMatchLimit(text)) return null;
      const m = re.matcher(text);
      if (!m.find()) return null;
      const out: SafeCaptures = {};
      for (let g = 0; g <= groups; g++) {
        const v = m.group(g);
        if (v !== null && v !== undefined) out[String(g)] = v;
      }
      for (const [name, g] of names) {
        const v = m.group(g);
        if (v !== null && v !== undefined) out[name] = v;
      }
      return out;
    },
  };
}
