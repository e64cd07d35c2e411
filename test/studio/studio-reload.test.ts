/**
 * The studio's diagrams follow a hot reload: after a flow file changes and the server
 * switches to the new version, GET /studio/api/bot draws the new steps (not the version the
 * server started with).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestParley, type TestParley } from '../support/parley-server.js';

type BotBody = { version: string; flows: { flow: string; nodes: { label: string }[] }[] };

describe('studio diagrams after a hot reload', () => {
  let dir: string;
  let parley: TestParley;
  let cookie: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-studio-reload-'));
    await cp('flows', dir, { recursive: true });
    parley = await startTestParley({ NODE_ENV: 'development', PARLEY_FLOWS: dir, PARLEY_WATCH: '0' });
    // The local studio's session cookie (no login on this machine).
    cookie = (await fetch(`${parley.url}/studio/api/session`)).headers.get('set-cookie')!.split(';')[0];
  });
  afterAll(async () => {
    await parley?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const bot = async (): Promise<BotBody> => (await (await fetch(`${parley.url}/studio/api/bot`, { headers: { cookie } })).json()) as BotBody;
  const labels = (b: BotBody, flow: string) => b.flows.find((f) => f.flow === flow)!.nodes.map((n) => n.label);

  it('draws the reloaded version', async () => {
    const before = await bot();
    expect(labels(before, 'club-menu')).not.toContain('gym');
    const file = join(dir, 'club-menu.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('        - { id: hall, title: SUM, next: hall }', '        - { id: hall, title: SUM, next: hall }\n        - { id: gym, title: Gimnasio, next: gym }') +
      '  - id: gym\n    say: "Elegiste Gimnasio."\n    next: end\n');
    const result = await parley.reloading.reload('test');
    expect(result.ok).toBe(true);
    const after = await bot();
    expect(after.version).not.toBe(before.version);
    expect(labels(after, 'club-menu')).toContain('gym');
  });
});
