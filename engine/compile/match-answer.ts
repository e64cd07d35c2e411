/**
 * How a waiting menu or ask reads an answer. Pure functions over the input view, so the
 * machine's guards and actions agree on the result.
 */
import type { AskType } from '../flow/flow-types.js';
import type { InputView } from './input-view.js';
import { compileSafePattern } from '../template/safe-regex.js';

/** Lower-case, trimmed, without accents: how titles and yes/no words are compared. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/**
 * Index of the chosen option, or -1: a press of its id, its title (trimmed, case- and
 * accent-insensitive), or its 1-based number.
 */
export function matchMenuOption(options: { id: string; title: string }[], input: InputView): number {
  if (input.kind === 'option' && input.optionId !== undefined) {
    const byId = options.findIndex((o) => o.id === input.optionId);
    if (byId >= 0) return byId;
  }
  const text = input.text ?? input.title;
  if (typeof text !== 'string') return -1;
  const folded = foldText(text);
  if (/^\d+$/.test(folded)) {
    const n = Number(folded);
    if (n >= 1 && n <= options.length) return n - 1;
  }
  return options.findIndex((o) => foldText(o.title) === folded);
}

/** The outcome of reading an answer to an ask step. */
export type AnswerResult = { ok: true; value: unknown; match: Record<string, string> } | { ok: false };

const YES = new Set(['yes', 'y', 'si', 'true']);
const NO = new Set(['no', 'n', 'false']);
// The built-in checks run on the linear-time matcher too: on V8 the email and number
// patterns backtrack quadratically on long near-misses ("a@" + "a.a.a…", "1111…x").
const EMAIL = compileSafePattern('^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$');
const NUMBER = compileSafePattern('^[+-]?(\\d+\\.?\\d*|\\.\\d+)$');
const INTEGER = compileSafePattern('^[+-]?\\d+$');
const PHONE = compileSafePattern('^\\+?[\\d\\s-]+$');

/** Types the answer; undefined when it does not fit the type. */
function typed(type: AskType, input: InputView, text: string | undefined): unknown {
  const t = text?.trim();
  switch (type) {
    case 'any':
      return t ?? { ...input };
    case 'text':
      return t ? t : undefined;
    case 'number': {
      const s = t?.replace(',', '.');
      return s && NUMBER.test(s) ? Number(s) : undefined;
    }
    case 'integer':
      return t && INTEGER.test(t) ? Number(t) : undefined;
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

/** Reads an answer: by type, then the optional pattern over the text. */
export function readAnswer(type: AskType, pattern: string | undefined, input: InputView, flags = 'u'): AnswerResult {
  const text = input.text ?? (input.kind === 'option' ? input.title : undefined);
  const value = typed(type, input, text);
  if (value === undefined) return { ok: false };
  const match: Record<string, string> = {};
  if (pattern) {
    if (typeof text !== 'string') return { ok: false };
    const m = compileSafePattern(pattern, flags).exec(text.trim());
    if (!m) return { ok: false };
    // An answer's `match` is the whole match and the named groups (numbered ones are for triggers).
    for (const [k, v] of Object.entries(m)) if (k === '0' || !/^\d+$/.test(k)) match[k] = v;
  }
  return { ok: true, value, match };
}
