/**
 * Inputs that test generation tries: a text a trigger's pattern matches, and answers an
 * `ask:` of each type accepts or refuses. Every sample is checked by running it, so a
 * sample that does not work only means an edge is reported as not reached.
 */
import type { AskType } from '../flow/flow-types.js';
import { compileSafePattern } from '../template/safe-regex.js';

/** One character a class or escape stands for. */
function charOf(cls: string): string {
  if (cls === '\\d') return '1';
  if (cls === '\\w' || cls === '\\S' || cls === '.') return 'a';
  if (cls === '\\s') return ' ';
  if (cls.startsWith('[')) {
    const body = cls.slice(1, -1);
    if (body.startsWith('^') || body.includes('\\S') || body.includes('\\w')) return 'a';
    if (body.startsWith('\\s')) return ' ';
    const m = /^\\?(.)/.exec(body);
    return m ? (m[0] === '\\S' || m[0] === '\\w' ? 'a' : m[0] === '\\d' ? '1' : m[1]) : 'a';
  }
  return cls.startsWith('\\') ? cls.slice(1) : cls;
}

/**
 * A text the pattern matches, for the common forms triggers use (literals, classes,
 * groups, quantifiers, alternation); undefined when the sample does not match.
 */
export function sampleMatching(pattern: string, flags = 'u'): string | undefined {
  const tokens = /\\.|\[(?:\\.|[^\]])*\]|\((?:\?<[^>]+>|\?:|\?=|\?!)?|\)|\{(\d+)(?:,\d*)?\}|[*+?|^$]|./gu;
  const stack: string[][] = [[]];
  let skipAlternative = 0;
  for (const m of pattern.matchAll(tokens)) {
    const t = m[0];
    const top = stack[stack.length - 1];
    if (t.startsWith('(')) stack.push([]);
    else if (t === ')') {
      const group = stack.pop()!.join('');
      stack[stack.length - 1].push(group);
    } else if (t === '|') skipAlternative = stack.length;
    else if (skipAlternative === stack.length && skipAlternative > 0) continue;
    else if (t === '^' || t === '$') continue;
    else if (t === '*' || t === '?') top.pop();
    else if (t === '+') continue;
    else if (m[1] !== undefined) top.push((top.pop() ?? '').repeat(Math.max(1, Number(m[1]))));
    else top.push(charOf(t));
    if (t === ')' && skipAlternative > stack.length) skipAlternative = 0;
  }
  const sample = stack[0].join('');
  try {
    return compileSafePattern(pattern, flags).test(sample) ? sample : undefined;
  } catch {
    return undefined;
  }
}

/** Answers an ask of `type` takes, and ones it refuses (none for types that take anything). */
export function askSamples(type: AskType = 'text', pattern?: string): { valid: string[]; invalid: string[] } {
  const sample = pattern ? sampleMatching(pattern) : undefined;
  const byType: Record<AskType, { valid: string[]; invalid: string[] }> = {
    text: { valid: [sample ?? 'hello'], invalid: pattern ? ['#'] : [] },
    any: { valid: ['hello'], invalid: [] },
    number: { valid: ['42'], invalid: ['not a number'] },
    integer: { valid: ['42'], invalid: ['not a number'] },
    email: { valid: ['ana@example.com'], invalid: ['not an email'] },
    phone: { valid: ['+14155550123'], invalid: ['not a phone'] },
    yes_no: { valid: ['yes', 'no'], invalid: ['perhaps'] },
    location: { valid: [], invalid: ['somewhere'] },
    // Dates and times are read relative to the test's fake clock.
    date: { valid: ['tomorrow'], invalid: ['not a date'] },
    time: { valid: ['5pm'], invalid: ['not a time'] },
    datetime: { valid: ['tomorrow at 5pm'], invalid: ['not a date'] },
  };
  return byType[type] ?? byType.text;
}
