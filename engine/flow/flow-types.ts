import type { SourceSpan } from '../errors.js';

/**
 * The flow language v1, as TypeScript types. These mirror schemas/flow.schema.json, which is
 * the single source of truth for authors; this file is what the compiler reads after
 * validation. See docs/flow-language.md for the prose version.
 */

import type { Trigger } from './trigger-types.js';

export type * from './trigger-types.js';

/**
 * Text shown to a user. A plain string (may contain `{{ … }}` templates) or per-locale
 * variants keyed by language tag, with `default` as the fallback:
 * `{ default: "Hello", es: "Hola", pt-BR: "Olá" }`. The user's locale picks the variant:
 * exact tag first, then its language ("es-AR" → "es"), then `default`, then the bot's locale.
 */
export type LocalizedText = string | { [locale: string]: string };

/**
 * Where to go next. `stepId` (a step of the same flow), or `flowId.stepId`/`{ flow, step? }`
 * to continue in another flow (abandoning this one), or the keyword `end`.
 */
export type StepTarget = string | { flow: string; step?: string };

/** Fields every step may carry besides its kind key. */
export interface StepCommon {
  /** Unique within the flow; needed to be a target of goto/next/option. */
  id?: string;
  /** Where to go after this step; default: the following step, or the flow ends. */
  next?: StepTarget;
}

/**
 * What a waiting step does when the flow that interrupted it ends: `reask` (default: send the
 * question again), `silent` (wait again without a word), or `{ say }` (say this, then re-ask).
 */
export type OnResume = 'reask' | 'silent' | { say: LocalizedText };

/** Fields of the steps that wait (menu, ask, wait). */
export interface WaitingCommon {
  on_resume?: OnResume;
}

/** Reminder after silence while a menu/ask waits (a durable timer). */
export interface Reminder {
  /** Duration: "30s", "10m", "2h", "1d". */
  after: string;
  say: LocalizedText;
  /** Where to go when the reminder fires; default: keep waiting. */
  next?: StepTarget;
}

export interface SayStep extends StepCommon { say: LocalizedText }

export interface MenuOption {
  id: string;
  title: LocalizedText;
  /** Other words that choose this option (`[yes, y, sure]`), compared like titles. */
  also?: string[];
  next?: StepTarget;
}

/** Options built from a list at run time; each member is `item` in the templates. */
export interface OptionsFrom {
  /** The list: a template such as `"{{ accounts }}"`. */
  list: string;
  /** Title of each option; default: the member itself. */
  title?: string;
  /** Id of each option (its button payload); default: the member if it is text, else its number. */
  id?: string;
}
export interface MenuStep extends StepCommon, WaitingCommon {
  menu: {
    text: LocalizedText;
    /** Fixed options (shown after the list's, when both are given). */
    options?: MenuOption[];
    /** Options from a list; choosing one saves the member itself and goes to the step's `next`. */
    options_from?: OptionsFrom;
    /** Several choices in one answer ("1, 3"); saves a list and goes to the step's `next`. */
    multiple?: boolean;
    /** What to do on input that is not an option (press, title, or 1-based number). */
    otherwise?: { say?: LocalizedText; next?: StepTarget };
    /** Variable that receives the chosen option's id. */
    save?: string;
    remind?: Reminder;
  };
}

export type AskType = 'text' | 'number' | 'integer' | 'email' | 'phone' | 'yes_no' | 'location' | 'date' | 'time' | 'datetime' | 'any';
export interface AskStep extends StepCommon, WaitingCommon {
  ask: {
    text: LocalizedText;
    /** Expected input; default `text`. */
    type?: AskType;
    /** Extra check: a regex the text must match (named captures go to `match`). */
    pattern?: string;
    /** Flags of `pattern`, e.g. `i` to ignore case. */
    flags?: string;
    /** Variable that receives the (typed) answer. */
    save: string;
    /** Said when the answer does not validate; default: a generic "please try again" + text. */
    reprompt?: LocalizedText;
    /** How many invalid answers before `on_fail`; default 3. */
    retries?: number;
    on_fail?: StepTarget;
    remind?: Reminder;
    /** The answer is sensitive: input, match and the saved variable are encrypted at rest. */
    sensitive?: boolean;
  };
}

/** `set: { name: value }` — strings are templates; a string that is only `{{ expr }}` keeps the type. */
export interface SetStep extends StepCommon { set: Record<string, unknown> }

