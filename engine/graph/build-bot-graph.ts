/**
 * The diagram data of a bot: every flow's steps as nodes, the labelled edges the step kinds
 * declare (read from engine/flow/bot-graph.ts, never re-derived), triggers as entry nodes,
 * flow ends, sub-flow calls and returns, and optionally what the tests covered. Plain JSON,
 * so `parley graph` renders it (DOT, SVG, Mermaid) and the studio serves it to its browser
 * diagram unchanged. Keep {@link BotDiagram} stable: both read it.
 */
import type { SourceSpan } from '../errors.js';
import { botGraph, type BotEdge, type EdgeEnd } from '../flow/bot-graph.js';
import type { Bot, StepKind } from '../flow/flow-types.js';
import type { ParsedSource } from '../flow/parsed-source.js';
import type { EdgeKind } from '../compile/steps/step-kind.js';
import { edgeLabel, stepLabel, stepOf, triggerLabel } from './graph-labels.js';

/** One box of the diagram. */
export interface DiagramNode {
  /** `flow/step` for steps, `flow/trigger:<i>` for triggers, `flow/(end)`, or `(end-all)`. */
  id: string;
  flow: string;
  type: 'step' | 'trigger' | 'end' | 'end-all';
  /** Step key (its id, or `@<index>`), for steps. */
  step?: string;
  kind?: StepKind;
  /** First line: the step id (or the trigger). */
  title: string;
  /** Second line: what the step does (`menu "Por favor…"`). */
  detail?: string;
  /** True for steps that wait for the user or a timer (menu, ask, wait). */
  waits?: boolean;
  span?: SourceSpan;
  /** With coverage: whether a test entered the step or used the trigger. */
  covered?: boolean;
}

/** One arrow of the diagram. */
export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  /** What the edge means; `trigger` for an entry from a trigger node. */
  kind: EdgeKind | 'trigger';
  /** Option title, `then`/`else`, `otherwise`, `on_error`, `timer 2h`, … ("" for a plain next). */
  label: string;
  /** True when the edge leaves its flow (a call, a goto into another flow). */
  crossFlow: boolean;
  span?: SourceSpan;
  /** With coverage: whether a test took the edge. */
  covered?: boolean;
}

/** One flow (a cluster of the diagram). */
export interface DiagramFlow {
  id: string;
  file: string;
  description?: string;
}

/** The whole diagram. */
export interface BotDiagram {
  flows: DiagramFlow[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Set when built with coverage. */
  coverage?: { covered: number; total: number };
}

/** What the tests reached, by index into the bot graph (see engine/testing/coverage.ts). */
export interface DiagramCoverage {
  nodes: boolean[];
  edges: boolean[];
  entries: boolean[];
}

const END_ALL = '(end-all)';

function target(end: EdgeEnd, flow: string): string | undefined {
  if (end.kind === 'step') return `${end.flow}/${end.step}`;
  if (end.kind === 'end') return `${flow}/(end)`;
  if (end.kind === 'end-all') return END_ALL;
  return undefined;
}

/** Builds the diagram of a loaded bot (`loadBot`'s result once it has a bot). */
export function buildBotGraph(loaded: { bot: Bot; sources: readonly ParsedSource[] }, coverage?: DiagramCoverage): BotDiagram {
  const { bot } = loaded;
  const graph = botGraph(loaded.sources);
  const flows: DiagramFlow[] = loaded.sources.map((src, fi) => ({
    id: bot.flows[fi].id,
    file: src.file,
    ...(bot.flows[fi].description ? { description: bot.flows[fi].description } : {}),
  }));
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const ends = new Set<string>();
  const flag = (list: boolean[] | undefined, i: number) => (list ? { covered: list[i] } : {});
  graph.nodes.forEach((n, i) => {
    const step = stepOf(bot, n);
    nodes.push({
      id: `${n.flow}/${n.step}`, flow: n.flow, type: 'step', step: n.step, kind: n.kind,
      title: n.step, detail: stepLabel(step, n.kind), ...(n.waits ? { waits: true } : {}), span: n.span, ...flag(coverage?.nodes, i),
    });
  });
  const seen = new Map<string, number>();
  const edgeId = (base: string) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  };
  graph.edges.forEach((e: BotEdge, i) => {
    const to = target(e.to, e.from.flow);
    if (!to) return;
    if (e.to.kind === 'end') ends.add(e.from.flow);
    const from = `${e.from.flow}/${e.from.step}`;
    const extra = e.option ? `:${e.option.id}` : e.branch ? `:${e.branch}` : '';
    edges.push({
      id: edgeId(`${from}->${e.kind}${extra}`), from, to, kind: e.kind, label: edgeLabel(bot, e),
      crossFlow: e.to.kind === 'step' && e.to.flow !== e.from.flow, span: e.span, ...flag(coverage?.edges, i),
    });
  });
  graph.entries.forEach((e, i) => {
    const to = target(e.to, e.flow);
    if (e.trigger < 0 || !to) return;
    const id = `${e.flow}/trigger:${e.trigger}`;
    const trigger = bot.flows[e.fi]?.triggers?.[e.trigger];
    nodes.push({ id, flow: e.flow, type: 'trigger', title: triggerLabel(trigger, bot.config.command_prefix), span: e.span, ...flag(coverage?.entries, i) });
    edges.push({ id: `${id}->trigger`, from: id, to, kind: 'trigger', label: '', crossFlow: false, span: e.span, ...flag(coverage?.entries, i) });
  });
  for (const flow of ends) nodes.push({ id: `${flow}/(end)`, flow, type: 'end', title: 'end' });
  if (edges.some((e) => e.to === END_ALL)) nodes.push({ id: END_ALL, flow: '', type: 'end-all', title: 'end all' });
  const diagram: BotDiagram = { flows, nodes, edges };
  if (coverage) {
    const counted = edges.filter((e) => e.covered !== undefined);
    diagram.coverage = { covered: counted.filter((e) => e.covered).length, total: counted.length };
  }
  return diagram;
}
