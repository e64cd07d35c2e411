/**
 * A stand-in for the Telegram Bot API on loopback. It answers sendMessage,
 * answerCallbackQuery and getMe as Telegram does, counts requests per method and records,
 * per chat id, when each sendMessage arrived (wall-clock ms with sub-ms precision, so the
 * parent can compare with its own send times). It applies no rate limits.
 *
 * Run as a child (see child-process.ts): requests `reset` and `stats` over IPC.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serveParent } from './child-process.js';
import { wallNow } from './stats.js';

/** What the stand-in saw since the last reset. */
export interface StandInStats {
  counts: Record<string, number>;
  /** Flat pairs [chatId, arrivalMs, chatId, arrivalMs, …] of sendMessage calls, in arrival order. */
  arrivals: number[];
  /** Requests the stand-in could not read (bad path, bad body). */
  malformed: number;
}


async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a Bot API body as Telegram does: JSON, or form-encoded. */
function parseParams(body: string, contentType: string | undefined): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  return JSON.parse(body) as Record<string, unknown>;
}

/** Creates the stand-in server (not listening) and its recorder. */
export function createStandInTelegram(): { server: Server; stats(): StandInStats; reset(): void } {
  let counts: Record<string, number> = {};
  let arrivals: number[] = [];
  let malformed = 0;
  let messageId = 1;

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const at = wallNow();
      const match = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(req.url ?? '');
      let params: Record<string, unknown>;
      try {
        params = parseParams(body, req.headers['content-type']);
      } catch {
        params = {};
        malformed++;
      }
      if (!match) {
        malformed++;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
        return;
      }
      const method = match[1];
      counts[method] = (counts[method] ?? 0) + 1;
      let result: unknown = true;
      if (method === 'sendMessage') {
        const chatId = Number(params.chat_id);
        arrivals.push(chatId, at);
        result = {
          message_id: messageId++,
          from: { id: 123456, is_bot: true, first_name: 'Bench Bot', username: 'bench_bot' },
          chat: { id: chatId, type: 'private' },
          date: Math.floor(at / 1000),
          text: typeof params.text === 'string' ? params.text : '',
        };
      } else if (method === 'getMe') {
        result = { id: 123456, is_bot: true, first_name: 'Bench Bot', username: 'bench_bot' };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result }));
    })();
  });

  return {
    server,
    stats: () => ({ counts: { ...counts }, arrivals, malformed }),
    reset() {
      counts = {};
      arrivals = [];
      malformed = 0;
    },
  };
}

/** Child entry point: listen on 127.0.0.1:0 and serve the parent. */
async function main(): Promise<void> {
  const standIn = createStandInTelegram();
  standIn.server.keepAliveTimeout = 65_000;
  standIn.server.listen(0, '127.0.0.1');
  await once(standIn.server, 'listening');
  const { port } = standIn.server.address() as AddressInfo;
  serveParent({ url: `http://127.0.0.1:${port}` }, (msg) => {
    if (msg.type === 'reset') {
      standIn.reset();
      return {};
    }
    if (msg.type === 'stats') return { stats: standIn.stats() };
    // Cheap progress poll while waiting for replies; `stats` carries every arrival.
    if (msg.type === 'count') return { sendMessage: standIn.stats().counts.sendMessage ?? 0 };
    return { error: `unknown request ${String(msg.type)}` };
  });
  process.on('SIGTERM', () => standIn.server.close(() => process.exit(0)));
}

// Only when forked as a script, not when imported for its types or by a test.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) await main();
