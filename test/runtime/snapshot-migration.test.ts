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
