/**
 * A bot diagram as Graphviz DOT: one cluster per flow, triggers as blue entry boxes, waiting
 * steps in yellow, calls in blue, and (with coverage) uncovered edges red and dashed.
 */
import type { BotDiagram, DiagramEdge, DiagramNode } from './build-bot-graph.js';

/** A DOT string literal. */
function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function attrs(a: Record<string, string | number | undefined>): string {
  return `[${Object.entries(a).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${typeof v === 'number' ? v : q(v!)}`).join(', ')}]`;
}

function nodeLine(n: DiagramNode, withCoverage: boolean): string {
  const missed = withCoverage && n.covered === false;
  switch (n.type) {
    case 'trigger':
      return `${q(n.id)} ${attrs({ label: `▶ ${n.title}`, shape: 'box', style: 'rounded,filled', fillcolor: missed ? '#ffd6d6' : '#d8ecff', color: missed ? '#d00000' : '#3b78c2' })};`;
    case 'end':
    case 'end-all':
      return `${q(n.id)} ${attrs({ label: n.title, shape: 'ellipse', style: 'filled', fillcolor: '#eeeeee', fontsize: 11 })};`;
    default:
      return `${q(n.id)} ${attrs({
        label: n.detail ? `${n.title}\n${n.detail}` : n.title,
        shape: 'box',
        style: n.waits ? 'rounded,filled,bold' : 'rounded,filled',
        fillcolor: missed ? '#ffd6d6' : n.waits ? '#fff2c0' : '#ffffff',
        color: missed ? '#d00000' : '#555555',
      })};`;
  }
}

function edgeLine(e: DiagramEdge, withCoverage: boolean): string {
  const missed = withCoverage && e.covered === false;
  const call = e.kind === 'call' || e.kind === 'return';
  return `${q(e.from)} -> ${q(e.to)} ${attrs({
    label: e.label ? ` ${missed ? '✗ ' : ''}${e.label} ` : missed ? ' ✗ ' : undefined,
    color: missed ? '#d00000' : call ? '#3b3bb3' : e.kind === 'on_error' || e.kind === 'retries_exhausted' ? '#b35c00' : '#444444',
    fontcolor: missed ? '#d00000' : '#222222',
    style: missed ? 'dashed' : e.crossFlow && e.kind !== 'call' ? 'dotted' : undefined,
    penwidth: missed ? 2 : undefined,
    constraint: e.crossFlow ? 'false' : undefined,
  })};`;
}

/** The diagram as DOT. */
export function renderDot(d: BotDiagram): string {
  const withCoverage = d.coverage !== undefined;
  const out = [
    'digraph bot {',
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=14, nodesep=0.35, ranksep=0.45, newrank=true];',
    '  node [fontname="Helvetica", fontsize=12, margin="0.15,0.06"];',
    '  edge [fontname="Helvetica", fontsize=11, arrowsize=0.7];',
  ];
  d.flows.forEach((f, i) => {
    out.push(`  subgraph cluster_${i} {`, `    graph ${attrs({ label: `${f.id}  (${f.file})`, style: 'rounded', color: '#999999', labeljust: 'l' })};`);
    for (const n of d.nodes) if (n.flow === f.id) out.push(`    ${nodeLine(n, withCoverage)}`);
    out.push('  }');
  });
  for (const n of d.nodes) if (!d.flows.some((f) => f.id === n.flow)) out.push(`  ${nodeLine(n, withCoverage)}`);
  for (const e of d.edges) out.push(`  ${edgeLine(e, withCoverage)}`);
  if (withCoverage) out.push(`  label=${q(`edges covered: ${d.coverage!.covered}/${d.coverage!.total} (uncovered in red, dashed)`)}; labelloc="t";`);
  out.push('}');
  return out.join('\n');
}
