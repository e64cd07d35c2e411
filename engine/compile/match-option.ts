/**
 * How a waiting menu reads an answer: a press of an option's id, its number, its title, one
 * of its `also:` words, or an unambiguous start of its title ("acme" for "Acme
 * Corporation"); for `multiple: true` menus, several of those in one message ("1, 3",
 * "pool and tennis"). Pure functions, so guards and actions agree.
 */
import { foldText } from './match-answer.js';
import type { InputView } from './input-view.js';

/** An option as rendered for this user: its id, title and synonyms in their language. */
export interface RenderedOption {
  id: string;
  title: string;
  also?: readonly string[];
}

/** The outcome of reading one choice. */
export type OptionMatch = { kind: 'chosen'; index: number } | { kind: 'ambiguous'; indexes: number[] } | { kind: 'none' };

/** Shortest text read as the start of a title; shorter ones are too likely to be chance. */
const MIN_PARTIAL = 3;

/** Reads one choice out of `text`. */
function matchText(options: readonly RenderedOption[], text: string): OptionMatch {
  const folded = foldText(text);
  if (!folded) return { kind: 'none' };
  if (/^\d+$/.test(folded)) {
    const n = Number(folded);
    return n >= 1 && n <= options.length ? { kind: 'chosen', index: n - 1 } : { kind: 'none' };
  }
  const exact = options.findIndex((o) => foldText(o.title) === folded || (o.also ?? []).some((w) => foldText(w) === folded));
  if (exact >= 0) return { kind: 'chosen', index: exact };
  if (folded.length < MIN_PARTIAL) return { kind: 'none' };
  const partial = options
    .map((o, i) => ({ i, words: [foldText(o.title), ...foldText(o.title).split(/[^\p{L}\p{N}]+/u)] }))
    .filter(({ words }) => words.some((w) => w.startsWith(folded)))
    .map(({ i }) => i);
  if (partial.length === 1) return { kind: 'chosen', index: partial[0] };
  return partial.length > 1 ? { kind: 'ambiguous', indexes: partial } : { kind: 'none' };
}

/** Reads a single-choice answer. */
export function matchOption(options: readonly RenderedOption[], input: InputView): OptionMatch {
  if (input.kind === 'option' && input.optionId !== undefined) {
    const byId = options.findIndex((o) => o.id === input.optionId);
    if (byId >= 0) return { kind: 'chosen', index: byId };
  }
  const text = input.text ?? input.title;
  return typeof text === 'string' ? matchText(options, text) : { kind: 'none' };
}

/** Splits "1, 3 and 4" / "pool y tenis" into its parts. */
function parts(text: string): string[] {
  return text.split(/\s*(?:,|;|\+|&|\band\b|\by\b|\be\b|\bet\b|\bund\b)\s*|\s+(?=\d)/iu).map((s) => s.trim()).filter(Boolean);
}

/**
 * Reads a multi-select answer: the indexes chosen, in the options' order, or undefined when
 * any part is not an option (so the menu asks again instead of guessing). A press counts
 * as one choice.
 */
export function matchOptions(options: readonly RenderedOption[], input: InputView): number[] | undefined {
  if (input.kind === 'option' && input.optionId !== undefined) {
    const one = matchOption(options, input);
    return one.kind === 'chosen' ? [one.index] : undefined;
  }
  const text = input.text ?? input.title;
  if (typeof text !== 'string') return undefined;
  const whole = matchText(options, text);
  if (whole.kind === 'chosen') return [whole.index];
  const chosen = new Set<number>();
  for (const part of parts(text)) {
    const m = matchText(options, part);
    if (m.kind !== 'chosen') return undefined;
    chosen.add(m.index);
  }
  return chosen.size ? [...chosen].sort((a, b) => a - b) : undefined;
}
