/**
 * `log`: writes the given fields to the logger, for flows that want a log line from a `call:`.
 */
import { defineAction } from './action-types.js';

/** `log(fields)` → `{ logged: true }`. */
export const logAction = defineAction<Record<string, unknown>, { logged: true }>({
  name: 'log',
  description: 'Writes its parameters to the log.',
  async run(params, ctx) {
    ctx.logger.info({ conversation: ctx.conversation, ...params }, 'flow log');
    return { logged: true };
  },
});
