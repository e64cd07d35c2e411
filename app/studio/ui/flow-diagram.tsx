/**
 * One flow as a diagram: elkjs lays it out in a web worker (layered, top to bottom), the
 * component draws SVG. The current step is lit, the steps of the last turn are tinted, and
 * triggers are drawn as entry pills.
 */
import { useEffect, useState } from 'preact/hooks';
import ELK from 'elkjs/lib/elk-api.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { FlowGraph, GraphNode } from './types';

const elk = new ELK({ workerUrl: '/studio/assets/elk-worker.min.js' });
const NODE_W = 184;
const NODE_H = 52;
const PILL_H = 30;

/** Rough text width of the 12px UI font, for label boxes. */
const textWidth = (s: string) => Math.ceil(s.length * 6.4) + 10;
/** Pills carry bold 12.5px text. */
const pillWidth = (s: string) => Math.ceil(s.length * 7.6) + 34;

interface Laid {
  width: number;
  height: number;
  nodes: (GraphNode & { x: number; y: number; w: number; h: number })[];
  edges: { id: string; points: { x: number; y: number }[]; label?: { text: string; x: number; y: number; w: number } }[];
}

async function layout(graph: FlowGraph): Promise<Laid> {
  const size = (n: GraphNode) => (n.kind === 'trigger' || n.kind === 'end' || n.external ? { width: Math.max(80, pillWidth(n.label)), height: PILL_H } : { width: NODE_W, height: NODE_H });
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '42',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '3',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      // Keep the file's order: options left to right as the author wrote them.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...size(n) })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      sources: [e.from],
      targets: [e.to],
      labels: e.label ? [{ text: e.label, width: textWidth(e.label), height: 16 }] : [],
    })),
  };
  const out = await elk.layout(root);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return {
    width: out.width ?? 0,
    height: out.height ?? 0,
    nodes: (out.children ?? []).map((c) => ({ ...byId.get(c.id)!, x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 })),
    edges: ((out.edges ?? []) as ElkExtendedEdge[]).map((e) => {
      const s = e.sections?.[0];
      const l = e.labels?.[0];
      return {
        id: e.id,
        points: s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [],
        ...(l?.text ? { label: { text: l.text, x: l.x ?? 0, y: l.y ?? 0, w: l.width ?? 0 } } : {}),
      };
    }),
  };
}

/** The diagram of `graph`; `current` is lit, `visited` tinted. */
export function FlowDiagram(props: { graph: FlowGraph; current?: string; visited: Set<string> }) {
  const [laid, setLaid] = useState<Laid | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setLaid(null);
    layout(props.graph).then((l) => live && setLaid(l), (e: Error) => live && setError(String(e.message ?? e)));
    return () => {
      live = false;
    };
  }, [props.graph]);
  if (error) return <p class="muted">Could not lay out the diagram: {error}</p>;
  if (!laid) return <p class="muted">Laying out {props.graph.flow}…</p>;
  return (
    <svg class="diagram" viewBox={`0 0 ${laid.width} ${laid.height}`} width={laid.width} height={laid.height} role="img" aria-label={`Flow ${props.graph.flow}`}>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
        </marker>
      </defs>
      {laid.edges.map((e) => (
        <g key={e.id}>
          <polyline class="edge" points={e.points.map((p) => `${p.x},${p.y}`).join(' ')} marker-end="url(#arrow)" />
          {e.label && (
            <g>
              <rect class="edge-label-bg" x={e.label.x - 2} y={e.label.y} width={e.label.w + 4} height={16} rx={4} />
              <text class="edge-label" x={e.label.x + e.label.w / 2} y={e.label.y + 12}>
                {e.label.text}
              </text>
            </g>
          )}
        </g>
      ))}
      {laid.nodes.map((n) => {
        const pill = n.kind === 'trigger' || n.kind === 'end' || n.external;
        const cls = ['node', `kind-${n.kind}`, n.id === props.current ? 'current' : '', props.visited.has(n.id) ? 'visited' : ''].join(' ');
        return (
          <g key={n.id} class={cls} data-node={n.id} transform={`translate(${n.x},${n.y})`}>
            <rect width={n.w} height={n.h} rx={pill ? n.h / 2 : 8} />
            {pill ? (
              <text class="node-label" x={n.w / 2} y={n.h / 2 + 4} text-anchor="middle">
                {n.kind === 'trigger' ? `▶ ${n.label}` : n.external ? `→ ${n.label}` : n.label}
              </text>
            ) : (
              <>
                <text class="node-kind" x={10} y={16}>{n.kind}</text>
                <text class="node-label" x={10} y={32}>{n.label}</text>
                {n.detail && <text class="node-detail" x={10} y={46}>{n.detail.length > 30 ? `${n.detail.slice(0, 29)}…` : n.detail}</text>}
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
