/**
 * Short labels for the parts of the bot graph, shared by `parley graph`, the coverage report
 * and the studio's diagram: what a step does, what an edge means, what starts a flow.
 */
import type { BotEdge, GraphNode } from '../flow/bot-graph.js';
import type { Bot, Step, Trigger } from '../flow/flow-types.js';

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return String(v.default ?? Object.values(v)[0] ?? '');
  }
  return '';
}

function clip(s: string, max = 48): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The step a node stands for. */
export function stepOf(bot: Bot, node: Pick<GraphNode, 'fi' | 'si'>): Step | undefined {
  return bot.flows[node.fi]?.steps[node.si];
}

/** What a step does, in a few words: `say "Hola!"`, `menu "Por favor…"`, `call vault.store`. */
export function stepLabel(step: Step | undefined, kind: string | undefined): string {
  if (!step) return kind ?? '?';
  const s = step as unknown as Record<string, unknown>;
  switch (kind) {
    case 'say': return `say "${clip(text(s.say), 40)}"`;
    case 'menu': return `menu "${clip(text((s.menu as Record<string, unknown>).text), 40)}"`;
    case 'ask': return `ask "${clip(text((s.ask as Record<string, unknown>).text), 40)}"`;
    case 'call': return `call ${String(s.call)}`;
    case 'if': return `if ${clip(String(s.if), 40)}`;
    case 'goto': return 'goto';
    case 'flow': return `flow ${String(s.flow)}`;
    case 'wait': return `wait ${typeof s.wait === 'string' ? s.wait : text((s.wait as Record<string, unknown>).for)}`;
    case 'log': return 'log';
    case 'set': return `set ${Object.keys(s.set as object).join(', ')}`;
    case 'end': return s.end === true ? 'end' : `end "${clip(text(s.end), 40)}"`;
    case 'send': return `send ${Object.keys(s.send as object).filter((k) => k !== 'caption').join(', ')}`;
    default: return kind ?? '?';
  }
}

/** What an edge means: `Pileta`, `then`, `otherwise`, `on_error`, `timer 2h`, … ("" for a plain next). */
export function edgeLabel(bot: Bot, edge: BotEdge): string {
  const step = bot.flows[edge.from.fi]?.steps[edge.from.si] as unknown as Record<string, Record<string, unknown>> | undefined;
  switch (edge.kind) {
    case 'next': return '';
    case 'option': return clip(text(edge.option?.title), 32);
    case 'branch': return edge.branch ?? 'branch';
    case 'retries_exhausted': return 'retries exhausted';
    case 'remind': {
      const body = step && (step.menu ?? step.ask);
      const remind = body?.remind as { after?: string } | undefined;
      return `remind ${remind?.after ?? ''}`.trim();
    }
    case 'timer': {
      const w = step?.wait as unknown;
      return `timer ${typeof w === 'string' ? w : ((w as { for?: string } | undefined)?.for ?? '')}`.trim();
    }
    default: return edge.kind;
  }
}

/** What starts a flow: `!help`, `payload MENU`, `event subscribed`, `/^new:…/`, `fallback`. */
export function triggerLabel(trigger: Trigger | undefined, prefix = '!'): string {
  if (!trigger) return 'start';
  if ('command' in trigger) return trigger.command === '*' ? `${prefix}* (any command)` : `${prefix}${trigger.command}`;
  if ('payload' in trigger) return `payload ${trigger.payload}`;
  if ('event' in trigger) return `event ${trigger.event}`;
  if ('pattern' in trigger) return `/${clip(trigger.pattern, 30)}/`;
  return 'fallback';
}
