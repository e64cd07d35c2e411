/**
 * `migrate:` maps renamed step ids (old → new) so waiting conversations follow a rename;
 * each new id must be a step of the flow (UNKNOWN_STEP_TARGET otherwise).
 */
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';
import { didYouMean } from './suggest-name.js';

/** Checks every flow's `migrate:` targets. */
export function checkMigrate(flows: readonly FlowInfo[]): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  for (const flow of flows) {
    const data = isRecord(flow.src.data) ? flow.src.data : {};
    if (!isRecord(data.migrate)) continue;
    for (const [from, to] of Object.entries(data.migrate)) {
      if (typeof to !== 'string' || flow.stepIds.has(to)) continue;
      out.push(new FlowDiagnostic(
        'UNKNOWN_STEP_TARGET',
        `\`migrate:\` moves conversations from \`${from}\` to \`${to}\`, which this flow does not have${didYouMean(to, flow.stepIds.keys(), '; name the step id it was renamed to.')}`,
        spanAt(flow.src, ['migrate', from]),
      ));
    }
  }
  return out;
}
