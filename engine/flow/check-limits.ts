/**
 * Checks against the world outside the flows: platform limits on menus (warnings, since
 * adapters degrade gracefully) and, when the action registry is known, `call:` names.
 */
import type { PlatformLimits } from '../types.js';
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, kindOf, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';
import { didYouMean } from './suggest-name.js';

function variants(title: unknown): string[] {
  if (typeof title === 'string') return [title];
  return isRecord(title) ? Object.values(title).filter((v): v is string => typeof v === 'string') : [];
}

/** TITLE_TOO_LONG and TOO_MANY_OPTIONS, one diagnostic per title or menu naming every platform concerned. */
export function checkLimits(flows: readonly FlowInfo[], limits: Record<string, PlatformLimits>): FlowDiagnostic[] {
  const out: FlowDiagnostic[] = [];
  const platforms = Object.entries(limits);
  if (platforms.length === 0) return out;
  for (const flow of flows) {
    flow.steps.forEach((step, si) => {
      if (kindOf(step) !== 'menu' || !isRecord(step) || !isRecord(step.menu) || !Array.isArray(step.menu.options)) return;
      const options = step.menu.options;
      const crowded = platforms.filter(([, l]) => options.length > l.options);
      if (crowded.length > 0) {
        const names = crowded.map(([p, l]) => `${p} shows ${l.options}`).join(', ');
        out.push(new FlowDiagnostic(
          'TOO_MANY_OPTIONS',
          `This menu has ${options.length} options, more than some platforms can show (${names}); split it into two menus or drop options.`,
          spanAt(flow.src, ['steps', si, 'menu', 'options'], 'key'),
          { severity: 'warning' },
        ));
      }
      options.forEach((o, oi) => {
        if (!isRecord(o)) return;
        const longest = Math.max(0, ...variants(o.title).map((t) => [...t].length));
        const short = platforms.filter(([, l]) => longest > l.optionTitle);
        if (short.length === 0) return;
        const names = short.map(([p, l]) => `${p} shows ${l.optionTitle}`).join(', ');
        const fit = Math.min(...short.map(([, l]) => l.optionTitle));
        out.push(new FlowDiagnostic(
          'TITLE_TOO_LONG',
          `This option title has ${longest} characters, more than some platforms show (${names}) so it will be trimmed there; shorten it to ${fit} or fewer.`,
          spanAt(flow.src, ['steps', si, 'menu', 'options', oi, 'title']),
          { severity: 'warning' },
        ));
      });
    });
  }
  return out;
}

/** UNKNOWN_ACTION for every `call:` of a name not in `actions`. */
export function checkActions(flows: readonly FlowInfo[], actions: readonly string[]): FlowDiagnostic[] {
  const known = new Set(actions);
  const out: FlowDiagnostic[] = [];
  for (const flow of flows) {
    flow.steps.forEach((step, si) => {
      if (kindOf(step) !== 'call' || !isRecord(step) || typeof step.call !== 'string' || known.has(step.call)) return;
      out.push(new FlowDiagnostic(
        'UNKNOWN_ACTION',
        `There is no action \`${step.call}\`${didYouMean(step.call, known, `; register it, or use one of: ${[...known].sort().join(', ')}.`)}`,
        spanAt(flow.src, ['steps', si, 'call']),
      ));
    });
  }
  return out;
}
