import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { snippet } from '../support/snippets.js';

// The example bot of flows/, written inline so this test pins its behaviour.
const BOT = snippet('example-bot-config');
const WELCOME = snippet('example-welcome');
const COMMANDS = snippet('example-commands');
const VAULT = snippet('example-vault');
const MENU = snippet('example-menu');
const bot = () => botFromYaml(BOT, WELCOME, COMMANDS, VAULT, MENU);

describe('example bot', () => {
  it('welcomes a subscriber by name', async () => {
    const c = conversation(bot());
    const r = await c.event({ kind: 'lifecycle', lifecycle: 'subscribed' });
    expect(c.texts(r)).toEqual(['Welcome, Ana! Send !help to see what I can do, or just say hi.']);
  });

  it('lists !echo in !help', async () => {
    const c = conversation(bot());
    const r = await c.text('!help');
    expect(r.messages).toHaveLength(1);
    expect(c.texts(r)[0]).toContain('!echo');
  });

  it('echoes the arguments of !echo', async () => {
    const c = conversation(bot());
    expect(c.texts(await c.text('!echo hi'))).toEqual(['hi']);
  });

  it('answers an unknown command with a pointer to !help', async () => {
    const c = conversation(bot());
    const [reply] = c.texts(await c.text('!dance'));
    expect(reply).toContain('!help');
    expect(reply).toContain('dance');
  });

  it('keeps a secret and reveals it once', async () => {
    const c = conversation(bot());
    const stored = await c.text('new:x');
    expect(stored.messages).toHaveLength(1);
    const key = c.texts(stored)[0];
    expect(key).toMatch(/^[^:]+:[^:]+$/);
    expect(c.texts(await c.text(key))).toEqual(['x']);
    const again = c.texts(await c.text(key));
    expect(again).toHaveLength(1);
    expect(again[0]).not.toContain('x:');
    expect(again[0]).not.toBe('x');
  });

  it('greets any other text with Hola! and the menu', async () => {
    const c = conversation(bot());
    const r = await c.text('hola');
    expect(r.messages).toEqual([
      { kind: 'text', text: 'Hola!' },
      {
        kind: 'options',
        text: 'Por favor elije una opción:',
        options: [{ id: 'pool', title: 'Pileta' }, { id: 'tennis', title: 'Tenis' }, { id: 'hall', title: 'SUM' }],
      },
    ]);
  });

  it.each([
    ['a press', (c: ReturnType<typeof conversation>) => c.press('tennis')],
    ['the title', (c: ReturnType<typeof conversation>) => c.text('  tenis ')],
    ['the number', (c: ReturnType<typeof conversation>) => c.text('2')],
  ])('chooses an option by %s', async (_how, choose) => {
    const c = conversation(bot());
    await c.text('hola');
    const r = await choose(c);
    expect(c.texts(r)).toEqual(['Elegiste Tenis.']);
    expect(r.logs).toEqual([{ flow: 'club-menu', step: 'tennis', fields: { event: 'menu_choice', option: 'Tenis' } }]);
  });

  it('re-asks the menu on anything else', async () => {
    const c = conversation(bot());
    await c.text('hola');
    const r = await c.text('pizza');
    expect(c.texts(r)).toEqual(['No entendí. Elige una de las opciones, por favor.', 'Por favor elije una opción:']);
    expect(r.messages[1].kind).toBe('options');
  });

  it('runs a command while the menu waits and then takes the choice silently', async () => {
    const c = conversation(bot());
    await c.text('hola');
    expect(c.texts(await c.text('!echo hi'))).toEqual(['hi']);
    expect(c.texts(await c.text('2'))).toEqual(['Elegiste Tenis.']);
  });

  it('goes idle after a choice, so the next text opens the menu again', async () => {
    const c = conversation(bot());
    await c.text('hola');
    await c.text('1');
    expect(c.texts(await c.text('otra vez'))).toEqual(['Hola!', 'Por favor elije una opción:']);
  });
});
