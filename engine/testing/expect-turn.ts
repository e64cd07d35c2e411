/**
 * Compares what one turn produced with what the test expects. Each mismatch names the key
 * at fault, so the report points at that line of the test file.
 */
import { isDeepStrictEqual } from 'node:util';
import type { OutboundMessage, PlatformLimits } from '../types.js';
import type { TestTurn } from './flow-test-types.js';
import type { ObservedTurn } from './test-conversation.js';

/** One expectation that did not hold. */
export interface Mismatch {
  /** The turn key at fault (`bot`, `options`, …). */
  key: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

/** A message as the text a test compares (`[image] url` for media). */
export function messageText(m: OutboundMessage): string | undefined {
  switch (m.kind) {
    case 'text':
    case 'options':
      return m.text;
    case 'media':
      return `[${m.mediaType}] ${m.url}${m.caption ? ` ${m.caption}` : ''}`;
    case 'location':
      return `[location] ${m.latitude}, ${m.longitude}${m.name ? ` ${m.name}` : ''}`;
    case 'typing':
      return undefined;
  }
}

/** The texts of a turn's replies, in order. */
export function turnTexts(observed: ObservedTurn): string[] {
  return observed.messages.map(messageText).filter((t): t is string => t !== undefined);
}

/** The option titles a turn offered, in order. */
export function turnOptions(observed: ObservedTurn): string[] {
  return observed.messages.flatMap((m) => (m.kind === 'options' ? m.options.map((o) => o.title) : []));
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Checks a turn; `captures` receives named groups of `matches:`. */
export function expectTurn(turn: TestTurn, observed: ObservedTurn, captures: Record<string, string>): Mismatch[] {
  const out: Mismatch[] = [];
  const texts = turnTexts(observed);
  if (turn.bot !== undefined && !isDeepStrictEqual(list(turn.bot), texts)) {
    out.push({ key: 'bot', message: 'the replies differ', expected: list(turn.bot), actual: texts });
  }
  for (const part of list(turn.contains)) {
    if (!texts.some((t) => t.includes(part))) out.push({ key: 'contains', message: `no reply contains "${part}"`, expected: part, actual: texts });
  }
  for (const pattern of list(turn.matches)) {
    const re = new RegExp(pattern, 'u');
    const m = texts.map((t) => re.exec(t)).find((x) => x);
    if (!m) out.push({ key: 'matches', message: `no reply matches /${pattern}/`, expected: pattern, actual: texts });
    else Object.assign(captures, Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined)));
  }
  if (turn.options !== undefined && !isDeepStrictEqual(turn.options, turnOptions(observed))) {
    out.push({ key: 'options', message: 'the options offered differ', expected: turn.options, actual: turnOptions(observed) });
  }
  for (const [name, value] of Object.entries(turn.vars ?? {})) {
    if (!isDeepStrictEqual(observed.vars[name], value)) out.push({ key: 'vars', message: `variable \`${name}\` differs`, expected: value, actual: observed.vars[name] ?? null });
  }
  const at = observed.waiting;
  if (turn.flow !== undefined && at?.flow !== turn.flow) {
    out.push({ key: 'flow', message: 'the conversation waits in another flow', expected: turn.flow, actual: at ? at.flow : 'nothing waits' });
  }
  if (turn.step !== undefined) {
    const want = turn.step;
    const ok = want === 'none' ? at === null : !!at && (want.includes('.') ? `${at.flow}.${at.step}` === want : at.step === want);
    if (!ok) out.push({ key: 'step', message: 'the conversation waits at another step', expected: want, actual: at ? `${at.flow}.${at.step}` : 'none' });
  }
  if (turn.silent && texts.length > 0) out.push({ key: 'silent', message: 'the turn should send nothing', expected: [], actual: texts });
  return out;
}

/** Replies that break a platform's limits (too long, too many options, titles too long). */
export function checkLimits(observed: ObservedTurn, platform: string, limits: PlatformLimits): Mismatch[] {
  const out: Mismatch[] = [];
  for (const m of observed.messages) {
    const text = messageText(m);
    if (text !== undefined && text.length > limits.text) {
      out.push({ key: 'platform', message: `a reply is ${text.length} characters, longer than ${platform} allows (${limits.text})`, actual: text.slice(0, 80) + '…' });
    }
    if (m.kind !== 'options') continue;
    if (m.options.length > limits.options) {
      out.push({ key: 'platform', message: `a menu offers ${m.options.length} options, more than ${platform} can show (${limits.options})`, actual: m.options.map((o) => o.title) });
    }
    for (const o of m.options) {
      if (o.title.length > limits.optionTitle) out.push({ key: 'platform', message: `option "${o.title}" is ${o.title.length} characters, longer than ${platform} shows (${limits.optionTitle})`, actual: o.title });
    }
  }
  return out;
}
