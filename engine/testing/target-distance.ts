/**
 * How many inputs, at least, separate each step from the nearest target, on the bot graph's
 * labelled edges: an edge out of a waiting step costs one input, every other edge none, a
 * trigger one. Test generation uses it as the A* heuristic, so its search heads for the
 * targets instead of enumerating every conversation.
 */
import type { BotGraph } from '../flow/bot-graph.js';

/** Distances by node index, and from idle (`Infinity` = no target reachable). */
export interface TargetDistances {
  node: number[];
  idle: number;
}

/** Multi-source 0-1 BFS on the reversed graph, from the targets (`e<i>`, `n<i>`, `t<i>`). */
export function targetDistances(graph: BotGraph, targets: ReadonlySet<string>): TargetDistances {
  const IDLE = graph.nodes.length;
  const at = new Map(graph.nodes.map((n, i) => [`${n.fi}/${n.si}`, i]));
  const dist = new Array<number>(IDLE + 1).fill(Infinity);
  const into: { from: number; cost: number }[][] = Array.from({ length: IDLE + 1 }, () => []);
  const cost = (u: number) => (graph.nodes[u]?.waits ? 1 : 0);
  graph.edges.forEach((e) => {
    const u = at.get(`${e.from.fi}/${e.from.si}`);
    if (u === undefined) return;
    const v = e.to.kind === 'step' ? at.get(`${e.to.fi}/${e.to.si}`) : e.to.kind === 'end' || e.to.kind === 'end-all' ? IDLE : undefined;
    if (v !== undefined) into[v].push({ from: u, cost: cost(u) });
  });
  for (const e of graph.entries) {
    const v = e.trigger >= 0 && e.to.kind === 'step' ? at.get(`${e.to.fi}/${e.to.si}`) : undefined;
    if (v !== undefined) into[v].push({ from: IDLE, cost: 1 });
  }
  const seed = (i: number, d: number) => (dist[i] = Math.min(dist[i], d));
  for (const id of targets) {
    const i = Number(id.slice(1));
    if (id[0] === 'n') seed(i, 0);
    else if (id[0] === 't') seed(IDLE, 1);
    else {
      const e = graph.edges[i];
      const u = e && at.get(`${e.from.fi}/${e.from.si}`);
      if (u !== undefined) seed(u, cost(u));
    }
  }
  // Costs are 0 or 1: a deque keeps the order of a Dijkstra search without a heap.
  const deque = dist.map((d, i) => ({ i, d })).filter((x) => x.d < Infinity).sort((a, b) => a.d - b.d).map((x) => x.i);
  while (deque.length > 0) {
    const v = deque.shift()!;
    for (const { from, cost: c } of into[v]) {
      if (dist[v] + c < dist[from]) {
        dist[from] = dist[v] + c;
        if (c === 0) deque.unshift(from);
        else deque.push(from);
      }
    }
  }
  return { node: dist.slice(0, IDLE), idle: dist[IDLE] };
}

/**
 * The variables each step, or a step after it, may read (any name its definition mentions):
 * a value no later step reads cannot change what the conversation does, so test generation
 * treats states that differ only in such values as one.
 */
export function liveNames(graph: BotGraph, stepText: (fi: number, si: number) => string): Set<string>[] {
  const at = new Map(graph.nodes.map((n, i) => [`${n.fi}/${n.si}`, i]));
  const next: number[][] = graph.nodes.map(() => []);
  for (const e of graph.edges) {
    const u = at.get(`${e.from.fi}/${e.from.si}`);
    const v = e.to.kind === 'step' ? at.get(`${e.to.fi}/${e.to.si}`) : undefined;
    if (u !== undefined && v !== undefined) next[u].push(v);
  }
  const own = graph.nodes.map((n) => new Set(stepText(n.fi, n.si).match(/[A-Za-z_][\w]*/g) ?? []));
  return graph.nodes.map((_, start) => {
    const names = new Set<string>();
    const seen = new Set([start]);
    for (const stack = [start]; stack.length > 0;) {
      const u = stack.pop()!;
      for (const name of own[u]) names.add(name);
      for (const v of next[u]) if (!seen.has(v)) stack.push(v), seen.add(v);
    }
    return names;
  });
}
