/**
 * `parley chat`: talk to a bot in the terminal. Reads lines from standard input (so it also
 * works piped), shows options as numbered choices, and lets the user fire platform events:
 * /subscribe, /unsubscribe, /started, /press <option-id>, /location <lat> <lon>, /quit.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { schemaPathFor, TestRecorder } from '../testing/test-recorder.js';
import { loadBot, type LoadOptions } from '../flow/load-bot.js';
import { formatDiagnostic } from '../flow/format-diagnostic.js';
import { createRunner, builtinActions } from '../runtime/runner.js';
import { createMemoryStore } from '../runtime/stores/memory-store.js';
import { createHttpClient } from '../runtime/http-client.js';
import { silentLogger } from '../runtime/logger.js';
import { ConversationDriver } from '../runtime/conversation-driver.js';
import type { InboundEvent, OutboundMessage } from '../types.js';
import type { TurnInput } from '../runtime/turn.js';
import type { ActionRegistry } from '../actions/action-types.js';

/** Options of {@link runChat}. */
export interface ChatOptions {
  flows: string;
  name?: string;
  locale?: string;
  input: Readable;
  stdout(s: string): void;
  stderr(s: string): void;
  /** The bot's actions (the CLI passes the built-ins plus PARLEY_ACTIONS'); default: the built-ins. */
  actions?: ActionRegistry;
  /** What the flows are checked against, as `parley validate` does (action names, platform limits). */
  checks?: LoadOptions;
  /** Shows log steps and failures the flows did not handle; default false. */
  verbose?: boolean;
  /** Saves the session as a conversation test in this file when the chat ends. */
  record?: string;
}

const PLATFORM = 'terminal';

/** Renders one outbound message as terminal text. */
export function renderForTerminal(m: OutboundMessage): string {
  switch (m.kind) {
    case 'text':
      return `bot> ${m.text}`;
    case 'options':
      return [`bot> ${m.text}`, ...m.options.map((o, i) => `     ${i + 1}. ${o.title}   [/press ${o.id}]`)].join('\n');
    case 'media':
      return `bot> [${m.mediaType}] ${m.url}${m.caption ? ` — ${m.caption}` : ''}`;
    case 'location':
      return `bot> [location] ${m.latitude}, ${m.longitude}${m.name ? ` (${m.name})` : ''}`;
    case 'typing':
      return 'bot> …';
  }
}

