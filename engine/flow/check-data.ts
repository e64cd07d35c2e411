/**
 * Checks of the data features: `set:` writing a `user.*` field the platform owns
 * (USER_FIELD_READ_ONLY) or a writable one with a value that cannot work
 * (BAD_USER_FIELD_VALUE), a menu whose options answer to the same word, so one of them could
 * never be chosen by typing it (AMBIGUOUS_OPTION_WORD), and an option `next` a multi-select
 * never takes (MULTIPLE_OPTION_NEXT).
 */
import { IANAZone } from 'luxon';
import { WRITABLE_USER_FIELDS, isLanguageTag } from '../compile/user-fields.js';
import { foldText } from '../compile/match-answer.js';
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, kindOf, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';

const writable = WRITABLE_USER_FIELDS.map((f) => `user.${f}`).join(' and ');

function checkSet(flow: FlowInfo, si: number, set: Record<string, unknown>, out: FlowDiagnostic[]): void {
  for (const key of Object.keys(set)) {
    if (!key.startsWith('user.')) continue;
    if ((WRITABLE_USER_FIELDS as readonly string[]).includes(key.slice(5))) {
      checkUserValue(flow, si, key, set[key], out);
      continue;
    }
    out.push(new FlowDiagnostic(
      'USER_FIELD_READ_ONLY',
      `\`${key}\` comes from the platform and cannot be set; only ${writable} can. Save your own value in a variable instead (\`set: { ${key.slice(5)}: … }\`).`,
      spanAt(flow.src, ['steps', si, 'set', key], 'key'),
    ));
  }
}

/** A literal locale or zone that can never work (templates are checked when they run). */
function checkUserValue(flow: FlowInfo, si: number, key: string, value: unknown, out: FlowDiagnostic[]): void {
  if (typeof value !== 'string' || value.includes('{{') || value === '') return;
  const ok = key === 'user.locale' ? isLanguageTag(value) : IANAZone.isValidZone(value);
  if (ok) return;
  const fix = key === 'user.locale' ? 'a language tag such as `es` or `pt-BR`' : 'an IANA time zone such as `Europe/Madrid` or `America/New_York`';
  out.push(new FlowDiagnostic('BAD_USER_FIELD_VALUE', `\`${key}: ${value}\` would be ignored; write ${fix}.`, spanAt(flow.src, ['steps', si, 'set', key])));
}

/** Options of a multi-select with their own `next`, which is never taken. */
function checkMultipleNext(flow: FlowInfo, si: number, options: unknown[], out: FlowDiagnostic[]): void {
  options.forEach((o, oi) => {
    if (!isRecord(o) || o.next === undefined) return;
    out.push(new FlowDiagnostic(
      'MULTIPLE_OPTION_NEXT',
      'A multi-select answer goes to the step\'s `next`, never to an option\'s; remove this `next`, or put it on the step (or branch after it with `if: (choices|contains(…))`).',
      spanAt(flow.src, ['steps', si, 'menu', 'options', oi, 'next'], 'key'),
    ));
  });
}

function checkMenuWords(flow: FlowInfo, si: number, options: unknown[], out: FlowDiagnostic[]): void {
  const owner = new Map<string, string>();
  options.forEach((o, oi) => {
    if (!isRecord(o) || typeof o.id !== 'string') return;
    const titles = typeof o.title === 'string' ? [o.title] : isRecord(o.title) ? Object.values(o.title).filter((t): t is string => typeof t === 'string') : [];
    const also = Array.isArray(o.also) ? o.also.filter((w): w is string => typeof w === 'string') : [];
    const words = new Set([...titles, ...also].map(foldText));
    for (const word of words) {
      const first = owner.get(word);
      if (first === undefined) {
        owner.set(word, o.id);
        continue;
      }
      if (first === o.id) continue;
      const at = also.findIndex((w) => foldText(w) === word);
      out.push(new FlowDiagnostic(
        'AMBIGUOUS_OPTION_WORD',
        `Options \`${first}\` and \`${o.id}\` both answer to "${word}", so typing it always chooses \`${first}\`; give each option its own words.`,
        spanAt(flow.src, at >= 0 ? ['steps', si, 'menu', 'options', oi, 'also', at] : ['steps', si, 'menu', 'options', oi, 'title']),
      ));
    }
  });
}

/** USER_FIELD_READ_ONLY, BAD_USER_FIELD_VALUE, AMBIGUOUS_OPTION_WORD and MULTIPLE_OPTION_NEXT for every flow. */
export function checkData(flows: readonly FlowInfo[]): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  for (const flow of flows) {
    flow.steps.forEach((step, si) => {
      if (!isRecord(step)) return;
      const kind = kindOf(step);
      if (kind === 'set' && isRecord(step.set)) checkSet(flow, si, step.set, out);
      if (kind === 'menu' && isRecord(step.menu) && Array.isArray(step.menu.options)) {
        checkMenuWords(flow, si, step.menu.options, out);
        if (step.menu.multiple === true) checkMultipleNext(flow, si, step.menu.options, out);
      }
    });
  }
  return out;
}
