/**
 * How a waiting menu or ask reads an answer. Pure functions over the input view, so the
 * machine's guards and actions agree on the result.
 */
import type { AskType } from '../flow/flow-types.js';
import type { InputView } from './input-view.js';
import type { AnswerOptions } from './answer-options.js';
import { recognizeNumber } from '../template/recognize-number.js';
import { recognizeDate } from './recognize-date.js';
import { compileSafePattern } from '../template/safe-regex.js';

/** Lower-case, trimmed, without accents: how titles and yes/no words are compared. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/** The outcome of reading an answer to an ask step. */
export type AnswerResult = { ok: true; value: unknown; match: Record<string, string> } | { ok: false };

const YES = new Set(['yes', 'y', 'si', 'true']);
const NO = new Set(['no', 'n', 'false']);
// The built-in checks run on the linear-time matcher too: on V8 the email pattern
// backtracks quadratically on long near-misses ("a@" + "a.a.a…"). Numbers are read by the
// recognizer (recognize-number.ts), which caps the text it reads.
const EMAIL = compileSafePattern('^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$');
const PHONE = compileSafePattern('^\\+?[\\d\\s-]+$');

const NO_OPTIONS: AnswerOptions = { locale: 'en', timezone: 'UTC', now: 0 };

/** Types the answer; undefined when it does not fit the type. */
function typed(type: AskType, input: InputView, text: string | undefined, opts: AnswerOptions): unknown {
  const t = text?.trim();
  switch (type) {
    case 'any':
      return t ?? { ...input };
    case 'text':
      return t ? t : undefined;
    case 'number':
      return t ? recognizeNumber(t, opts.locale) : undefined;
    case 'integer': {
      const n = t ? recognizeNumber(t, opts.locale) : undefined;
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    }
    case 'date':
    case 'time':
    case 'datetime':
      return t ? recognizeDate(t, type, opts) : undefined;
    case 'email':
      return t && EMAIL.test(t) ? t : undefined;
    case 'phone': {
      const raw = input.kind === 'contact' ? input.phone : t;
      if (!raw || !PHONE.test(raw)) return undefined;
      const digits = raw.replace(/\D/g, '');
      if (digits.length < 7 || digits.length > 15) return undefined;
      return raw.trim().startsWith('+') ? `+${digits}` : digits;
    }
    case 'yes_no': {
      const f = t === undefined ? '' : foldText(t);
      if (YES.has(f)) return true;
      if (NO.has(f)) return false;
      return undefined;
    }
    case 'location':
      return input.kind === 'location' ? { latitude: input.latitude, longitude: input.longitude } : undefined;
  }
}

/**
 * Reads an answer: by type (numbers and dates in the user's locale, zone and clock from
 * `opts`), then the optional pattern (with its flags) over the text.
 */
export function readAnswer(type: AskType, pattern: string | undefined, input: InputView, opts: AnswerOptions = NO_OPTIONS): AnswerResult {
  const text = input.text ?? (input.kind === 'option' ? input.title : undefined);
  const value = typed(type, input, text, opts);
  if (value === undefined) return { ok: false };
  const match: Record<string, string> = {};
  if (pattern) {
    if (typeof text !== 'string') return { ok: false };
    const m = compileSafePattern(pattern, opts.flags || 'u').exec(text.trim());
    if (!m) return { ok: false };
    // An answer's `match` is the whole match and the named groups (numbered ones are for triggers).
    for (const [k, v] of Object.entries(m)) if (k === '0' || !/^\d+$/.test(k)) match[k] = v;
  }
  return { ok: true, value, match };
}
