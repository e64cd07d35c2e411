import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { snippet } from '../support/snippets.js';

const TRANSFER = snippet('transfer');
const HELP = snippet('help');
const CANCEL = snippet('cancel');
const CORRECT = snippet('correct');

describe('the conversation stack', () => {
  it('asks an interrupted question again when the interrupting flow ends (the default)', async () => {
    const c = conversation(botFromYaml(TRANSFER, HELP));
    expect(c.texts(await c.text('send money'))).toEqual(['How much?']);
    expect(c.texts(await c.text('!help'))).toEqual(['help text', 'How much?']);
    expect(c.texts(await c.text('20'))).toEqual(['Send 20?']);
  });

  it('waits silently after an interrupt with on_resume: silent, and says a text first with on_resume: { say }', async () => {
    const silent = TRANSFER.replace('  - id: amount\n', '  - id: amount\n    on_resume: silent\n');
    const c = conversation(botFromYaml(silent, HELP));
    await c.text('send money');
    expect(c.texts(await c.text('!help'))).toEqual(['help text']);
    expect(c.texts(await c.text('20'))).toEqual(['Send 20?']);
    const said = TRANSFER.replace('  - id: amount\n', '  - id: amount\n    on_resume: { say: "Back to your transfer." }\n');
    const d = conversation(botFromYaml(said, HELP));
    await d.text('send money');
    expect(d.texts(await d.text('!help'))).toEqual(['help text', 'Back to your transfer.', 'How much?']);
  });

  it('cancel ends the flow and everything it interrupted, naming what it cancelled', async () => {
    const c = conversation(botFromYaml(TRANSFER, HELP, CANCEL));
    await c.text('send money');
    await c.text('20');
    expect(c.texts(await c.text('cancel'))).toEqual(['Cancelled transfer at confirm.']);
    // Nothing is waiting any more: "yes" is no answer to a question.
    expect(c.texts(await c.text('yes'))).toEqual([]);
    expect(c.texts(await c.text('cancel'))).toEqual(['Nothing to cancel.']);
  });

  it('end: all cancels like cancel: true', async () => {
    const c = conversation(botFromYaml(TRANSFER, CANCEL.replace('cancel: "Cancelled {{ interrupted.flow }} at {{ interrupted.step }}."', 'end: all')));
    await c.text('send money');
    expect(c.texts(await c.text('cancel'))).toEqual([]);
    expect(c.texts(await c.text('20'))).toEqual([]);
  });

  it('goto into a flow below on the stack leaves no stale question behind', async () => {
    const c = conversation(botFromYaml(TRANSFER, CORRECT));
    await c.text('send money');
    expect(c.texts(await c.text('20'))).toEqual(['Send 20?']);
    expect(c.texts(await c.text('change the amount'))).toEqual(['How much?']);
    expect(c.texts(await c.text('30'))).toEqual(['Send 30?']);
    expect(c.texts(await c.text('yes'))).toEqual(['Sent 30.']);
    // Before: the confirm question interrupted by `correct` was still stacked and came back here.
    expect(c.texts(await c.text('yes'))).toEqual([]);
  });

  it("a called flow's own trigger restarts it and keeps its caller", async () => {
    const main = snippet('conversation-stack/main');
    const name = snippet('conversation-stack/name');
    const c = conversation(botFromYaml(main, name));
    expect(c.texts(await c.text('!go'))).toEqual(['Your name?']);
    expect(c.texts(await c.text('!name'))).toEqual(['Your name?']);
    expect(c.texts(await c.text('Zoe'))).toEqual(['back in main with Zoe']);
  });

  it('a trigger of the waiting flow restarts it in place instead of stacking it on itself', async () => {
    const c = conversation(botFromYaml(TRANSFER, HELP));
    await c.text('send money');
    await c.text('20');
    expect(c.texts(await c.text('send money'))).toEqual(['How much?']);
    expect(c.texts(await c.text('5'))).toEqual(['Send 5?']);
    expect(c.texts(await c.text('yes'))).toEqual(['Sent 5.']);
    expect(c.texts(await c.text('yes'))).toEqual([]);
  });

  it('keeps the stack as data in the snapshot: frames with flow, step, why and on-resume', async () => {
    const c = conversation(botFromYaml(TRANSFER, HELP, CORRECT));
    await c.text('send money');
    await c.text('!help');
    const stack = (c.snapshot as { machine: { context: { stack: unknown[] } } }).machine.context.stack;
    expect(stack).toEqual([{ flow: 'transfer', step: 'amount', why: 'start' }]);
  });
});
