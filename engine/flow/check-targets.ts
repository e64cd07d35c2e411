/**
 * Checks that ids are unique and that every target (next, goto, options, then/else,
 * on_error, on_fail, reminders, trigger goto, `flow:` steps) names something that exists.
 */
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, kindOf, resolveTarget, targetSites, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';
import { didYouMean } from './suggest-name.js';

function where(flow: FlowInfo, path: readonly (string | number)[]): string {
  const span = spanAt(flow.src, path);
  return `${span.file}:${span.line}`;
}

/** DUPLICATE_FLOW_ID, DUPLICATE_STEP_ID and DUPLICATE_OPTION_ID. */
export function checkDuplicateIds(flows: readonly FlowInfo[]): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  const firstFlow = new Map<string, FlowInfo>();
  for (const flow of flows) {
    if (flow.id === undefined) continue;
    const first = firstFlow.get(flow.id);
    if (first) {
      out.push(new FlowDiagnostic(
        'DUPLICATE_FLOW_ID',
        `Flow id \`${flow.id}\` is already used by ${first.src.file}; give this flow another id.`,
        spanAt(flow.src, ['id']),
        { hint: `first defined at ${where(first, ['id'])}` },
      ));
    } else firstFlow.set(flow.id, flow);
    flow.steps.forEach((step, si) => {
      if (!isRecord(step)) return;
      if (typeof step.id === 'string' && flow.stepIds.get(step.id) !== si) {
        const first = flow.stepIds.get(step.id)!;
        out.push(new FlowDiagnostic(
          'DUPLICATE_STEP_ID',
          `Step id \`${step.id}\` is already used by step ${first + 1} of this flow; rename one of them.`,
          spanAt(flow.src, ['steps', si, 'id']),
          { hint: `first defined at ${where(flow, ['steps', first, 'id'])}` },
        ));
      }
      const options = isRecord(step.menu) && Array.isArray(step.menu.options) ? step.menu.options : [];
      const seen = new Map<string, number>();
      options.forEach((o, oi) => {
        if (!isRecord(o) || typeof o.id !== 'string') return;
        if (seen.has(o.id)) {
          out.push(new FlowDiagnostic(
            'DUPLICATE_OPTION_ID',
            `Option id \`${o.id}\` is already used by option ${seen.get(o.id)! + 1} of this menu; give each option its own id.`,
            spanAt(flow.src, ['steps', si, 'menu', 'options', oi, 'id']),
          ));
        } else seen.set(o.id, oi);
      });
    });
  }
  return out;
}

/** UNKNOWN_STEP_TARGET and UNKNOWN_FLOW_TARGET for every target of every flow. */
export function checkTargets(flows: readonly FlowInfo[], byId: ReadonlyMap<string, number>): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  flows.forEach((flow, fi) => {
    flow.steps.forEach((step, si) => {
      for (const site of targetSites(step, si)) {
        const r = resolveTarget(flows, byId, fi, site.target);
        const span = spanAt(flow.src, site.path);
        if (r.kind === 'unknown-flow') {
          out.push(new FlowDiagnostic(
            'UNKNOWN_FLOW_TARGET',
            `There is no flow \`${r.name}\`${didYouMean(r.name, byId.keys(), `; use one of the flow ids: ${[...byId.keys()].join(', ')}.`)}`,
            span,
          ));
        } else if (r.kind === 'unknown-step') {
          const target = flows[r.flow];
          const inFlow = r.flow === fi ? 'this flow' : `flow \`${target.id}\``;
          out.push(new FlowDiagnostic(
            'UNKNOWN_STEP_TARGET',
            `There is no step \`${r.name}\` in ${inFlow}${didYouMean(r.name, target.stepIds.keys(), '; give the step you mean `id: ' + r.name + '`, or use `end`.')}`,
            span,
          ));
        }
      }
      if (kindOf(step) === 'flow' && isRecord(step) && typeof step.flow === 'string' && !byId.has(step.flow)) {
        out.push(new FlowDiagnostic(
          'UNKNOWN_FLOW_TARGET',
          `There is no flow \`${step.flow}\` to run${didYouMean(step.flow, byId.keys(), `; use one of the flow ids: ${[...byId.keys()].join(', ')}.`)}`,
          spanAt(flow.src, ['steps', si, 'flow']),
        ));
      }
    });
    flow.triggers.forEach((t, ti) => {
      if (!isRecord(t) || typeof t.goto !== 'string' || flow.stepIds.has(t.goto)) return;
      out.push(new FlowDiagnostic(
        'UNKNOWN_STEP_TARGET',
        `Trigger ${ti + 1} starts at step \`${t.goto}\`, which this flow does not have${didYouMean(t.goto, flow.stepIds.keys(), '; a trigger can only start at a step id of its own flow.')}`,
        spanAt(flow.src, ['triggers', ti, 'goto']),
      ));
    });
  });
  return out;
}
