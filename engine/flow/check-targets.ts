/**
 * Checks that ids are unique and that every target (next, goto, options, then/else,
 * on_error, on_fail, reminders, trigger goto, `flow:` steps) names something that exists.
 */
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, resolveTarget, type FlowInfo } from './flow-model.js';
import type { BotEdge, BotGraph } from './bot-graph.js';
import type { DataPath } from './parsed-source.js';
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

/** UNKNOWN_STEP_TARGET and UNKNOWN_FLOW_TARGET for every edge of every flow, and every trigger `goto`. */
export function checkTargets(flows: readonly FlowInfo[], byId: ReadonlyMap<string, number>, graph: BotGraph): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  const flowIds = () => `; use one of the flow ids: ${[...byId.keys()].join(', ')}.`;
  const reported = new Set<string>();
  const report = (fi: number, path: DataPath, to: BotEdge['to'], running = false) => {
    // Most edges land; only a missing target costs a key and a span.
    if (to.kind !== 'unknown-flow' && to.kind !== 'unknown-step') return;
    const key = `${fi}\u0000${path.join('\u0000')}`;
    if (reported.has(key)) return;
    reported.add(key);
    const span = spanAt(flows[fi].src, path);
    if (to.kind === 'unknown-flow') {
      out.push(new FlowDiagnostic(
        'UNKNOWN_FLOW_TARGET',
        `There is no flow \`${to.name}\`${running ? ' to run' : ''}${didYouMean(to.name, byId.keys(), flowIds())}`,
        span,
      ));
    } else if (to.kind === 'unknown-step') {
      const target = flows[to.fi];
      const inFlow = to.fi === fi ? 'this flow' : `flow \`${target.id}\``;
      // A bare name that is a flow's id: the author most likely meant to run that flow.
      const isFlow = to.fi === fi && byId.has(to.name);
      const fix = isFlow
        ? `, but \`${to.name}\` is a flow: to run it and come back, use a step \`flow: ${to.name}\`; to continue there, use \`{ flow: ${to.name} }\`.`
        : didYouMean(to.name, target.stepIds.keys(), '; give the step you mean `id: ' + to.name + '`, or use `end`.');
      out.push(new FlowDiagnostic('UNKNOWN_STEP_TARGET', `There is no step \`${to.name}\` in ${inFlow}${fix}`, span));
    }
  };
  for (const e of graph.edges) {
    if (e.targetPath) report(e.from.fi, e.targetPath, e.to);
    else if (e.kind === 'call' || e.kind === 'timer') report(e.from.fi, e.path, e.to, true);
  }
  // A `next:` the kind does not follow (goto, end) must still name something real.
  flows.forEach((flow, fi) => flow.steps.forEach((step, si) => {
    if (!isRecord(step) || step.next === undefined) return;
    const r = resolveTarget(flows, byId, fi, step.next);
    if (r.kind === 'unknown-flow') report(fi, ['steps', si, 'next'], r);
    if (r.kind === 'unknown-step') report(fi, ['steps', si, 'next'], { kind: 'unknown-step', fi: r.flow, name: r.name });
  }));
  flows.forEach((flow) => {
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