export interface CallStep extends StepCommon {
  /** Action name, e.g. `vault.store`, `http.request`, or a developer action. */
  call: string;
  /** Parameters; string values are templates. */
  with?: Record<string, unknown>;
  /** Variable that receives the action's result. */
  save?: string;
  /** Where to go when the action throws; the error is in `error.message`/`error.code`. */
  on_error?: StepTarget;
}

export interface LogStep extends StepCommon {
  /** A message template or an object of templated fields. */
  log: string | Record<string, unknown>;
}

export interface IfStep extends StepCommon {
  /** A safe expression (jexl), e.g. `age >= 18 && user.locale == "es"`. */
  if: string;
  then: StepTarget;
  else?: StepTarget;
}

export interface GotoStep extends StepCommon { goto: StepTarget }

/** Runs another flow from its first step, then continues here after it ends. */
export interface FlowStep extends StepCommon { flow: string }

/** Pauses the conversation for a duration (durable), then continues. */
export interface WaitStep extends StepCommon, WaitingCommon {
  /** A duration, or a template that renders to one (`"{{ minutes }}m"`). */
  wait: string | { for: string; say?: LocalizedText };
}

/** `end: true`, a last text, or `end: all` (the same as `cancel: true`). */
export interface EndStep extends StepCommon { end: true | 'all' | LocalizedText }

/** Ends the current flow and everything it interrupted (the whole stack), optionally saying a text first. */
export interface CancelStep extends StepCommon { cancel: true | LocalizedText }

/**
 * Arms a named background timer: `in` (a duration, may be a template) or `at` (an ISO time
 * or epoch ms, a template); when due it says `say`, or starts `flow` or `step` like an interrupt.
 */
export interface ScheduleStep extends StepCommon {
  schedule: { name: string; in?: string; at?: string; say?: LocalizedText; flow?: string; step?: StepTarget };
}

/** Removes a named timer (nothing happens when there is none). */
export interface UnscheduleStep extends StepCommon { unschedule: string }

/** Sends a picture, video, audio, file or sticker by URL, or a location. URLs are templates. */
export interface SendStep extends StepCommon {
  send: {
    image?: string;
    video?: string;
    audio?: string;
    file?: string;
    sticker?: string;
    caption?: LocalizedText;
    location?: { latitude: number; longitude: number; name?: string };
  };
}

export type Step =
  | SayStep | MenuStep | AskStep | SetStep | CallStep | LogStep
  | IfStep | GotoStep | FlowStep | WaitStep | EndStep | SendStep
  | CancelStep | ScheduleStep | UnscheduleStep;

export type StepKind = 'say' | 'menu' | 'ask' | 'set' | 'call' | 'log' | 'if' | 'goto' | 'flow' | 'wait' | 'end' | 'send'
  | 'cancel' | 'schedule' | 'unschedule';

// The kinds' order and declarations live in engine/compile/steps/step-registry.ts.

/** One flow file. */
export interface Flow {
  version: 1;
  id: string;
  description?: string;
  /** Variables that hold secrets: encrypted at rest, never logged (bot-wide names). */
  sensitive?: string[];
  /** Variables the flow gets from whoever starts it (the send API's `vars`). */
  params?: string[];
  triggers?: Trigger[];
  steps: Step[];
  /** Renamed step ids, old → new: conversations waiting in the old step move to the new one. */
  migrate?: Record<string, string>;
}

/** Bot-wide settings, from `flows/bot.yaml` (optional). */
export interface BotConfig {
  version: 1;
  bot: {
    name?: string;
    /** Command prefix; default "!". `/command` always works too (the slash style some platforms use). */
    command_prefix?: string;
    /** Locale used when the user's is unknown; default "en". */
    default_locale?: string;
    /** Said when a `call:` without `on_error` fails; default "Sorry, something went wrong. Please try again later." */
    error_reply?: LocalizedText;
    /** IANA time zone for dates and times when the user's is unknown; default "UTC". */
    timezone?: string;
    /** Platform profile settings used by set-up commands (greeting, menu, sender). */
    profile?: {
      greeting?: string;
      get_started_payload?: string;
      persistent_menu?: { title: string; payload: string }[];
      avatar?: string;
    };
  };
}

/** A loaded bot: its flows and settings, with a stable content hash as the flow version. */
export interface Bot {
  config: BotConfig['bot'];
  flows: Flow[];
  /** Hash of all flow sources; stored with every snapshot. */
  version: string;
  /** Where each step is written, by flow id (set by the loader), so runtime errors name file:line. */
  spans?: Record<string, SourceSpan[]>;
}
