/**
 * A bot diagram as a Mermaid flowchart (for Markdown that renders Mermaid, such as GitHub):
 * one subgraph per flow, triggers as stadium shapes, uncovered edges dashed and red.
 */
import type { BotDiagram } from './build-bot-graph.js';

/** Mermaid ids may not contain most punctuation; number the nodes instead. */
function ids(d: BotDiagram): Map<string, string> {
  return new Map(d.nodes.map((n, i) => [n.id, `n${i}`]));
}

/** Text inside a Mermaid label: quotes and brackets as entities. */
function text(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
}

/** The diagram as Mermaid. */
export function renderMermaid(d: BotDiagram): string {
  const id = ids(d);
  const out = ['flowchart TD'];
  const node = (n: BotDiagram['nodes'][number]) => {
    const label = text(n.detail ? `${n.title}\n${n.detail}` : n.title);
    if (n.type === 'trigger') return `${id.get(n.id)}(["▶ ${label}"])`;
    if (n.type !== 'step') return `${id.get(n.id)}(("${label}"))`;
    return n.waits ? `${id.get(n.id)}{{"${label}"}}` : `${id.get(n.id)}["${label}"]`;
  };
  d.flows.forEach((f, i) => {
    out.push(`  subgraph f${i}["${text(f.id)}"]`);
    for (const n of d.nodes) if (n.flow === f.id) out.push(`    ${node(n)}`);
    out.push('  end');
  });
  for (const n of d.nodes) if (!d.flows.some((f) => f.id === n.flow)) out.push(`  ${node(n)}`);
  const missed: number[] = [];
  d.edges.forEach((e, i) => {
    const arrow = e.crossFlow && e.kind !== 'call' ? '-.->' : '-->';
    out.push(`  ${id.get(e.from)} ${arrow}${e.label ? `|"${text(e.label)}"|` : ''} ${id.get(e.to)}`);
    if (d.coverage && e.covered === false) missed.push(i);
  });
  if (missed.length > 0) out.push(`  linkStyle ${missed.join(',')} stroke:#d00000,stroke-width:2px,stroke-dasharray:5 4`);
  return out.join('\n');
}
