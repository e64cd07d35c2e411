/**
 * The diagram data: each flow as nodes (its triggers as entry points, its steps, its ends) and
 * labelled edges. The browser lays it out (elkjs) and draws it. Node ids are
 * `<flow>.<step key>`, the same positions the runner reports, so the current step can be lit.
 */
import type { Bot, Flow, LocalizedText, Step, StepTarget, Trigger } from '../../engine/flow/flow-types.js';
import { stepKey, stepKind } from '../../engine/compile/step-address.js';

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

/** Builds the diagram of one flow of `bot`. */
export function flowGraph(bot: Bot, flow: Flow): FlowGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const keys = flow.steps.map((s, i) => stepKey(s, i));
  const endId = `${flow.id}#end`;
  const node = (n: GraphNode) => {
    if (!seen.has(n.id)) nodes.push(n);
    seen.add(n.id);
  };
  const firstOf = (id: string) => {
    const f = bot.flows.find((x) => x.id === id);
    return f && f.steps.length > 0 ? stepKey(f.steps[0], 0) : undefined;
  };
  const resolve = (target: StepTarget | undefined, fallthrough: string): string => {
    if (target === undefined) return fallthrough;
    if (target === 'end') return endId;
    let other: { flow: string; step?: string } | undefined;
    if (typeof target === 'object') other = target;
    else if (target.includes('.') && !keys.includes(target)) other = { flow: target.split('.')[0], step: target.split('.').slice(1).join('.') };
    if (!other) return `${flow.id}.${target}`;
    if (other.flow === flow.id) return `${flow.id}.${other.step ?? keys[0]}`;
    const id = `${other.flow}.${other.step ?? firstOf(other.flow) ?? ''}`;
    node({ id, kind: 'external', label: `${other.flow}${other.step ? ` · ${other.step}` : ''}`, external: true });
    return id;
  };
  const edge = (from: string, to: string, label?: string) => edges.push({ id: `e${edges.length}`, from, to, ...(label ? { label } : {}) });

  (flow.triggers ?? []).forEach((t, i) => {
    const id = `${flow.id}#trigger${i}`;
    node({ id, kind: 'trigger', label: triggerLabel(t) });
    edge(id, t.goto ? `${flow.id}.${t.goto}` : `${flow.id}.${keys[0]}`);
  });
  flow.steps.forEach((step, i) => {
    node({ id: `${flow.id}.${keys[i]}`, kind: stepKind(step), label: step.id ?? `${stepKind(step)} #${i + 1}`, detail: short(detailOf(step)) });
  });
  flow.steps.forEach((step, i) => {
    const from = `${flow.id}.${keys[i]}`;
    const following = i + 1 < keys.length ? `${flow.id}.${keys[i + 1]}` : endId;
    const s = step as unknown as Record<string, any>;
    const next = resolve(s.next, following);
    if ('menu' in s) {
      for (const o of s.menu.options) edge(from, resolve(o.next, following), short(textOf(o.title), 20));
      if (s.menu.otherwise) edge(from, resolve(s.menu.otherwise.next, from), 'otherwise');
      if (s.menu.remind?.next) edge(from, resolve(s.menu.remind.next, from), `after ${s.menu.remind.after}`);
    } else if ('ask' in s) {
      edge(from, next, 'answer');
      if (s.ask.on_fail) edge(from, resolve(s.ask.on_fail, following), 'retries exhausted');
      if (s.ask.remind?.next) edge(from, resolve(s.ask.remind.next, from), `after ${s.ask.remind.after}`);
    } else if ('if' in s) {
      edge(from, resolve(s.then, following), 'then');
      edge(from, resolve(s.else, following), 'else');
    } else if ('goto' in s) {
      edge(from, resolve(s.goto, following));
    } else if ('end' in s) {
      edge(from, endId);
    } else {
      if ('flow' in s) edge(from, resolve({ flow: s.flow }, following), 'calls');
      if ('call' in s && s.on_error) edge(from, resolve(s.on_error, following), 'on_error');
      edge(from, next, 'wait' in s ? `after ${detailOf(step)}` : undefined);
    }
  });
  if (edges.some((e) => e.to === endId)) node({ id: endId, kind: 'end', label: 'end' });
  return { flow: flow.id, ...(flow.description ? { description: flow.description } : {}), nodes, edges };
}

/** Every flow's diagram. */
export function botGraphs(bot: Bot): FlowGraph[] {
  return bot.flows.map((f) => flowGraph(bot, f));
}
