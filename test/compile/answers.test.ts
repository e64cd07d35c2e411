import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../engine/compile/parse-command.js';
import { parseDuration, DurationError } from '../../engine/compile/parse-duration.js';
import { readAnswer } from '../../engine/compile/match-answer.js';
import { matchOption } from '../../engine/compile/match-option.js';
import { compileBot } from '../../engine/compile/compile-bot.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { snippet } from '../support/snippets.js';

describe('parseCommand', () => {
  it('reads the name and the arguments as typed', () => {
    expect(parseCommand('!echo  hi  there  ')).toEqual({ name: 'echo', args: 'hi  there' });
  });
  it('lower-cases the name and drops a @BotName suffix', () => {
    expect(parseCommand('/Start@MyBot')).toEqual({ name: 'start', args: '' });
  });
  it('uses the bot prefix and always /', () => {
    expect(parseCommand('#help me', '#')).toEqual({ name: 'help', args: 'me' });
    expect(parseCommand('/help', '#')).toEqual({ name: 'help', args: '' });
    expect(parseCommand('!help', '#')).toBeUndefined();
  });
  it('does not read plain text or a bare prefix as a command', () => {
    expect(parseCommand('hello')).toBeUndefined();
    expect(parseCommand('!')).toBeUndefined();
    expect(parseCommand('! echo')).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it('reads ms, s, m, h and d', () => {
    expect(['250ms', '30s', '10m', '2h', '1d'].map(parseDuration)).toEqual([250, 30_000, 600_000, 7_200_000, 86_400_000]);
  });
  it('throws DurationError with a hint for anything else', () => {
    expect(() => parseDuration('soon')).toThrow(DurationError);
  });
});

describe('matchOption', () => {
  const options = [{ id: 'pool', title: 'Pileta' }, { id: 'tennis', title: 'Tenís' }];
  it('matches a press, a title and a number', () => {
    expect(matchOption(options, { kind: 'option', optionId: 'tennis' })).toEqual({ kind: 'chosen', index: 1 });
    expect(matchOption(options, { kind: 'text', text: ' TENIS ' })).toEqual({ kind: 'chosen', index: 1 });
    expect(matchOption(options, { kind: 'text', text: '1' })).toEqual({ kind: 'chosen', index: 0 });
  });
  it('returns -1 for anything else', () => {
    expect(matchOption(options, { kind: 'text', text: '3' })).toEqual({ kind: 'none' });
    expect(matchOption(options, { kind: 'text', text: 'golf' })).toEqual({ kind: 'none' });
  });
});

describe('readAnswer', () => {
  const text = (t: string) => ({ kind: 'text', text: t });
  it.each([
    ['text', text('  hi '), 'hi'],
    ['number', text('3,5'), 3.5],
    ['number', text('-2'), -2],
    ['integer', text('42'), 42],
    ['email', text('a@b.co'), 'a@b.co'],
    ['phone', text('+54 11-4444-5555'), '+541144445555'],
    ['yes_no', text('Sí'), true],
    ['yes_no', text('n'), false],
    ['location', { kind: 'location', latitude: 1, longitude: 2 }, { latitude: 1, longitude: 2 }],
    ['any', text('whatever'), 'whatever'],
  ] as const)('accepts a valid %s answer', (type, input, value) => {
    expect(readAnswer(type, undefined, input)).toEqual({ ok: true, value, match: {} });
  });
  it.each([
    ['text', text('   ')],
    ['number', text('3.5.1')],
    ['integer', text('4.2')],
    ['email', text('nope@')],
    ['phone', text('12345')],
    ['yes_no', text('maybe')],
    ['location', text('here')],
  ] as const)('refuses an invalid %s answer', (type, input) => {
    expect(readAnswer(type, undefined, input).ok).toBe(false);
  });
  it('applies the pattern and returns its captures', () => {
    expect(readAnswer('text', '^(?<code>[A-Z]{3})$', text('ABC'))).toEqual({ ok: true, value: 'ABC', match: { 0: 'ABC', code: 'ABC' } });
    expect(readAnswer('text', '^[A-Z]{3}$', text('abcd')).ok).toBe(false);
  });
});

describe('compileBot', () => {
  it('gives every step a state reachable by a jump event', () => {
    const bot = botFromYaml(snippet('answers/f'));
    const { machine } = compileBot(bot, { actions: {}, logger: silentLogger, now: () => 0 });
    const events = Object.keys(machine.config.on ?? {});
    expect(events).toEqual(expect.arrayContaining(['jump.f.@0', 'jump.f.pick', 'resume.f.pick', 'turn', 'idle']));
    expect(machine.getStateNodeById('s0_1_wait').tags).toContain('stable');
  });

  it('refuses a target that does not exist with TARGET_UNKNOWN', () => {
    const bot = botFromYaml(snippet('answers/f-2'));
    expect(() => compileBot(bot, { actions: {}, logger: silentLogger, now: () => 0 })).toThrow(expect.objectContaining({ code: 'TARGET_UNKNOWN' }));
  });
});
