/**
 * The one graph model of a bot: its steps (nodes), where triggers enter it, and every labelled
 * edge the step kinds declare (engine/compile/steps/<kind>-step.ts), resolved across flows,
 * with source spans. Validation (targets, reachability, loops), `parley graph`, the studio's
 * diagram and coverage read this; none of them re-derives edges.
 */
import type { SourceSpan } from '../errors.js';
import type { StepKind } from './flow-types.js';
import type { WaitingKind } from '../compile/bot-context.js';
import { stepDefinition } from '../compile/steps/step-registry.js';
import type { EdgeKind, EdgeTo } from '../compile/steps/step-kind.js';
import { flowIndex, flowInfos, isRecord, kindOf, resolveTarget, type FlowInfo, type ResolvedTarget } from './flow-model.js';
import { spanAt, type DataPath, type ParsedSource } from './parsed-source.js';

/** A step of the bot. `step` is its key as the runtime names it: its id, or `@<index>`. */
export interface GraphNode {
  flow: string;
  step: string;
  /** Index of the flow among the bot's files, and of the step in its flow. */
  fi: number;
  si: number;
  kind?: StepKind;
  /** Set for steps that wait (menu, ask, wait). */
  waits?: WaitingKind;
  span: SourceSpan;
}

/** Where an edge lands. `end` = the flow ends (back to its caller or the interrupted question). */
export type EdgeEnd =
  | { kind: 'step'; flow: string; step: string; fi: number; si: number }
  | { kind: 'end' }
  | { kind: 'end-all' }
  | { kind: 'unknown-step'; fi: number; name: string }
  | { kind: 'unknown-flow'; name: string }
  | { kind: 'invalid' };

/** One labelled edge. */
export interface BotEdge {
  kind: EdgeKind;
  from: { flow: string; step: string; fi: number; si: number };
  to: EdgeEnd;
  /** The step, option or key that makes the edge. */
  span: SourceSpan;
  /** Path of that part in its flow file (`['steps', 3, 'menu', 'options', 1]`). */
  path: DataPath;
  /** Path in the file of the target as written (`next:`, `then:`, an option's `next:`), when there is one. */
  targetPath?: DataPath;
  option?: { id: string; title: unknown; index: number };
  branch?: 'then' | 'else';
  condition?: string;
}

/** A trigger that starts a flow. */
export interface BotEntry {
  flow: string;
  fi: number;
  /** Index of the trigger in the flow's `triggers`; -1 = the flow's first step (flow calls, the send API). */
  trigger: number;
  to: EdgeEnd;
  span: SourceSpan;
}

/** Nodes, entries and edges of a bot. */
export interface BotGraph {
  nodes: GraphNode[];
  entries: BotEntry[];
  edges: BotEdge[];
}

/** The step key the runtime uses. */
function keyOf(step: unknown, si: number): string {
  return isRecord(step) && typeof step.id === 'string' ? step.id : `@${si}`;
}

function end(flows: readonly FlowInfo[], r: ResolvedTarget): EdgeEnd {
  if (r.kind !== 'step') return r.kind === 'unknown-step' ? { kind: 'unknown-step', fi: r.flow, name: r.name } : r;
  const f = flows[r.flow];
  return { kind: 'step', flow: f.id ?? '', step: keyOf(f.steps[r.step], r.step), fi: r.flow, si: r.step };
}

/** Resolves a declared edge target written in step `si` of flow `fi`. */
function land(flows: readonly FlowInfo[], byId: ReadonlyMap<string, number>, fi: number, si: number, to: EdgeTo, declared: DataPath): { to: EdgeEnd; targetPath?: DataPath } {
  const base = ['steps', si];
  const step = flows[fi].steps[si] as Record<string, unknown>;
  if ('written' in to) return { to: end(flows, resolveTarget(flows, byId, fi, to.written)), targetPath: [...base, ...declared] };
  if ('self' in to) return { to: end(flows, { kind: 'step', flow: fi, step: si }) };
  if ('endAll' in to) return { to: { kind: 'end-all' } };
  if ('flowStart' in to) {
    const callee = typeof to.flowStart === 'string' ? byId.get(to.flowStart) : undefined;
    if (callee === undefined) return { to: typeof to.flowStart === 'string' ? { kind: 'unknown-flow', name: to.flowStart } : { kind: 'invalid' } };
    return { to: flows[callee].steps.length > 0 ? end(flows, { kind: 'step', flow: callee, step: 0 }) : { kind: 'invalid' } };
  }
  if (step.next !== undefined) return { to: end(flows, resolveTarget(flows, byId, fi, step.next)), targetPath: [...base, 'next'] };
  return { to: si + 1 < flows[fi].steps.length ? end(flows, { kind: 'step', flow: fi, step: si + 1 }) : { kind: 'end' } };
}

/**
 * The graph of already-viewed flows. `spans: false` skips computing spans (the validator
 * only needs them for the few edges it reports, and a bot may have thousands of steps).
 */
export function graphOf(flows: readonly FlowInfo[], byId: ReadonlyMap<string, number>, options: { spans?: boolean } = {}): BotGraph {
  const withSpans = options.spans ?? true;
  const NO_SPAN: SourceSpan = { file: '', line: 0, col: 0 };
  const nodes: GraphNode[] = [];
  const edges: BotEdge[] = [];
  const entries: BotEntry[] = [];
  flows.forEach((f, fi) => {
    const flow = f.id ?? '';
    const span = (path: DataPath) => (withSpans ? spanAt(f.src, path) : NO_SPAN);
    f.steps.forEach((step, si) => {
      const kind = kindOf(step);
      const def = kind && stepDefinition(kind);
      const from = { flow, step: keyOf(step, si), fi, si };
      nodes.push({ ...from, kind, ...(def && def.waits ? { waits: def.waits } : {}), span: span(['steps', si]) });
      if (!def || !isRecord(step)) return;
      for (const e of def.edges(step)) {
        const landed = land(flows, byId, fi, si, e.to, e.path);
        const { kind: ek, path, to: _to, ...extra } = e;
        const at = ['steps', si, ...path];
        edges.push({ kind: ek, from, ...landed, span: span(at), path: at, ...extra });
      }
    });
    if (f.steps.length > 0) entries.push({ flow, fi, trigger: -1, to: end(flows, { kind: 'step', flow: fi, step: 0 }), span: span(['steps', 0]) });
    f.triggers.forEach((t, ti) => {
      if (!isRecord(t)) return;
      const goto = typeof t.goto === 'string' ? f.stepIds.get(t.goto) : 0;
      if (goto === undefined || f.steps.length === 0) return;
      entries.push({ flow, fi, trigger: ti, to: end(flows, { kind: 'step', flow: fi, step: goto }), span: span(['triggers', ti]) });
    });
  });
  return { nodes, entries, edges };
}

/** The graph of a bot's parsed flow sources (see LoadResult.sources), with spans. */
export function botGraph(sources: readonly ParsedSource[]): BotGraph {
  const flows = flowInfos(sources);
  return graphOf(flows, flowIndex(flows));
}
