/**
 * A test conversation: sends inputs through the engine's ConversationDriver (JSON
 * round-tripping the snapshot between turns, as the pipeline's store does) on a fake clock.
 */
import type { ActionContext, ActionRegistry } from '../../engine/actions/action-types.js';
import { builtinActions, createRunner, type Runner } from '../../engine/runtime/runner.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
import { ConversationDriver } from '../../engine/runtime/conversation-driver.js';
import type { TurnInput, TurnResult } from '../../engine/runtime/turn.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { HttpClient, InboundEvent, OutboundMessage, UserInfo } from '../../engine/types.js';

/** A logger that keeps what it was given. */
export function collectingLogger(): Logger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const logger = {
    lines,
    info: (obj: object, msg?: string) => void lines.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg?: string) => void lines.push({ level: 'warn', obj, msg }),
    error: (obj: object, msg?: string) => void lines.push({ level: 'error', obj, msg }),
    debug: (obj: object, msg?: string) => void lines.push({ level: 'debug', obj, msg }),
    child: () => logger,
  };
  return logger;
}

/** Options of {@link conversation}. */
export interface ConversationOptions {
  actions?: ActionRegistry;
  user?: UserInfo;
  store?: ConversationStore;
  http?: HttpClient;
  now?: number;
}

/** The text of a message (options messages give their text). */
export function textOf(m: OutboundMessage): string {
  return m.kind === 'text' || m.kind === 'options' ? m.text : '';
}

/** Starts a conversation with a bot. */
export function conversation(bot: Bot, options: ConversationOptions = {}) {
  const clock = { now: options.now ?? 1_700_000_000_000 };
  const logger = collectingLogger();
  const store = options.store ?? createMemoryStore({ now: () => clock.now });
  const deps = { actions: { ...builtinActions(), ...options.actions }, logger, now: () => clock.now };
  let runner: Runner = createRunner(bot, deps);
  let seq = 0;
  const user = options.user ?? { id: 'u1', name: 'Ana' };
  const http: HttpClient = options.http ?? { request: async () => { throw new Error('no http in this test'); } };
  const actionContext: ActionContext = {
    conversation: 'test:c1', platform: 'test', user, http, store, logger, now: () => clock.now, secretKey: Buffer.alloc(32, 7),
  };
  const base = () => ({ platform: 'test', conversation: 'c1', user, eventId: `e${++seq}`, timestamp: clock.now });
  // The engine's driver, as `parley test` uses it (it round-trips snapshots through JSON).
  const driver = new ConversationDriver({ runner: () => runner, key: 'test:c1', platform: 'test', conversation: 'c1', actionContext: () => actionContext });
  const send = (input: TurnInput): Promise<TurnResult> => driver.play(input);
  return {
    logger,
    store,
    clock,
    get snapshot() { return driver.snapshot; },
    set snapshot(s: unknown) { driver.snapshot = s; },
    get last() { return driver.last; },
    /** Replaces the runner (a restart, or a new bot version), keeping the snapshot. */
    restart(newBot: Bot = bot) { runner = createRunner(newBot, deps); },
    send,
    text: (text: string) => send({ ...base(), kind: 'text', text }),
    press: (optionId: string, title?: string) => send({ ...base(), kind: 'option', optionId, title }),
    event: (e: Partial<InboundEvent> & { kind: InboundEvent['kind'] }) => send({ ...base(), ...e } as InboundEvent),
    /** Advances the clock and fires every pending timer that is due, in order. */
    async advance(ms: number): Promise<TurnResult[]> {
      clock.now += ms;
      const results: TurnResult[] = [];
      for (const t of driver.due(clock.now)) results.push(await driver.fire(t));
      return results;
    },
    /** Texts of a result's messages. */
    texts: (r: TurnResult) => r.messages.map(textOf),
  };
}
