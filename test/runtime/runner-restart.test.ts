import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { snippet } from '../support/snippets.js';

const FLOW = snippet('restart-flow');
const HELP = snippet('help');

describe('createRunner restarts', () => {
  it('continues a menu with a new runner from the JSON snapshot', async () => {
    const c = conversation(botFromYaml(FLOW));
    await c.text('!menu');
    c.restart();
    expect(c.texts(await c.text('2'))).toEqual(['picked b']);
  });

  it('continues an ask with a new runner from the JSON snapshot', async () => {
    const c = conversation(botFromYaml(FLOW));
    await c.text('!ask');
    c.restart();
    expect(c.texts(await c.text('Zoe'))).toEqual(['hi Zoe']);
  });

  it('fires a pending timer after a restart', async () => {
    const c = conversation(botFromYaml(FLOW));
    const r = await c.text('!wait');
    expect(r.timers).toHaveLength(1);
    c.restart();
    const [fired] = await c.advance(300_000);
    expect(c.texts(fired)).toEqual(['time is up', 'after the wait']);
  });

  it('keeps an interrupted wait timer and its due time across an interrupt', async () => {
    const c = conversation(botFromYaml(FLOW, HELP));
    const first = await c.text('!wait');
    const during = await c.text('!help');
    expect(c.texts(during)).toEqual(['help text']);
    expect(during.timers).toEqual(first.timers);
    const [fired] = await c.advance(300_000);
    expect(c.texts(fired)).toEqual(['time is up', 'after the wait']);
  });

  it('records the bot version in the snapshot', async () => {
    const bot = botFromYaml(FLOW);
    const c = conversation(bot);
    await c.text('!menu');
    expect(c.snapshot).toMatchObject({ botVersion: bot.version });
  });
});

describe('createRunner versions', () => {
  it('resumes at the waiting step when it still exists in the new version', async () => {
    const c = conversation(botFromYaml(FLOW));
    await c.text('!menu');
    c.restart(botFromYaml(FLOW.replace('"picked {{ pick }}"', '"v2 picked {{ pick }}"')));
    expect(c.texts(await c.text('alpha'))).toEqual(['v2 picked a']);
  });

  it('goes idle keeping variables when the waiting step is gone', async () => {
    const c = conversation(botFromYaml(FLOW));
    await c.text('!ask');
    await c.text('Zoe');
    await c.text('!menu');
    const v2 = `
version: 1
id: main
triggers: [ { command: who, goto: who } ]
steps:
  - id: who
    say: "still {{ name }}"
`;
    c.restart(botFromYaml(v2));
    expect((await c.text('2')).messages).toEqual([]);
    expect(c.texts(await c.text('!who'))).toEqual(['still Zoe']);
  });

  it('starts fresh from a snapshot it does not understand', async () => {
    const c = conversation(botFromYaml(FLOW));
    c.snapshot = { something: 'else' };
    expect(c.texts(await c.text('!ask'))).toEqual(['Name?']);
    c.snapshot = { format: 'parley.runner/1', botVersion: botFromYaml(FLOW).version, machine: { value: { nope: 'x' }, context: 7 } };
    expect(c.texts(await c.text('!ask'))).toEqual(['Name?']);
  });
});
