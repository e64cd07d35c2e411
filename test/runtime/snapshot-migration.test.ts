import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { snippet } from '../support/snippets.js';

const MAIN = snippet('migration-main');
const NAME = snippet('migration-name');
const SURVEY = snippet('migration-survey');

type Snap = { botVersion: string; machine: { context: Record<string, unknown> } };

/** Rewrites a snapshot's stack the way the engine wrote it before frames existed. */
function toLegacy(snapshot: unknown): Snap {
  const s = JSON.parse(JSON.stringify(snapshot)) as Snap;
  const { stack: _stack, ...context } = s.machine.context;
  s.machine.context = {
    ...context,
    calls: [],
    interrupts: [{ flow: 'name', step: 'ask', calls: [{ flow: 'main', step: 'call' }] }],
  };
  return s;
}

describe('snapshots saved before the conversation stack', () => {
  // Each row: the survey text of the version that loads the old snapshot (none: the same bot), then
  // what the user sends next and the replies expected to each.
  it.each<[string, string | undefined, [string, string[]][]]>([
    ['load on the same bot version: the interrupted question resumes silently, then its caller continues', undefined,
      [['a@b.co', ['thanks a@b.co']], ['Zoe', ['back in main with Zoe']]]],
    // A new version: the survey text changed, every step id is still there.
    ['migrate to a new bot version with the frames whose steps still exist', SURVEY.replace('Your email?', 'Email, please?'),
      [['a@b.co', ['thanks a@b.co']], ['Zoe', ['back in main with Zoe']]]],
    ['go idle on a new version where the waiting step is gone, keeping the variables', SURVEY.replace('id: email', 'id: mail'),
      [['a@b.co', []]]],
  ])('%s', async (_name, newSurvey, turns) => {
    const c = conversation(botFromYaml(MAIN, NAME, SURVEY));
    await c.text('!go');
    await c.text('!survey');
    c.snapshot = toLegacy(c.snapshot);
    c.restart(newSurvey === undefined ? undefined : botFromYaml(MAIN, NAME, newSurvey));
    for (const [text, replies] of turns) expect(c.texts(await c.text(text))).toEqual(replies);
  });
});
