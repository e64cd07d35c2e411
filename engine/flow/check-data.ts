/**
 * Checks of the data features: `set:` writing a `user.*` field the platform owns
 * (USER_FIELD_READ_ONLY), and a menu whose options answer to the same word, so one of them
 * could never be chosen by typing it (AMBIGUOUS_OPTION_WORD).
 */
import { WRITABLE_USER_FIELDS } from '../compile/user-fields.js';
import { foldText } from '../compile/match-answer.js';
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, kindOf, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';

const writable = WRITABLE_USER_FIELDS.map((f) => `user.${f}`).join(' and ');

function checkSet(flow: FlowInfo, si: number, set: Record<string, unknown>, out: FlowDiagnostic[]): void {
  for (const key of Object.keys(set)) {
    if (!key.startsWith('user.') || (WRITABLE_USER_FIELDS as readonly string[]).includes(key.slice(5))) continue;
    out.push(new FlowDiagnostic(
      'USER_FIELD_READ_ONLY',
      `\`${key}\` comes from the platform and cannot be set; only ${writable} can. Save your own value in a variable instead (\`set: { ${key.slice(5)}: … }\`).`,
      spanAt(flow.src, ['steps', si, 'set', key], 'key'),
    ));
  }
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

/** USER_FIELD_READ_ONLY and AMBIGUOUS_OPTION_WORD for every flow. */
export function checkData(flows: readonly FlowInfo[]): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  for (const flow of flows) {
    flow.steps.forEach((step, si) => {
      if (!isRecord(step)) return;
      const kind = kindOf(step);
      if (kind === 'set' && isRecord(step.set)) checkSet(flow, si, step.set, out);
      if (kind === 'menu' && isRecord(step.menu) && Array.isArray(step.menu.options)) checkMenuWords(flow, si, step.menu.options, out);
    });
  }
  return out;
}
