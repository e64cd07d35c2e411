/**
 * The diagram data: each flow as nodes (its triggers as entry points, its steps, its ends) and
 * labelled edges, read from the bot's one graph model (the same one `parley graph` and the
 * validator use). The browser lays it out (elkjs) and draws it. Node ids are
 * `<flow>.<step key>`, the positions the runner reports, so the current step can be lit.
 */
import type { Bot, LocalizedText, Step, Trigger } from '../../engine/flow/flow-types.js';
import { botGraph, type BotEdge, type BotGraph, type EdgeEnd } from '../../engine/flow/bot-graph.js';
import type { ParsedSource } from '../../engine/flow/parsed-source.js';

/** A box of the diagram. */
export interface GraphNode {
  id: string;
  kind: string;
  label: string;
  /** Extra line under the label (the text said, the menu's question). */
  detail?: string;
  /** A node of another flow that an edge leads to. */
  external?: boolean;
}

/** An arrow of the diagram. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  label?: string;
}

/** One flow's diagram. */
export interface FlowGraph {
  flow: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const textOf = (t: LocalizedText | undefined): string => (t === undefined ? '' : typeof t === 'string' ? t : (t.default ?? Object.values(t)[0] ?? ''));
const short = (s: string, n = 48) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function triggerLabel(t: Trigger): string {
  if ('command' in t) return t.command === '*' ? 'any command' : `command ${t.command}`;
  if ('pattern' in t) return `pattern /${short(t.pattern, 28)}/`;
  if ('event' in t) return `event ${t.event}`;
  if ('payload' in t) return `payload ${t.payload}`;
  return 'fallback';
}

function detailOf(step: Step): string {
  const s = step as unknown as Record<string, any>;
  if ('say' in s) return textOf(s.say);
  if ('menu' in s) return textOf(s.menu.text);
  if ('ask' in s) return textOf(s.ask.text);
  if ('call' in s) return s.call;
  if ('if' in s) return s.if;
  if ('flow' in s) return `runs ${s.flow}`;
  if ('wait' in s) return typeof s.wait === 'string' ? s.wait : s.wait.for;
  if ('set' in s) return Object.keys(s.set).join(', ');
  if ('log' in s) return typeof s.log === 'string' ? s.log : Object.keys(s.log).join(', ');
  return '';
}

const EDGE_LABELS: Partial<Record<string, string>> = {
  otherwise: 'otherwise',
  on_error: 'on error',
  retries_exhausted: 'retries exhausted',
  timer: 'after wait',
  remind: 'reminder',
  call: 'calls',
  return: 'returns',
  cancel: 'cancel',
};

function edgeLabel(e: BotEdge): string | undefined {
  if (e.kind === 'option' && e.option) return short(textOf(e.option.title as LocalizedText), 20);
  if (e.kind === 'branch') return e.branch;
  return EDGE_LABELS[e.kind];
}

/** The diagram of flow `flowId`, from the bot's graph model (engine/flow/bot-graph.ts). */
export function flowGraph(bot: Bot, graph: BotGraph, flowId: string): FlowGraph {
  const flow = bot.flows.find((f) => f.id === flowId)!;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (n: GraphNode) => {
    if (!seen.has(n.id)) nodes.push(n);
    seen.add(n.id);
  };
  const target = (to: EdgeEnd): string | undefined => {
    if (to.kind === 'end') return add({ id: `${flowId}#end`, kind: 'end', label: 'end' }), `${flowId}#end`;
    if (to.kind === 'end-all') return add({ id: `${flowId}#end-all`, kind: 'end', label: 'end all' }), `${flowId}#end-all`;
    if (to.kind !== 'step') return undefined;
    const id = `${to.flow}.${to.step}`;
    if (to.flow !== flowId) add({ id, kind: 'external', label: `${to.flow} · ${to.step.startsWith('@') ? 'start' : to.step}`, external: true });
    return id;
  };
  const edge = (from: string, to: string | undefined, label?: string) => {
    if (to) edges.push({ id: `e${edges.length}`, from, to, ...(label ? { label } : {}) });
  };
  const triggers = flow.triggers ?? [];
  for (const e of graph.entries.filter((x) => x.flow === flowId)) {
    if (e.trigger === -1 && triggers.length > 0) continue;
    const id = `${flowId}#trigger${e.trigger}`;
    nodes.push({ id, kind: 'trigger', label: e.trigger === -1 ? 'start' : triggerLabel(triggers[e.trigger]) });
    seen.add(id);
    edge(id, target(e.to));
  }
  for (const n of graph.nodes.filter((x) => x.flow === flowId)) {
    const step = flow.steps[n.si];
    add({ id: `${flowId}.${n.step}`, kind: n.kind ?? 'step', label: step?.id ?? `${n.kind ?? 'step'} #${n.si + 1}`, detail: step ? short(detailOf(step)) : '' });
  }
  for (const e of graph.edges.filter((x) => x.from.flow === flowId)) edge(`${flowId}.${e.from.step}`, target(e.to), edgeLabel(e));
  // Ends last, so they are drawn at the bottom of their layer.
  nodes.sort((a, b) => Number(a.kind === 'end') - Number(b.kind === 'end'));
  return { flow: flowId, ...(flow.description ? { description: flow.description } : {}), nodes, edges };
}

/** Every flow's diagram. */
export function botGraphs(bot: Bot, sources: readonly ParsedSource[]): FlowGraph[] {
  const graph = botGraph(sources);
  return bot.flows.map((f) => flowGraph(bot, graph, f.id));
}
