import { describe, expect, it } from 'vitest';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';

/** A flow of `n` steps mixing every common kind, chained so every step is reachable. */
function largeFlow(n: number): string {
  const lines = ['version: 1', 'id: large', 'triggers:', '  - command: large', 'steps:'];
  for (let i = 0; i < n; i++) {
    const id = `s${i}`;
    switch (i % 5) {
      case 0:
        lines.push(`  - id: ${id}`, `    say: "Step ${i} for {{ user.name }}"`);
        break;
      case 1:
        lines.push(`  - id: ${id}`, `    set: { n${i}: "{{ ${i} + 1 }}" }`);
        break;
      case 2:
        lines.push(`  - id: ${id}`, '    menu:', `      text: Pick ${i}`, '      options:', `        - { id: a, title: A, next: s${i + 1} }`, `        - { id: b, title: B, next: s${i + 1} }`, `      save: c${i}`);
        break;
      case 3:
        lines.push(`  - id: ${id}`, `    if: n${i - 2} > 3 && c${i - 1} == "a"`, `    then: s${i + 1}`);
        break;
      default:
        lines.push(`  - id: ${id}`, `    ask: { text: "Number ${i}?", type: integer, save: q${i}, pattern: '^\\d+$' }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('loadBotFromSources on a large flow', () => {
  it('validates a generated 1,000-step flow without diagnostics (timing is logged, not asserted)', () => {
    const text = largeFlow(1000);
    loadBotFromSources([{ file: 'warm-up.yaml', text: 'version: 1\nid: w\nsteps:\n  - say: hi\n' }]);
    const started = performance.now();
    const result = loadBotFromSources([{ file: 'large.yaml', text }]);
    const ms = performance.now() - started;
    console.info(`1,000-step flow validated in ${ms.toFixed(1)} ms`);
    expect(result.diagnostics).toEqual([]);
    expect(result.bot?.flows[0].steps).toHaveLength(1000);
  });
});
