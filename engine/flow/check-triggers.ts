/**
 * Checks across the triggers of all flows: one command, payload or pattern must start one
 * flow (DUPLICATE_TRIGGER), and only one flow may catch everything else (MULTIPLE_FALLBACKS).
 */
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';

interface Claim {
  flow: FlowInfo;
  index: number;
}

function owner(claim: Claim): string {
  const span = spanAt(claim.flow.src, ['triggers', claim.index]);
  return `flow \`${claim.flow.id ?? '?'}\` (${span.file}:${span.line})`;
}

/** DUPLICATE_TRIGGER and MULTIPLE_FALLBACKS. */
export function checkTriggers(flows: readonly FlowInfo[]): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  const claims = new Map<string, Claim>();
  let fallback: Claim | undefined;
  for (const flow of flows) {
    flow.triggers.forEach((t, index) => {
      if (!isRecord(t)) return;
      const claim = { flow, index };
      let key: string | undefined;
      let what = '';
      let field = '';
      // Commands match case-insensitively and with either prefix, as the runtime reads them.
      if (typeof t.command === 'string') {
        key = `command:${t.command.toLowerCase().replace(/^[!/]/, '')}`;
        what = t.command === '*' ? 'The catch-all command `*`' : `The command \`${t.command}\``;
        field = 'command';
      } else if (typeof t.pattern === 'string') {
        // The first flow with a pattern always wins, so the same pattern again never fires.
        key = `pattern:${t.pattern}\u0000${typeof t.flags === 'string' ? t.flags : 'u'}`;
        what = `The pattern \`${t.pattern}\``;
        field = 'pattern';
      } else if (typeof t.payload === 'string') {
        key = `payload:${t.payload}`;
        what = `The payload \`${t.payload}\``;
        field = 'payload';
      } else if (t.fallback === true) {
        if (fallback) {
          out.push(new FlowDiagnostic(
            'MULTIPLE_FALLBACKS',
            `Only one flow can be the fallback, and ${owner(fallback)} already is; remove this \`fallback\` trigger.`,
            spanAt(flow.src, ['triggers', index, 'fallback'], 'key'),
          ));
        } else fallback = claim;
        return;
      }
      if (key === undefined) return;
      const first = claims.get(key);
      if (first) {
        out.push(new FlowDiagnostic(
          'DUPLICATE_TRIGGER',
          `${what} already starts ${owner(first)}, which wins, so this trigger never fires; keep it in one flow and use \`goto\` there to reach the right step.`,
          spanAt(flow.src, ['triggers', index, field]),
        ));
      } else claims.set(key, claim);
    });
  }
  return out;
}
