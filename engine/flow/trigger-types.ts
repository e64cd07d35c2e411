/**
 * What starts a flow: the trigger shapes of a flow file's `triggers:` list (schemas/flow.schema.json
 * is their source of truth; engine/compile/trigger-index.ts matches them).
 */

/** Common trigger fields. */
export interface TriggerCommon {
  /** Step of this flow to start at; default: the first step. */
  goto?: string;
}
/** `!name args` (bot prefix) or `/name args`; `command: "*"` catches any unknown command. */
export interface CommandTrigger extends TriggerCommon { command: string; description?: string; sensitive?: boolean }
/** A regex over the text; named groups become `match.<name>`. `sensitive`: see docs/flow-language.md. */
export interface PatternTrigger extends TriggerCommon { pattern: string; flags?: string; sensitive?: boolean }
/** A platform lifecycle event. */
export interface EventTrigger extends TriggerCommon { event: 'subscribed' | 'unsubscribed' | 'started' }
/** A button/postback payload outside any menu, e.g. a "Get Started" button's GET_STARTED. */
export interface PayloadTrigger extends TriggerCommon { payload: string }
/** Anything no other trigger matched while no flow waits for input. */
export interface FallbackTrigger extends TriggerCommon { fallback: true }

export type Trigger = CommandTrigger | PatternTrigger | EventTrigger | PayloadTrigger | FallbackTrigger;
