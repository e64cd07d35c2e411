/**
 * The studio's record of turns over its API: what the web chat did appears in the timeline,
 * and a secret the vault flow marks sensitive never does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';

const CONVERSATION = 'studio-turns-test-0001';

describe('studio turn record', () => {
  let parley: TestParley;
  let cookie = '';
  const say = (id: string, text: string) =>
    fetch(`${parley.url}/webhooks/web/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, conversation: CONVERSATION, text }) });
  const detail = async () => (await fetch(`${parley.url}/studio/api/conversations/web:${CONVERSATION}`, { headers: { cookie } })).json() as Promise<{ turns: { input: { text?: string }; replies: { text?: string }[] }[] }>;

  beforeAll(async () => {
    parley = await startTestParley({ NODE_ENV: 'development' });
    const session = await fetch(`${parley.url}/studio/api/session`);
    cookie = session.headers.get('set-cookie')!.split(';')[0];
  });
  afterAll(() => parley?.stop());

  it('records each turn with its input, replies and the step it moved to', async () => {
    await say('t1', 'Hola');
    await expect.poll(async () => (await detail()).turns.length, { timeout: 5_000 }).toBe(1);
    const [turn] = (await detail()).turns as unknown as { input: { text: string }; replies: { text: string }[]; after: { waiting: { flow: string; step: string } } }[];
    expect(turn.input.text).toBe('Hola');
    expect(turn.replies.map((r) => r.text)).toEqual(['Hola!', 'Por favor elije una opción:']);
    expect(turn.after.waiting).toMatchObject({ flow: 'club-menu', step: 'choose' });
  });

  it('keeps no secret of the vault flow in the record, while the chat itself gets it', async () => {
    // The page's own reply stream: the user does see the key and the revealed secret.
    const stream = await fetch(`${parley.url}/webhooks/web/events?conversation=${CONVERSATION}&after=2`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    const next = async (pattern: RegExp) => {
      while (!pattern.test(seen)) seen += (await reader.read()).value ?? '';
      return pattern.exec(seen)!;
    };
    await say('t2', 'new:the cake is a lie');
    const key = (await next(/"text":"([A-Za-z0-9_-]{8,32}:[A-Za-z0-9_-]{22,64})"/))[1];
    await say('t3', key);
    await next(/the cake is a lie/);
    await reader.cancel();
    await expect.poll(async () => (await detail()).turns.length, { timeout: 5_000 }).toBe(3);
    const record = JSON.stringify(await detail());
    expect(record).not.toContain('the cake is a lie');
    expect(record).not.toContain(key.split(':')[1]);
    expect(record).toContain('[sensitive]');
  });
});
