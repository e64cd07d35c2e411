/**
 * SCHEDULE_INCOMPLETE: a `schedule:` says when (exactly one of `in`, `at`) and what
 * (exactly one of `say`, `flow`, `step`). The schema describes the keys; this says which
 * are missing or too many, at the schedule, with the fix.
 */
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, kindOf, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';

const WHEN = ['in', 'at'] as const;
const WHAT = ['say', 'flow', 'step'] as const;

/** One diagnostic per schedule that lacks, or doubles, its when or its what. */
export function checkSchedules(flows: readonly FlowInfo[]): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  for (const flow of flows) {
    flow.steps.forEach((step, si) => {
      if (kindOf(step) !== 'schedule' || !isRecord(step) || !isRecord(step.schedule)) return;
      const body = step.schedule;
      const when = WHEN.filter((k) => body[k] !== undefined);
      const what = WHAT.filter((k) => body[k] !== undefined);
      const problems: string[] = [];
      if (when.length !== 1) problems.push(when.length === 0 ? 'no `in:` or `at:` saying when' : 'both `in:` and `at:`; keep one');
      if (what.length !== 1) problems.push(what.length === 0 ? 'no `say:`, `flow:` or `step:` saying what to do' : `${what.map((k) => `\`${k}:\``).join(' and ')}; keep one`);
      if (problems.length === 0) return;
      out.push(new FlowDiagnostic(
        'SCHEDULE_INCOMPLETE',
        `This schedule has ${problems.join(', and ')}; write e.g. \`schedule: { name: ${typeof body.name === 'string' ? body.name : 'nudge'}, in: 10m, say: "…" }\`.`,
        spanAt(flow.src, ['steps', si, 'schedule'], 'key'),
      ));
    });
  }
  return out;
}
