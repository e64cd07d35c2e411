/**
 * Whether an inbound event might carry something a flow marked sensitive, decided when it is
 * accepted (before its turn runs), so the inbox seals only those. Conservative: any event may
 * be the answer to a sensitive `ask` the conversation waits on, so a bot with one seals every
 * event; otherwise an event is sensitive when it fires a sensitive trigger.
 */
import type { Bot } from '../flow/flow-types.js';
import type { InboundEvent } from '../types.js';
import { viewInput } from './input-view.js';
import type { SensitiveMarks } from './sensitive-values.js';
import type { StepAddresses } from './step-address.js';
import { indexTriggers, routeInput } from './trigger-index.js';

/** Builds the check for one bot. */
export function sensitiveInputCheck(bot: Bot, addresses: StepAddresses, marks: SensitiveMarks): (event: InboundEvent) => boolean {
  if (marks.asks.size > 0) return () => true;
  const index = indexTriggers(bot, addresses);
  const starts = [...index.events.values(), ...index.commands.values(), ...index.payloads.values(), ...index.patterns.map((p) => p.start)];
  if (index.anyCommand) starts.push(index.anyCommand);
  if (!starts.some((s) => s.sensitive)) return () => false;
  const prefix = bot.config.command_prefix ?? '!';
  return (event) => {
    const { view, command } = viewInput(event, prefix);
    // Triggers fire whatever the conversation waits for, so no state is needed to tell.
    const route = routeInput(index, addresses, event, view, command, null, []);
    return route.kind === 'start' && route.start.sensitive === true;
  };
}
