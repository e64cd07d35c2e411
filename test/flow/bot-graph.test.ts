import { describe, expect, it } from 'vitest';
import { botGraph } from '../../engine/flow/bot-graph.js';
import { loadBot, loadBotFromSources } from '../../engine/flow/load-bot.js';
import { parseSource } from '../../engine/flow/parsed-source.js';

const MAIN = `version: 1
id: main
triggers:
  - command: go
  - command: tail
    goto: tail
steps:
  - id: choose
    menu:
      text: Pick
      options:
        - { id: a, title: Alpha, next: check }
        - { id: b, title: Beta }
      remind: { after: 1m, say: Still there? }
  - id: check
    if: "pick == 'a'"
    then: sub
    else: end
  - id: sub
    flow: helper
  - id: fetch
    call: http.request
    on_error: tail
  - id: name
    ask: { text: Name?, save: name, on_fail: tail }
  - id: pause
    wait: 5m
  - id: tail
    goto: helper.last
`;
const HELPER = `version: 1
id: helper
steps:
  - say: hi
  - id: last
    end: bye
`;

/** The edges as [kind, from, to] strings, for readable assertions. */
function edgeList(texts: Record<string, string>) {
  const graph = botGraph(Object.entries(texts).map(([file, text]) => parseSource(file, text)));
  const name = (e: (typeof graph.edges)[number]['to']) => (e.kind === 'step' ? `${e.flow}.${e.step}` : e.kind);
  return { graph, list: graph.edges.map((e) => `${e.kind} ${e.from.flow}.${e.from.step} -> ${name(e.to)}`) };
}

describe('botGraph', () => {
  it('lists every labelled edge the step kinds declare, resolved across flows', () => {
    const { list } = edgeList({ 'main.yaml': MAIN, 'helper.yaml': HELPER });
    expect(list).toEqual([
      'option main.choose -> main.check',
      'option main.choose -> main.check',
      'otherwise main.choose -> main.choose',
      'remind main.choose -> main.choose',
      'branch main.check -> main.sub',
      'branch main.check -> end',
      'call main.sub -> helper.@0',
      'return main.sub -> main.fetch',
      'next main.fetch -> main.name',
      'on_error main.fetch -> main.tail',
      'next main.name -> main.pause',
      'retries_exhausted main.name -> main.tail',
      'timer main.pause -> main.tail',
      'goto main.tail -> helper.last',
      'next helper.@0 -> helper.last',
      'next helper.last -> end',
    ]);
  });

  it('gives options their id and title, branches their condition, and every edge a span', () => {
    const { graph } = edgeList({ 'main.yaml': MAIN, 'helper.yaml': HELPER });
    const [a, b] = graph.edges.filter((e) => e.kind === 'option');
    expect(a.option).toEqual({ id: 'a', title: 'Alpha', index: 0 });
    expect(b.option).toEqual({ id: 'b', title: 'Beta', index: 1 });
    // Option b has no next: its edge points at the option itself, line 13.
    expect([a.span.line, b.span.line]).toEqual([12, 13]);
    const branches = graph.edges.filter((e) => e.kind === 'branch');
    expect(branches.map((e) => [e.branch, e.condition])).toEqual([['then', "pick == 'a'"], ['else', "pick == 'a'"]]);
    expect(graph.edges.find((e) => e.kind === 'goto')!.span).toMatchObject({ file: 'main.yaml', line: 29 });
  });

  it('lists nodes with their kind and whether they wait, and the entries of triggers', () => {
    const { graph } = edgeList({ 'main.yaml': MAIN, 'helper.yaml': HELPER });
    expect(graph.nodes.filter((n) => n.waits).map((n) => `${n.step}:${n.waits}`)).toEqual(['choose:menu', 'name:ask', 'pause:wait']);
    expect(graph.entries.map((e) => `${e.flow}#${e.trigger} -> ${e.to.kind === 'step' ? e.to.step : e.to.kind}`))
      .toEqual(['main#-1 -> choose', 'main#0 -> choose', 'main#1 -> tail', 'helper#-1 -> @0']);
  });

  it('is what loadBot returns the sources for', async () => {
    const result = await loadBot('flows');
    const graph = botGraph(result.sources);
    expect(graph.edges.filter((e) => e.kind === 'option').map((e) => e.option!.id)).toEqual(['pool', 'tennis', 'hall']);
  });
});

describe('validation over the edges', () => {
  const load = (text: string) => loadBotFromSources([{ file: 'a.yaml', text }]).diagnostics.map((d) => [d.code, d.span.line, d.span.col]);

  it('accepts a loop that an if: guard leaves for an ask', () => {
    expect(load([
      'version: 1', 'id: a', 'steps:',
      '  - set: { n: 0 }',
      '  - id: top', '    if: "n >= 3"', '    then: name',
      '  - set: { n: "{{ n + 1 }}" }', '    next: top',
      '  - id: name', '    ask: { text: Name?, save: name }',
    ].join('\n'))).toEqual([]);
  });

  it('still refuses a loop no branch leaves', () => {
    expect(load(['version: 1', 'id: a', 'steps:', '  - id: top', '    if: "1 == 1"', '    then: top', '  - goto: top'].join('\n')))
      .toEqual([['LOOP_WITHOUT_INPUT', 4, 5]]);
  });

  it('suggests `flow: x` when a step target names a flow', () => {
    const result = loadBotFromSources([
      { file: 'a.yaml', text: 'version: 1\nid: a\nsteps:\n  - say: hi\n    next: helper\n' },
      { file: 'b.yaml', text: 'version: 1\nid: helper\nsteps:\n  - say: help\n' },
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.span.line, d.span.col])).toEqual([['UNKNOWN_STEP_TARGET', 5, 11]]);
    expect(result.diagnostics[0].message).toContain('`helper` is a flow: to run it and come back, use a step `flow: helper`');
  });
});
