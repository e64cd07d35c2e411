/**
 * The diagram data: each flow as nodes (its triggers as entry points, its steps, its ends) and
 * labelled edges, cut per flow out of the bot's one diagram model (`buildBotGraph`, the same
 * data `parley graph` draws). The browser lays it out (elkjs) and draws it. Node ids are the
 * model's (`<flow>/<step key>`), the positions the runner reports, so the current step can be lit.
 */
import type { Bot } from '../../engine/flow/flow-types.js';
import type { ParsedSource } from '../../engine/flow/parsed-source.js';
import { buildBotGraph, type BotDiagram } from '../../engine/graph/build-bot-graph.js';
import type { FlowGraph, GraphEdge, GraphNode } from './studio-types.js';

export type { FlowGraph, GraphEdge, GraphNode };

/** One flow's part of the bot's diagram, with the nodes of other flows its edges reach. */
export function flowGraph(diagram: BotDiagram, flowId: string): FlowGraph {
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  const nodes: GraphNode[] = diagram.nodes
    .filter((n) => n.flow === flowId)
    .map((n) => ({ id: n.id, kind: n.type === 'step' ? (n.kind ?? 'step') : n.type, label: n.title, ...(n.detail ? { detail: n.detail } : {}) }));
  const own = new Set(nodes.map((n) => n.id));
  const edges: GraphEdge[] = [];
  for (const e of diagram.edges.filter((x) => own.has(x.from))) {
    if (!own.has(e.to)) {
      const other = byId.get(e.to);
      nodes.push({ id: e.to, kind: other?.type === 'end-all' ? 'end' : 'external', label: other ? (other.type === 'step' ? `${other.flow} · ${other.title}` : other.title) : e.to, external: other?.type !== 'end-all' });
      own.add(e.to);
    }
    edges.push({ id: e.id, from: e.from, to: e.to, ...(e.label ? { label: e.label } : {}) });
  }
  // Ends last, so they are drawn at the bottom of their layer.
  nodes.sort((a, b) => Number(a.kind === 'end') - Number(b.kind === 'end'));
  const flow = diagram.flows.find((f) => f.id === flowId);
  return { flow: flowId, ...(flow?.description ? { description: flow.description } : {}), nodes, edges };
}

/** Every flow's diagram. */
export function botGraphs(bot: Bot, sources: readonly ParsedSource[]): FlowGraph[] {
  const diagram = buildBotGraph({ bot, sources });
  return diagram.flows.map((f) => flowGraph(diagram, f.id));
}
