/**
 * The coverage report for people: every step never entered, every labelled edge never
 * taken and every trigger never used, each at its file:line, then the totals.
 */
import { edgeLabel, triggerLabel } from '../graph/graph-labels.js';
import type { Bot } from '../flow/flow-types.js';
import { coverageTotals, type Coverage } from './coverage.js';

/** One thing no test reached. */
export interface Uncovered {
  file: string;
  line: number;
  col: number;
  what: string;
}

/** Everything no test reached, in file order. */
export function uncoveredItems(bot: Bot, c: Coverage): Uncovered[] {
  const out: Uncovered[] = [];
  const at = (span: { file: string; line: number; col: number }) => ({ file: span.file, line: span.line, col: span.col });
  c.graph.nodes.forEach((n, i) => {
    if (!c.nodes[i]) out.push({ ...at(n.span), what: `step ${n.flow}.${n.step} (${n.kind}) is never entered` });
  });
  c.graph.edges.forEach((e, i) => {
    if (c.edges[i]) return;
    const label = edgeLabel(bot, e);
    const to = e.to.kind === 'step' ? `${e.to.flow}.${e.to.step}` : e.to.kind;
    const named = label && label.replace(/ /g, '_') !== e.kind ? ` "${label}"` : '';
    out.push({ ...at(e.span), what: `edge ${e.kind}${named} of ${e.from.flow}.${e.from.step} → ${to} is never taken` });
  });
  c.graph.entries.forEach((e, i) => {
    if (e.trigger < 0 || c.entries[i]) return;
    const trigger = bot.flows[e.fi]?.triggers?.[e.trigger];
    out.push({ ...at(e.span), what: `trigger ${triggerLabel(trigger, bot.config.command_prefix)} of ${e.flow} never starts it` });
  });
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

const pct = (covered: number, total: number) => (total === 0 ? '100' : ((100 * covered) / total).toFixed(1).replace(/\.0$/, ''));

/** The report; the last line has the totals. */
export function formatCoverage(bot: Bot, c: Coverage): string {
  const t = coverageTotals(c);
  const lines = uncoveredItems(bot, c).map((u) => `  ${u.file}:${u.line}:${u.col} ${u.what}`);
  lines.push(
    `coverage: steps ${t.steps.covered}/${t.steps.total} (${pct(t.steps.covered, t.steps.total)} %), ` +
    `edges ${t.edges.covered}/${t.edges.total} (${pct(t.edges.covered, t.edges.total)} %), ` +
    `triggers ${t.triggers.covered}/${t.triggers.total} (${pct(t.triggers.covered, t.triggers.total)} %); ` +
    `edges and triggers ${t.percent.toFixed(1).replace(/\.0$/, '')} %`,
  );
  return lines.join('\n');
}
