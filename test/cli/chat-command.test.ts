import { Readable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../engine/cli/chat-command.js';

const flows = join(import.meta.dirname, '..', '..', 'flows');

async function chat(lines: string[], extra: { name?: string; locale?: string } = {}) {
  let out = '';
  let err = '';
  const code = await runChat({
    flows,
    input: Readable.from([lines.join('\n') + '\n']),
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    ...extra,
  });
  const bot = out
    .split('\n')
    .filter((l) => l.startsWith('bot> ') || l.startsWith('     '))
    .map((l) => l.replace(/^bot> /, '').trim());
  return { code, out, err, bot };
}

describe('runChat', () => {
  it('plays the example bot piped: echo, menu by number, vault', async () => {
    const { code, bot } = await chat(['!echo hi', 'hola', '2', 'new:x']);
    expect(code).toBe(0);
    expect(bot[0]).toBe('hi');
    expect(bot[1]).toBe('Hola!');
    expect(bot[2]).toBe('Por favor elije una opción:');
    expect(bot.slice(3, 6).map((l) => l.replace(/\s+\[.*$/, ''))).toEqual(['1. Pileta', '2. Tenis', '3. SUM']);
    expect(bot[6]).toContain('Tenis');
    expect(bot[7]).toMatch(/^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
  });

  it('reveals a vault secret once', async () => {
    // The key is only known after the first line, so play twice in one session via a pipe that
    // reads the key back: store, then reveal with the key the bot gave.
    const first = await chat(['new:the cake is a lie']);
    const key = first.bot[0];
    expect(key).toMatch(/^[^:]+:[^:]+$/);
    // A fresh chat has a fresh in-memory vault, so reveal in the same session instead.
    let out = '';
    const input = new Readable({ read() {} });
    const done = runChat({ flows, input, stdout: (s) => (out += s), stderr: () => {} });
    input.push('new:the cake is a lie\n');
    // Wait for the key line itself (a fixed sleep is too short on a loaded machine).
    const keyLine = () => out.split('\n').find((l) => /^bot> [^:\s]+:[^:\s]+$/.test(l));
    await expect.poll(keyLine, { timeout: 10_000 }).toBeDefined();
    const k = keyLine()!.slice(5);
    input.push(`${k}\n${k}\n`);
    input.push(null);
    expect(await done).toBe(0);
    const replies = out.split('\n').filter((l) => l.startsWith('bot> ')).map((l) => l.slice(5));
    expect(replies[1]).toBe('the cake is a lie');
    expect(replies[2]).not.toContain('the cake is a lie');
  });

  it('fires lifecycle events and names the user', async () => {
    const { bot } = await chat(['/subscribe'], { name: 'Ana' });
    expect(bot[0]).toContain('Ana');
  });
});
