/**
 * The checks of a test file that need the bot: every turn has one input, and every flow,
 * step, option and platform a test names exists, so a typo is refused before anything runs.
 */
import type { Bot, Flow, LocalizedText } from '../flow/flow-types.js';
import { spanAt, type ParsedSource } from '../flow/parsed-source.js';
import { stepKey } from '../compile/step-address.js';
import { stepKind } from '../compile/steps/step-registry.js';
import { suggestName } from '../flow/suggest-name.js';
import { TestDiagnostic } from './test-diagnostic.js';
import { INPUT_KEYS, type LocatedTest } from './flow-test-types.js';
import type { TestCheckOptions } from './load-tests.js';

/** Every title variant of a localized text. */
export function titlesOf(text: LocalizedText): string[] {
  return typeof text === 'string' ? [text] : Object.values(text);
}

function stepKeys(flow: Flow): string[] {
  return flow.steps.map((s, i) => stepKey(s, i));
}

function didYouMean(name: string, known: Iterable<string>): string {
  const s = suggestName(name, known);
  return s ? `; did you mean \`${s}\`?` : '';
}

/** Checks the references of the tests of one file. */
export function checkTestRefs(src: ParsedSource, tests: LocatedTest[], bot: Bot, options: TestCheckOptions): TestDiagnostic[] {
  const out: TestDiagnostic[] = [];
  const flows = new Map(bot.flows.map((f) => [f.id, f]));
  const optionNames = new Set<string>();
  for (const f of bot.flows) for (const s of f.steps) if ('menu' in s) for (const o of s.menu.options ?? []) [o.id, ...titlesOf(o.title)].forEach((n) => optionNames.add(n));
  // A press outside a menu is a button payload: a payload trigger's, or the bot profile's.
  for (const f of bot.flows) for (const t of f.triggers ?? []) if ('payload' in t) optionNames.add(t.payload);
  for (const item of bot.config.profile?.persistent_menu ?? []) optionNames.add(item.payload);
  if (bot.config.profile?.get_started_payload) optionNames.add(bot.config.profile.get_started_payload);

  /** Resolves `flow.step` (or `step` in `flowHint`); pushes a diagnostic and returns false when wrong. */
  const checkStep = (ref: string, path: (string | number)[], flowHint?: string): boolean => {
    const dot = ref.indexOf('.');
    const flowId = dot > 0 ? ref.slice(0, dot) : flowHint;
    const step = dot > 0 ? ref.slice(dot + 1) : ref;
    const candidates = flowId ? [flows.get(flowId)].filter((f): f is Flow => !!f) : bot.flows;
    if (flowId && candidates.length === 0) {
      out.push(new TestDiagnostic('TEST_UNKNOWN_FLOW', `There is no flow \`${flowId}\`${didYouMean(flowId, flows.keys())} (flows: ${[...flows.keys()].join(', ')}).`, spanAt(src, path)));
      return false;
    }
    if (!candidates.some((f) => stepKeys(f).includes(step))) {
      const known = candidates.flatMap(stepKeys).filter((k) => !k.startsWith('@'));
      out.push(new TestDiagnostic('TEST_UNKNOWN_STEP', `There is no step \`${step}\`${flowId ? ` in flow \`${flowId}\`` : ''}${didYouMean(step, known)}; give the step an \`id:\` in its flow and name that.`, spanAt(src, path)));
      return false;
    }
    return true;
  };

  tests.forEach((test, ti) => {
    const base = ['tests', ti];
    const platform = test.given?.user?.platform;
    if (platform && options.platforms && !options.platforms.includes(platform)) {
      out.push(new TestDiagnostic('TEST_UNKNOWN_PLATFORM', `Unknown platform \`${platform}\`${didYouMean(platform, options.platforms)}; use one of ${options.platforms.join(', ')}.`, spanAt(src, [...base, 'given', 'user', 'platform'])));
    }
    const at = test.given?.at;
    if (at && checkStep(at, [...base, 'given', 'at'])) {
      const [flowId, step] = [at.slice(0, at.indexOf('.')), at.slice(at.indexOf('.') + 1)];
      const flow = flows.get(flowId)!;
      const kind = stepKind(flow.steps[stepKeys(flow).indexOf(step)]);
      if (!['menu', 'ask', 'wait'].includes(kind)) {
        out.push(new TestDiagnostic('TEST_UNKNOWN_STEP', `\`given.at: ${at}\` is a ${kind} step; a test can start waiting at a menu, ask or wait step only, so name one of those.`, spanAt(src, [...base, 'given', 'at'])));
      }
    }
    test.turns.forEach((turn, j) => {
      const path = [...base, 'turns', j];
      const inputs = INPUT_KEYS.filter((k) => k in turn);
      if (inputs.length !== 1) {
        const what = inputs.length === 0 ? 'has no input' : `has ${inputs.length} inputs (${inputs.join(', ')})`;
        out.push(new TestDiagnostic('TEST_TURN_INPUT', `Turn ${j + 1} of test "${test.name}" ${what}; give it exactly one of ${INPUT_KEYS.join(', ')} (split it into several turns).`, spanAt(src, path)));
      }
      if (turn.payload !== undefined && turn.event === undefined) {
        out.push(new TestDiagnostic('TEST_TURN_INPUT', '`payload:` goes with `event:` (e.g. `event: started`); add the event or remove the payload.', spanAt(src, [...path, 'payload'], 'key')));
      }
      if (turn.press !== undefined && !optionNames.has(turn.press)) {
        out.push(new TestDiagnostic('TEST_UNKNOWN_OPTION', `No menu of the bot has an option \`${turn.press}\` and no trigger has that payload${didYouMean(turn.press, optionNames)}; press an option by its title or id.`, spanAt(src, [...path, 'press'])));
      }
      if (turn.flow !== undefined && !flows.has(turn.flow)) {
        out.push(new TestDiagnostic('TEST_UNKNOWN_FLOW', `There is no flow \`${turn.flow}\`${didYouMean(turn.flow, flows.keys())}.`, spanAt(src, [...path, 'flow'])));
      }
      if (turn.step !== undefined && turn.step !== 'none') checkStep(turn.step, [...path, 'step'], flows.has(turn.flow ?? '') ? turn.flow : undefined);
      const patterns = turn.matches === undefined ? [] : Array.isArray(turn.matches) ? turn.matches : [turn.matches];
      patterns.forEach((p, k) => {
        try {
          new RegExp(p, 'u');
        } catch (err) {
          const at = Array.isArray(turn.matches) ? [...path, 'matches', k] : [...path, 'matches'];
          out.push(new TestDiagnostic('TEST_BAD_PATTERN', `\`matches: ${p}\` is not a valid regular expression (${(err as Error).message}); escape special characters with \\\\.`, spanAt(src, at)));
        }
      });
    });
  });
  return out;
}
