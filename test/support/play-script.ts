/**
 * Scripted conversations: the turns of a test kept as data in a YAML file (what the user sends
 * or presses, and the texts the bot must answer), played against a {@link conversation}.
 */
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { conversation } from '../compile/conversation.js';
import { snippet } from './snippets.js';

/**
 * One turn: `user` text or `press` (an option id, with its `title`), then what the reply must be,
 * each check only when given: `bot` its texts, `messages` all its messages, `first` its first
 * message, `firstLike` the fields given of its first message.
 */
export interface ScriptTurn {
  user?: string;
  press?: string;
  title?: string;
  bot?: string[];
  messages?: unknown[];
  first?: unknown;
  firstLike?: Record<string, unknown>;
}

/** The named scripts of test/fixtures/snippets/<name>.yaml (a map of script name to turns). */
export function scripts(name: string): Record<string, ScriptTurn[]> {
  return parse(snippet(name)) as Record<string, ScriptTurn[]>;
}

/** Plays the turns in order and checks each reply that the script gives texts for. */
export async function play(c: ReturnType<typeof conversation>, turns: ScriptTurn[] | undefined): Promise<void> {
  if (!turns?.length) throw new Error('no such script, or an empty one');
  for (const [i, turn] of turns.entries()) {
    const said = turn.press !== undefined ? await c.press(turn.press, turn.title) : await c.text(String(turn.user));
    const where = `turn ${i + 1}: ${turn.user ?? turn.press}`;
    if (turn.bot) expect(c.texts(said), where).toEqual(turn.bot);
    if (turn.messages) expect(said.messages, where).toEqual(turn.messages);
    if (turn.first) expect(said.messages[0], where).toEqual(turn.first);
    if (turn.firstLike) expect(said.messages[0], where).toMatchObject(turn.firstLike);
  }
}

/** A live bot a script can be played against: each call waits for `replies` replies and gives their texts. */
export interface TextPlayer {
  say(text: string, replies: number): Promise<string[]>;
  press(id: string, title: string, replies: number): Promise<string[]>;
}

/** Plays text-only turns against a live bot (over HTTP), waiting for as many replies as `bot` lists (else one). */
export async function playTexts(player: TextPlayer, turns: ScriptTurn[] | undefined): Promise<void> {
  if (!turns?.length) throw new Error('no such script, or an empty one');
  for (const [i, turn] of turns.entries()) {
    if (turn.messages || turn.first || turn.firstLike) throw new Error('a live bot is checked by its texts only');
    const replies = turn.bot?.length || 1;
    const said = turn.press !== undefined ? await player.press(turn.press, turn.title ?? turn.press, replies) : await player.say(String(turn.user), replies);
    if (turn.bot) expect(said, `turn ${i + 1}: ${turn.user ?? turn.press}`).toEqual(turn.bot);
  }
}
