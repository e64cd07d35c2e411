/**
 * buildBotGraph and its renderers: the example bot's diagram data (steps, labelled edges,
 * triggers, ends), a sub-flow call and return, SVG without a browser, DOT and Mermaid, and
 * coverage drawn on the edges.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBot, loadBotFromSources } from '../../engine/flow/load-bot.js';
import { buildBotGraph } from '../../engine/graph/build-bot-graph.js';
import { renderDot } from '../../engine/graph/render-dot.js';
import { renderMermaid } from '../../engine/graph/render-mermaid.js';
import { renderSvg } from '../../engine/graph/render-svg.js';
import { parley } from '../support/run-cli.js';

const FLOWS = join(import.meta.dirname, '..', '..', 'flows');
const example = await loadBot(FLOWS);
const diagram = buildBotGraph({ bot: example.bot!, sources: example.sources });

/** The texts of an SVG's <text> elements, entities decoded. */
function svgTexts(svg: string): string[] {
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#45;/g, '-').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]).trim());
}

describe('buildBotGraph', () => {
  it('has every step, trigger and flow end of the example bot, as plain JSON', () => {
    const count = (type: string) => diagram.nodes.filter((n) => n.type === type).length;
    expect([count('step'), count('trigger'), count('end')]).toEqual([22, 12, 4]);
    expect(diagram.edges).toHaveLength(29 + 12);
    expect(JSON.parse(JSON.stringify(diagram))).toEqual(diagram);
    expect(diagram.flows.map((f) => f.id)).toEqual(['club-menu', 'commands', 'vault', 'welcome']);
  });

  it('labels options, branches, errors and the otherwise loop, with spans', () => {
    const from = (id: string) => diagram.edges.filter((e) => e.from === id).map((e) => [e.kind, e.label, e.to]);
    expect(from('club-menu/choose')).toEqual([
      ['option', 'Pileta', 'club-menu/pool'],
      ['option', 'Tenis', 'club-menu/tennis'],
      ['option', 'SUM', 'club-menu/hall'],
      ['otherwise', 'otherwise', 'club-menu/choose'],
    ]);
    expect(from('welcome/@0')).toEqual([['branch', 'then', 'welcome/named'], ['branch', 'else', 'welcome/anonymous']]);
    expect(from('vault/store')).toEqual([['next', '', 'vault/@1'], ['on_error', 'on_error', 'vault/store_failed']]);
    const menu = diagram.nodes.find((n) => n.id === 'club-menu/choose')!;
    const line = readFileSync(join(FLOWS, 'club-menu.yaml'), 'utf8').split('\n').indexOf('  - id: choose') + 1;
    expect(menu).toMatchObject({ waits: true, detail: 'menu "Por favor elije una opción:"', span: { line, col: 5 } });
    expect(diagram.nodes.filter((n) => n.type === 'trigger' && n.flow === 'commands').map((n) => n.title)).toEqual(['!help', 'payload HELP', '!echo', '!* (any command)']);
  });

  it('draws sub-flow calls and returns, and timers', () => {
    const loaded = loadBotFromSources([
      { file: 'main.yaml', text: 'version: 1\nid: main\ntriggers: [{ command: go }]\nsteps:\n  - id: sub\n    flow: helper\n  - id: pause\n    wait: 2h\n  - say: done\n' },
      { file: 'helper.yaml', text: 'version: 1\nid: helper\nsteps:\n  - say: hi\n' },
    ]);
    const d = buildBotGraph({ bot: loaded.bot!, sources: loaded.sources });
    expect(d.edges.filter((e) => e.from.startsWith('main/') && e.kind !== 'trigger').map((e) => [e.kind, e.label, e.to, e.crossFlow])).toEqual([
      ['call', 'call', 'helper/@0', true],
      ['return', 'return', 'main/pause', false],
      ['timer', 'timer 2h', 'main/@2', false],
      ['next', '', 'main/(end)', false],
    ]);
  });
});

describe('renderSvg', () => {
  it('writes an SVG of the example bot with every step, option and trigger as text', async () => {
    const svg = await renderSvg(diagram);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    const texts = svgTexts(svg);
    for (const n of diagram.nodes) expect(texts.join('\n')).toContain(n.type === 'trigger' ? `▶ ${n.title}` : n.title);
    for (const title of ['Pileta', 'Tenis', 'SUM', 'otherwise', 'on_error', 'then', 'else']) expect(texts).toContain(title);
  });

  it('is what `parley graph flows/ --format svg` prints', async () => {
    const { code, stdout: out } = await parley('graph', FLOWS, '--format', 'svg');
    expect(code).toBe(0);
    expect(out).toContain('<svg');
    expect(svgTexts(out)).toContain('▶ payload GET_STARTED');
  });
});

describe('renderDot and renderMermaid', () => {
  it('mark uncovered edges red and dashed', () => {
    const loaded = loadBotFromSources([{ file: 'm.yaml', text: 'version: 1\nid: m\ntriggers: [{ fallback: true }]\nsteps:\n  - menu: { text: Pick, options: [{ id: a, title: A }, { id: b, title: B }] }\n' }]);
    const graph = buildBotGraph({ bot: loaded.bot!, sources: loaded.sources }, { nodes: [true], edges: [true, false, false], entries: [true, true] });
    expect(graph.coverage).toEqual({ covered: 2, total: 4 });
    const dot = renderDot(graph);
    expect(dot).toContain('"m/@0" -> "m/(end)" [label=" ✗ B ", color="#d00000", fontcolor="#d00000", style="dashed", penwidth=2];');
    expect(dot).toContain('"m/@0" -> "m/(end)" [label=" A ", color="#444444"');
    const mermaid = renderMermaid(graph);
    expect(mermaid).toContain('n0 -->|"B"| n2');
    expect(mermaid).toContain('linkStyle 1,2 stroke:#d00000');
  });
});
