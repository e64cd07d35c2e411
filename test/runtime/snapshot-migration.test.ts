import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';

const MAIN = `
version: 1
id: main
triggers: [ { command: go } ]
steps:
  - id: call
    flow: name
  - say: "back in main with {{ name }}"
`;
const NAME = `
version: 1
id: name
steps:
  - id: ask
    ask: { text: "Your name?", save: name }
`;
const SURVEY = `
version: 1
id: survey
triggers: [ { command: survey } ]
steps:
  - id: email
    ask: { text: "Your email?", type: email, save: email }
  - say: "thanks {{ email }}"
`;

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
  it('load on the same bot version: the interrupted question resumes silently, then its caller continues', async () => {
    const bot = botFromYaml(MAIN, NAME, SURVEY);
    const c = conversation(bot);
    await c.text('!go');
    await c.text('!survey');
    c.snapshot = toLegacy(c.snapshot);
    c.restart();
    expect(c.texts(await c.text('a@b.co'))).toEqual(['thanks a@b.co']);
    expect(c.texts(await c.text('Zoe'))).toEqual(['back in main with Zoe']);
  });

  it('migrate to a new bot version with the frames whose steps still exist', async () => {
    const c = conversation(botFromYaml(MAIN, NAME, SURVEY));
    await c.text('!go');
    await c.text('!survey');
    c.snapshot = toLegacy(c.snapshot);
    // A new version: the survey text changed, every step id is still there.
    c.restart(botFromYaml(MAIN, NAME, SURVEY.replace('Your email?', 'Email, please?')));
    expect(c.texts(await c.text('a@b.co'))).toEqual(['thanks a@b.co']);
    expect(c.texts(await c.text('Zoe'))).toEqual(['back in main with Zoe']);
  });

  it('go idle on a new version where the waiting step is gone, keeping the variables', async () => {
    const c = conversation(botFromYaml(MAIN, NAME, SURVEY));
    await c.text('!go');
    await c.text('!survey');
    c.snapshot = toLegacy(c.snapshot);
    c.restart(botFromYaml(MAIN, NAME, SURVEY.replace('id: email', 'id: mail')));
    expect(c.texts(await c.text('a@b.co'))).toEqual([]);
  });
});
