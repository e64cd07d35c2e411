/**
 * DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no browser, no native
 * Graphviz install. The wasm instance is created once per process (it takes ~100 ms).
 */
import type { BotDiagram } from './build-bot-graph.js';
import { renderDot } from './render-dot.js';

let viz: Promise<{ renderString(dot: string, options: { format: string }): string }> | undefined;

/** A DOT source as SVG text. */
export async function dotToSvg(dot: string): Promise<string> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  return (await viz).renderString(dot, { format: 'svg' });
}

/** The diagram as SVG. */
export async function renderSvg(d: BotDiagram): Promise<string> {
  return dotToSvg(renderDot(d));
}
