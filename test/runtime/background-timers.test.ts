import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { snippet } from '../support/snippets.js';

const PAUSE = snippet('pause');
const SURVEY = snippet('survey');
const FALLBACK = snippet('fallback');
const MINUTE = 60_000;

describe('timers', () => {
  it('computes a wait duration from a template', async () => {
    const c = conversation(botFromYaml(PAUSE));
    const r = await c.text('!pause');
    expect(r.timers.map((t) => t.dueAt - c.clock.now)).toEqual([5 * MINUTE]);
    expect(await c.advance(5 * MINUTE - 1)).toEqual([]);
    expect((await c.advance(1)).map(c.texts)).toEqual([['time is up', 'after the wait']]);
  });

  it('gives a message sent while a wait runs to the fallback, and the wait still ends on time', async () => {
    const c = conversation(botFromYaml(PAUSE, FALLBACK));
    await c.text('!pause');
    expect(c.texts(await c.text('hello?'))).toEqual(['fallback: hello?']);
    expect((await c.advance(5 * MINUTE)).map(c.texts)).toEqual([['time is up', 'after the wait']]);
  });

  it('ends a wait on time while another flow waits, then asks that flow again', async () => {
    const c = conversation(botFromYaml(PAUSE, SURVEY));
    await c.text('!pause');
    await c.advance(2 * MINUTE);
    expect(c.texts(await c.text('!survey'))).toEqual(['Your email?']);
    // Before: the due wait was dropped here and restarted its full 5 minutes after the survey.
    expect((await c.advance(3 * MINUTE)).map(c.texts)).toEqual([['time is up', 'after the wait', 'Your email?']]);
    expect(c.texts(await c.text('a@b.co'))).toEqual(['thanks a@b.co']);
    expect(c.last!.timers).toEqual([]);
  });

  it('ends a wait of a called flow on time under another question, then its caller continues', async () => {
    const main = snippet('background-timers/main');
    const c = conversation(botFromYaml(main, PAUSE.replace('triggers: [ { command: pause } ]', 'triggers: []'), SURVEY));
    await c.text('!go');
    await c.text('!survey');
    expect((await c.advance(5 * MINUTE)).map(c.texts)).toEqual([['time is up', 'after the wait', 'back in main', 'Your email?']]);
    expect(c.texts(await c.text('a@b.co'))).toEqual(['thanks a@b.co']);
  });

  it('cancel drops the timers of the flows it ends and keeps named schedules', async () => {
    const flow = snippet('background-timers/plan');
    const cancel = snippet('background-timers/cancel');
    const c = conversation(botFromYaml(flow, cancel));
    expect((await c.text('!plan')).timers).toHaveLength(2);
    const r = await c.text('!cancel');
    expect(c.texts(r)).toEqual(['Cancelled plan.']);
    expect(r.timers).toHaveLength(1);
    expect((await c.advance(30 * MINUTE)).map(c.texts)).toEqual([['Scheduled hello.']]);
  });

  it('a resumed wait says its on_resume text and keeps its timer', async () => {
    const c = conversation(botFromYaml(PAUSE.replace('  - wait: {', '  - on_resume: { say: "Still pausing." }\n    wait: {'), 'version: 1\nid: note\ntriggers: [ { command: note } ]\nsteps:\n  - say: "a note"\n'));
    const first = await c.text('!pause');
    const r = await c.text('!note');
    expect(c.texts(r)).toEqual(['a note', 'Still pausing.']);
    expect(r.timers).toEqual(first.timers);
  });

  it('drops the reminder of a question hidden under another one', async () => {
    const remind = SURVEY.replace('save: email }', 'save: email, remind: { after: 1m, say: "Still there?" } }');
    const c = conversation(botFromYaml(remind, PAUSE.replace('command: pause', 'command: pause').replace('wait: {', 'ask: { text: "Pause?", save: p }\n  - wait: {')));
    await c.text('!survey');
    await c.text('!pause');
    const fired = await c.advance(MINUTE);
    expect(fired.map(c.texts)).toEqual([[]]);
  });

  it('schedule says a text later and survives a restart; scheduling the name again replaces it', async () => {
    const flow = snippet('background-timers/remind');
    const c = conversation(botFromYaml(flow));
    expect(c.texts(await c.text('remind me in 10'))).toEqual(['I will remind you in 10 minutes.']);
    await c.text('remind me in 20');
    expect(c.last!.timers).toHaveLength(1);
    c.restart();
    expect(await c.advance(10 * MINUTE)).toEqual([]);
    expect((await c.advance(10 * MINUTE)).map(c.texts)).toEqual([['Break time (20 min)!']]);
  });

  it('schedule at a time starts a flow that interrupts a waiting question like a trigger; unschedule cancels', async () => {
    const flow = snippet('background-timers/book');
    const call = snippet('background-timers/call');
    const c = conversation(botFromYaml(flow, call, SURVEY), { now: Date.parse('2023-11-14T22:00:00.000Z') });
    await c.text('!book');
    await c.text('!survey');
    expect((await c.advance(60 * MINUTE)).map(c.texts)).toEqual([['Your call starts now.', 'Your email?']]);
    await c.text('!book');
    await c.text('!unbook');
    expect(c.last!.timers).toEqual([]);
  });

  it('a schedule step: target starts at that step', async () => {
    const flow = snippet('background-timers/nudge');
    const c = conversation(botFromYaml(flow));
    await c.text('!go');
    expect((await c.advance(MINUTE)).map(c.texts)).toEqual([['a minute later']]);
  });

  it('a computed duration that does not render to one fails the turn with the flow and step named', async () => {
    const c = conversation(botFromYaml(PAUSE.replace('  - set: { minutes: 5 }\n', '')));
    await expect(c.text('!pause')).rejects.toThrow('(flow "pause", step "@0"): TimerValueError: Flow "pause" step "@0": "{{ minutes }}m" gave "m"');
  });
});
