/**
 * The authoring loop's commands:
 *   parley reload [--dry-run] [--url URL]       reload a running server's flows (or preview)
 *   parley transcript <conversation> [--url URL] [--json] [--test file.test.yaml]
 *   parley replay [--since 7d] [--flows dir]    replay recorded conversations on candidate flows
 * reload and transcript talk to the server's API (PARLEY_URL, default http://127.0.0.1:$PORT,
 * with PARLEY_API_TOKEN); replay reads the store the server uses (same environment).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import type { ReloadResult } from '../reload/flow-reloader.js';
import type { TranscriptEntry } from '../../engine/runtime/version-store.js';
import { replyText } from '../../engine/runtime/replay.js';
import { runReplay } from './replay-command.js';
import { transcriptTestFile } from './transcript-test-file.js';

/** What the commands read and write. */
export interface CommandIo {
  env: Record<string, string | undefined>;
  stdout(s: string): void;
  stderr(s: string): void;
}

async function api(io: CommandIo, method: 'GET' | 'POST', path: string, url?: string): Promise<{ status: number; body: unknown }> {
  const token = io.env.PARLEY_API_TOKEN;
  if (!token) throw new Error('set PARLEY_API_TOKEN to the token the server was started with');
  const base = (url ?? io.env.PARLEY_URL ?? `http://127.0.0.1:${io.env.PORT ?? 3000}`).replace(/\/$/, '');
  const res = await request(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const text = await res.body.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the message.
  }
  if (res.statusCode === 401) throw new Error('the server refused the token; use the PARLEY_API_TOKEN it was started with');
  return { status: res.statusCode, body };
}

/** The reload result as a few lines. */
export function formatReload(r: ReloadResult): string {
  const lines: string[] = [];
  if (!r.ok) lines.push(`refused: ${r.errors} error(s); still serving ${r.version}`, r.report);
  else if (r.unchanged) lines.push(`nothing changed; serving ${r.version}`);
  else lines.push(`${r.dryRun ? 'would switch' : 'switched'} ${r.previous} → ${r.candidate}`);
  if (r.impact) {
    lines.push(`${r.impact.conversations} conversation(s): ${r.impact.moving} move at their next event, ${r.impact.pinned} finish their step on their version`);
    for (const s of r.impact.steps) lines.push(`  ${s.waiting} waiting in ${s.step} (${s.change})`);
  }
  return lines.join('\n') + '\n';
}

/** One transcript turn as text. */
export function formatTurn(t: TranscriptEntry): string {
  const what = t.input.kind === 'option' ? `press ${t.input.option}` : t.input.text !== undefined ? `${t.input.kind} ${JSON.stringify(t.input.text)}` : t.input.kind;
  const head = `${new Date(t.at).toISOString()}  ${t.version}  ${what}  (${t.from ?? 'idle'} → ${t.to ?? 'idle'})`;
  return [head, ...t.replies.map((m) => `    ${replyText(m)}`)].join('\n') + '\n';
}

/** Runs reload, transcript or replay; resolves to the exit code. */
export async function runReloadCommand(command: string, args: string[], io: CommandIo): Promise<number> {
  try {
    if (command === 'reload') {
      const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false }, url: { type: 'string' } } });
      const res = await api(io, 'POST', `/api/v1/reload${values['dry-run'] ? '?dry_run=1' : ''}`, values.url);
      if (res.status !== 200 && res.status !== 422) throw new Error(`the server answered ${res.status}: ${JSON.stringify(res.body)}`);
      const result = res.body as ReloadResult;
      io.stdout(formatReload(result));
      return result.ok ? 0 : 1;
    }
    if (command === 'transcript') {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { url: { type: 'string' }, json: { type: 'boolean', default: false }, test: { type: 'string' } } });
      const key = positionals[0];
      if (!key) throw new Error('name the conversation, e.g. parley transcript telegram:12345');
      const res = await api(io, 'GET', `/api/v1/conversations/${encodeURIComponent(key)}/transcript`, values.url);
      if (res.status === 404) {
        io.stderr(`parley: no conversation ${key}; keys look like <platform>:<conversation id>\n`);
        return 1;
      }
      if (res.status !== 200) throw new Error(`the server answered ${res.status}: ${JSON.stringify(res.body)}`);
      const turns = (res.body as { turns: TranscriptEntry[] }).turns;
      if (values.test) {
        writeFileSync(values.test, transcriptTestFile(key, turns));
        io.stdout(`wrote ${turns.length} turn(s) to ${values.test}\n`);
      } else io.stdout(values.json ? JSON.stringify(turns, null, 2) + '\n' : turns.map(formatTurn).join(''));
      return 0;
    }
    const { values } = parseArgs({ args, options: { since: { type: 'string', default: '7d' }, flows: { type: 'string' } } });
    return await runReplay({ since: values.since!, flows: values.flows ?? io.env.PARLEY_FLOWS ?? 'flows' }, io);
  } catch (err) {
    io.stderr(`parley ${command}: ${(err as Error).message}\n`);
    return 2;
  }
}
