/**
 * How long it takes to validate and compile a large flow: a generated 1,000-step flow of
 * mixed step kinds, loaded from source text (parse + schema validation + checks) and
 * compiled to a machine (createRunner compiles once). Median of several runs, in-process.
 * The load checks what the server, hot reload and `parley validate` check: the platforms'
 * limits and the registered action names (flowCheckOptions).
 */
import { performance } from 'node:perf_hooks';
import { flowCheckOptions } from '../app/bot-actions.js';
import { loadBotFromSources } from '../engine/flow/load-bot.js';
import { createRunner, builtinActions } from '../engine/runtime/runner.js';
import { silentLogger } from '../engine/runtime/logger.js';
import { median } from './stats.js';

/** One step of the generated flow, cycling through say, set, menu, ask, if and log. */
function stepYaml(i: number, last: boolean): string {
  const next = last ? 'end' : `s${i + 1}`;
  switch (i % 6) {
    case 0:
      return `  - id: s${i}\n    say: "Paso ${i}: hola {{ user.name }}"`;
    case 1:
      return `  - id: s${i}\n    set: { v${i}: "{{ ${i} * 2 }}" }`;
    case 2:
      return [
        `  - id: s${i}`,
        `    menu:`,
        `      text: "Elige ${i}"`,
        `      save: c${i}`,
        `      options:`,
        `        - { id: a, title: "A ${i}", next: ${next} }`,
        `        - { id: b, title: "B ${i}", next: ${next} }`,
        `      otherwise: { say: "No entendí", next: s${i} }`,
      ].join('\n');
    case 3:
      return `  - id: s${i}\n    ask: { text: "Número ${i}?", type: integer, save: n${i} }`;
    case 4:
      return `  - id: s${i}\n    if: "n${i - 1} > 5"\n    then: ${next}\n    else: ${next}`;
    default:
      return `  - id: s${i}\n    log: { step: ${i} }`;
  }
}

/** YAML source of a flow with `steps` steps. */
export function generateFlow(steps: number): string {
  const lines = ['version: 1', 'id: big', 'triggers:', '  - fallback: true', 'steps:'];
  for (let i = 0; i < steps; i++) lines.push(stepYaml(i, i === steps - 1));
  return `${lines.join('\n')}\n`;
}

/** Result of {@link measureFlowCompile}. */
export interface FlowCompileResult {
  steps: number;
  runs: number;
  medianMs: number;
  loadMedianMs: number;
  compileMedianMs: number;
  samplesMs: number[];
  /** The first run in this process (schema compile, cold JIT), not part of the median. */
  firstRunMs: number;
}

/** Loads and compiles the generated flow `runs` times after one first run, reported apart. */
export async function measureFlowCompile(steps = 1000, runs = 7): Promise<FlowCompileResult> {
  const text = generateFlow(steps);
  const checks = flowCheckOptions(builtinActions());
  const once = async () => {
    const t0 = performance.now();
    const loaded = loadBotFromSources([{ file: 'flows/big.yaml', text }], checks);
    const t1 = performance.now();
    if (!loaded.bot) {
      const first = loaded.diagnostics.slice(0, 3).map((d) => `${d.code}: ${d.message}`).join('; ');
      throw new Error(`the generated flow does not validate (${loaded.diagnostics.length} diagnostics): ${first}`);
    }
    createRunner(loaded.bot, { actions: builtinActions(), logger: silentLogger, now: Date.now });
    const t2 = performance.now();
    return { load: t1 - t0, compile: t2 - t1 };
  };
  const first = await once();
  const samples: { load: number; compile: number }[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return {
    steps,
    runs,
    medianMs: median(samples.map((s) => s.load + s.compile)),
    loadMedianMs: median(samples.map((s) => s.load)),
    compileMedianMs: median(samples.map((s) => s.compile)),
    samplesMs: samples.map((s) => s.load + s.compile),
    firstRunMs: first.load + first.compile,
  };
}
