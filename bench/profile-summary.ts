/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function, largest first,
 * so a slow target's report can say what dominates without opening DevTools.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** One function's share of the samples. */
export interface ProfileLine {
  fn: string;
  where: string;
  selfPercent: number;
}

/** Top `limit` functions of the profile in `file` by self time. */
export function summarizeProfile(file: string, limit = 15): ProfileLine[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples?: number[] };
  const hits = new Map<number, number>();
  // Count samples per node id; older profiles only have hitCount.
  if (profile.samples?.length) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const n of profile.nodes) hits.set(n.id, n.hitCount ?? 0);
  const total = [...hits.values()].reduce((a, b) => a + b, 0) || 1;
  const byFn = new Map<string, { fn: string; where: string; hits: number }>();
  for (const n of profile.nodes) {
    const h = hits.get(n.id) ?? 0;
    if (!h) continue;
    const fn = n.callFrame.functionName || '(anonymous)';
    const where = n.callFrame.url ? `${n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|engine|adapters|app)\//, '$1/')}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${fn} ${where}`;
    const entry = byFn.get(key) ?? { fn, where, hits: 0 };
    entry.hits += h;
    byFn.set(key, entry);
  }
  return [...byFn.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, limit)
    .map((e) => ({ fn: e.fn, where: e.where, selfPercent: (100 * e.hits) / total }));
}

/** Self time per source file (node_modules packages and Parley folders), largest first. */
export function summarizeProfileByFile(file: string, limit = 8): { where: string; selfPercent: number }[] {
  const byFile = new Map<string, number>();
  for (const line of summarizeProfile(file, Number.MAX_SAFE_INTEGER)) {
    // Group a package by its name, a Parley file by its path; builtins and V8 states as they are.
    const where = line.where ? line.where.replace(/:\d+$/, '').replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*/, '$1') : line.fn;
    byFile.set(where, (byFile.get(where) ?? 0) + line.selfPercent);
  }
  return [...byFile.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, selfPercent]) => ({ where, selfPercent }));
}
