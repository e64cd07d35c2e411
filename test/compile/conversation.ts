/**
 * A test driver for one conversation: sends inputs through a runner the way the pipeline
 * does (JSON round-tripping the snapshot between turns) and keeps a fake clock.
 */
import type { ActionContext, ActionRegistry } from '../../engine/actions/action-types.js';
import { builtinActions, createRunner, type Runner } from '../../engine/runtime/runner.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
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
  let snapshot: unknown;
  let last: TurnResult | undefined;
  let seq = 0;
  const user = options.user ?? { id: 'u1', name: 'Ana' };
  const http: HttpClient = options.http ?? { request: async () => { throw new Error('no http in this test'); } };
  const actionContext: ActionContext = {
    conversation: 'test:c1', platform: 'test', user, http, store, logger, now: () => clock.now, secretKey: Buffer.alloc(32, 7),
  };
  const base = () => ({ platform: 'test', conversation: 'c1', user, eventId: `e${++seq}`, timestamp: clock.now });

  async function send(input: TurnInput): Promise<TurnResult> {
    last = await runner.handle({ key: 'test:c1', snapshot, input, actionContext });
    // The pipeline stores snapshots as JSON; every turn starts from a round-tripped copy.
    snapshot = JSON.parse(JSON.stringify(last.snapshot));
    return last;
  }
  return {
    logger,
    store,
    clock,
    get snapshot() { return snapshot; },
    set snapshot(s: unknown) { snapshot = s; },
    get last() { return last; },
    /** Replaces the runner (a restart, or a new bot version), keeping the snapshot. */
    restart(newBot: Bot = bot) { runner = createRunner(newBot, deps); },
    send,
    text: (text: string) => send({ ...base(), kind: 'text', text }),
    press: (optionId: string, title?: string) => send({ ...base(), kind: 'option', optionId, title }),
    event: (e: Partial<InboundEvent> & { kind: InboundEvent['kind'] }) => send({ ...base(), ...e } as InboundEvent),
    /** Advances the clock and fires every pending timer that is due, in order. */
    async advance(ms: number): Promise<TurnResult[]> {
      clock.now += ms;
      const due = (last?.timers ?? []).filter((t) => t.dueAt <= clock.now).sort((a, b) => a.dueAt - b.dueAt);
      const results: TurnResult[] = [];
      for (const t of due) results.push(await send({ kind: 'timer', timerId: t.timerId, platform: 'test', conversation: 'c1' }));
      return results;
    },
    /** Texts of a result's messages. */
    texts: (r: TurnResult) => r.messages.map(textOf),
  };
}