/** Runs the chat until input ends or /quit; returns the exit code. */
export async function runChat(opts: ChatOptions): Promise<number> {
  const actions = { ...builtinActions(), ...opts.actions };
  // Checked like `parley validate` would: a flow calling an unknown action does not start.
  const loaded = await loadBot(opts.flows, { actions: Object.keys(actions), ...opts.checks });
  for (const d of loaded.diagnostics) opts.stderr(formatDiagnostic(d, undefined, { color: false }) + '\n');
  if (!loaded.bot) return 1;
  const store = createMemoryStore();
  const runner = createRunner(loaded.bot, { actions, logger: silentLogger, now: Date.now });
  const user = { id: 'terminal-user', name: opts.name, locale: opts.locale };
  const key = `${PLATFORM}:${user.id}`;
  let seq = 0;
  const secretKey = randomBytes(32);
  const given = opts.name || opts.locale ? { user: { ...(opts.name ? { name: opts.name } : {}), ...(opts.locale ? { locale: opts.locale } : {}) } } : undefined;
  const recorder = opts.record ? new TestRecorder(`recorded chat ${new Date().toISOString().slice(0, 16)}`, given) : undefined;
  let lastTurnAt = Date.now();
  const http = createHttpClient();
  // The terminal user is the user of every turn, timer turns included.
  const actionContext = { conversation: key, platform: PLATFORM, user, http, store, logger: silentLogger, now: Date.now, secretKey };
  const driver = new ConversationDriver({ runner, key, platform: PLATFORM, conversation: user.id, actionContext: () => actionContext });

  const play = async (input: TurnInput) => {
    let result;
    try {
      result = await driver.play(input);
    } catch (err) {
      // As on a server: a failed turn changes nothing, the conversation stays where it was.
      opts.stderr(`error> ${(err as Error).message}\n`);
      return;
    }
    for (const m of result.messages) opts.stdout(renderForTerminal(m) + '\n');
    recorder?.output(result.messages);
    if (opts.verbose) for (const l of result.logs) opts.stdout(`${l.level === 'error' ? 'error>' : 'log>'} ${l.flow}.${l.step} ${JSON.stringify(l.fields)}\n`);
  };
  const base = () => ({ platform: PLATFORM, conversation: user.id, user, eventId: `t${++seq}`, timestamp: Date.now() });

  // Fire due timers while the user types (wait steps and reminders).
  const timerLoop = setInterval(() => {
    // Taken off the pending list now: the next tick must not queue them a second time.
    const due = driver.takeDue(Date.now());
    if (due.length > 0) {
      queue = queue.then(async () => {
        // A test replays this on a fake clock: the time since the last turn, rounded up.
        recorder?.input({ wait: `${Math.ceil((Date.now() - lastTurnAt) / 1000)}s` });
        lastTurnAt = Date.now();
        for (const t of due) await play(driver.timerInput(t));
      });
    }
  }, 200);
  let queue: Promise<void> = Promise.resolve();

  opts.stdout(`Chatting with ${loaded.bot.flows.length} flows from ${opts.flows}. Type /quit to leave, /help-chat for the chat commands.\n`);
  const rl = createInterface({ input: opts.input, terminal: false });
  try {
    for await (const raw of rl) {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '') continue;
      if (line === '/quit') break;
      if (line === '/help-chat') {
        opts.stdout('/subscribe, /unsubscribe, /started — platform events; /press <id> — press a button; /location <lat> <lon>; /quit\n');
        continue;
      }
      opts.stdout(`you> ${line}\n`);
      const event = toEvent(line, base());
      queue = queue.then(() => {
        recorder?.input(turnOf(event, line));
        lastTurnAt = Date.now();
        return play(event);
      });
      await queue;
    }
    await queue;
  } finally {
    clearInterval(timerLoop);
    await store.close();
  }
  if (recorder && opts.record) {
    if (recorder.size === 0) {
      opts.stderr(`Nothing to record: the session had no turns, so ${opts.record} was not written.\n`);
      return 0;
    }
    const existing = await readFile(opts.record, 'utf8').catch(() => undefined);
    await writeFile(opts.record, recorder.toText(existing, schemaPathFor(opts.record)));
    opts.stdout(`Recorded ${recorder.size} turns as a test in ${opts.record}; run it with \`parley test ${opts.record}\`.\n`);
  }
  return 0;
}

/** The test turn of a typed line. */
function turnOf(event: InboundEvent, line: string) {
  switch (event.kind) {
    case 'option':
      return { press: event.optionId };
    case 'lifecycle':
      return { event: event.lifecycle };
    case 'location':
      return { location: { latitude: event.latitude, longitude: event.longitude } };
    default:
      return { user: line };
  }
}

/** Turns a typed line into the event a platform would deliver. */
function toEvent(line: string, base: Omit<InboundEvent, 'kind'>): InboundEvent {
  const [word, ...rest] = line.trim().split(/\s+/);
  switch (word) {
    case '/subscribe':
      return { ...base, kind: 'lifecycle', lifecycle: 'subscribed' };
    case '/unsubscribe':
      return { ...base, kind: 'lifecycle', lifecycle: 'unsubscribed' };
    case '/started':
      return { ...base, kind: 'lifecycle', lifecycle: 'started' };
    case '/press':
      return { ...base, kind: 'option', optionId: rest.join(' ') };
    case '/location':
      return { ...base, kind: 'location', latitude: Number(rest[0]), longitude: Number(rest[1]) };
    default:
      return { ...base, kind: 'text', text: line };
  }
}
