/**
 * The conversation driver: the one place that feeds an input to a bot's runner, keeps the
 * snapshot and pending timers a turn returns, and fires timers as they come due.
 *
 * Two halves, so every caller drives turns the same way whatever holds the state:
 * - {@link playTurn}, {@link turnActionContext} and {@link timerInput} are stateless; the turn
 *   executor uses them and keeps the state in the store (load, play, commit).
 * - {@link ConversationDriver} keeps one conversation in memory (`parley chat`, `parley test`
 *   and the test helpers): snapshots are JSON round-tripped between turns as a store would.
 */
import type { ActionContext, ActionStore, TurnEffects } from '../actions/action-types.js';
import type { ConversationKey, HttpClient, UserInfo } from '../types.js';
import type { Logger } from './logger.js';
import type { PendingTimer, TimerInput, TurnInput, TurnResult } from './turn.js';

/** The part of a runner that plays turns (a Runner, or bot versions choosing one). */
export interface TurnPlayer {
  handle(args: { key: ConversationKey; snapshot: unknown | undefined; input: TurnInput; actionContext: ActionContext }): Promise<TurnResult>;
}

/** One turn to play: the conversation, where it stands, what happened, what actions see. */
export interface TurnRequest {
  key: ConversationKey;
  /** The persisted snapshot of the previous turn; undefined = a new conversation. */
  snapshot: unknown | undefined;
  input: TurnInput;
  actionContext: ActionContext;
}

/**
 * Plays one turn on the runner. Rejects with the runner's ConversationError when the turn
 * fails; the caller then keeps the state it had (nothing of a failed turn is kept or sent).
 */
export function playTurn(runner: TurnPlayer, turn: TurnRequest): Promise<TurnResult> {
  return runner.handle(turn);
}

/** What every turn's action context is made of, besides the conversation and the user. */
export interface TurnContextDeps {
  http: HttpClient;
  /** The vault, nothing more (a whole ConversationStore fits; the turn executor passes only its vault). */
  store: ActionStore;
  logger: Logger;
  now: () => number;
  secretKey: Buffer;
  /** Writes to commit with the turn (absent: actions write at once). */
  effects?: TurnEffects;
}

/**
 * The context actions see during a turn of `key`. The user is the event's; a timer turn
 * carries no user, so it knows only the conversation id.
 */
export function turnActionContext(key: ConversationKey, input: TurnInput, deps: TurnContextDeps): ActionContext {
  const user: UserInfo = input.kind === 'timer' ? { id: input.conversation } : input.user;
  return { conversation: key, platform: input.platform, user, ...deps };
}

/** The input that fires a timer of a conversation. */
export function timerInput(timer: { timerId: string; platform: string; conversation: string }): TimerInput {
  return { kind: 'timer', timerId: timer.timerId, platform: timer.platform, conversation: timer.conversation };
}

/** Options of {@link ConversationDriver}. */
export interface ConversationDriverOptions {
  /** The runner; a function when it may be swapped between turns (a restart, a new version). */
  runner: TurnPlayer | (() => TurnPlayer);
  key: ConversationKey;
  platform: string;
  /** The platform's conversation id (what timer inputs carry). */
  conversation: string;
  /** The context actions see during the turn of `input`. */
  actionContext(input: TurnInput): ActionContext;
  /** Where the conversation starts; default a new conversation. */
  snapshot?: unknown;
  /** Timers already armed at the start (a test that starts at a waiting step). */
  timers?: PendingTimer[];
  /** Called before each turn, also before one that then fails (traces). */
  beforeTurn?(input: TurnInput): void;
  /** Called after each turn that succeeded, once the driver keeps its state. */
  afterTurn?(result: TurnResult): void;
}

/** Options of {@link ConversationDriver.advance}. */
export interface AdvanceOptions {
  /** Most timer turns to fire; past it `tooMany` is thrown (a flow re-arming a timer forever). */
  maxTurns?: number;
  tooMany?(maxTurns: number): Error;
  /** Called before a timer fires (a fake clock moves to its due time). */
  beforeFire?(timer: PendingTimer): void;
}

/** One conversation held in memory, driven turn by turn. */
export class ConversationDriver {
  /** The persisted snapshot after the last turn (JSON, as a store would give it back). */
  snapshot: unknown;
  /** The timers pending after the last turn. */
  timers: PendingTimer[];
  /** The last turn that succeeded. */
  last?: TurnResult;

  constructor(private readonly opts: ConversationDriverOptions) {
    this.snapshot = opts.snapshot;
    this.timers = opts.timers ?? [];
  }

  /** Plays one turn; on failure it rejects and the state stays as it was. */
  async play(input: TurnInput): Promise<TurnResult> {
    const { runner, key } = this.opts;
    this.opts.beforeTurn?.(input);
    const player = typeof runner === 'function' ? runner() : runner;
    const result = await playTurn(player, { key, snapshot: this.snapshot, input, actionContext: this.opts.actionContext(input) });
    // Stores persist snapshots as JSON; every turn starts from a round-tripped copy, so a
    // value that does not survive JSON shows up here as it would on a server.
    this.snapshot = JSON.parse(JSON.stringify(result.snapshot));
    this.timers = result.timers;
    this.last = result;
    this.opts.afterTurn?.(result);
    return result;
  }

  /** The input that fires `timer` in this conversation. */
  timerInput(timer: Pick<PendingTimer, 'timerId'>): TimerInput {
    return timerInput({ timerId: timer.timerId, platform: this.opts.platform, conversation: this.opts.conversation });
  }

  /** Fires one timer. */
  fire(timer: Pick<PendingTimer, 'timerId'>): Promise<TurnResult> {
    return this.play(this.timerInput(timer));
  }

  /** The pending timers due at `until`, earliest first. */
  due(until: number): PendingTimer[] {
    return this.timers.filter((t) => t.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Removes the timers due at `until` and returns them, earliest first (to fire them later, once). */
  takeDue(until: number): PendingTimer[] {
    const due = this.due(until);
    this.timers = this.timers.filter((t) => t.dueAt > until);
    return due;
  }

  /**
   * Fires every timer that comes due until `until`, earliest first, including timers the
   * fired turns arm meanwhile; the results in firing order.
   */
  async advance(until: number, options: AdvanceOptions = {}): Promise<TurnResult[]> {
    const results: TurnResult[] = [];
    for (let fired = 0; ; fired++) {
      const next = this.due(until)[0];
      if (!next) return results;
      if (options.maxTurns !== undefined && fired >= options.maxTurns) {
        throw options.tooMany?.(options.maxTurns) ?? new Error(`more than ${options.maxTurns} timer turns`);
      }
      options.beforeFire?.(next);
      results.push(await this.fire(next));
    }
  }
}
