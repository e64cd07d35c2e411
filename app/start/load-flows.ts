/**
 * Start-up step: the actions and the flows, validated against them and every platform's
 * limits. Flows with errors stop the start with all their diagnostics.
 */
import type { ActionRegistry } from '../../engine/actions/action-types.js';
import { ConfigError } from '../../engine/errors.js';
import { formatDiagnostic } from '../../engine/flow/format-diagnostic.js';
import { loadBot, type LoadResult } from '../../engine/flow/load-bot.js';
import type { Logger } from '../../engine/runtime/logger.js';
import { actionsFor, flowCheckOptions } from '../bot-actions.js';
import type { ParleyConfig } from '../config/parley-config.js';

/** The registered actions and the loaded (valid) flows. */
export interface LoadedFlows {
  actions: ActionRegistry;
  loaded: LoadResult;
}

/** Loads the actions and the flows folder; warnings are logged, errors throw ConfigError. */
export async function loadFlows(config: ParleyConfig, logger: Logger): Promise<LoadedFlows> {
  const actions = await actionsFor(config.actions);
  const loaded = await loadBot(config.flowsDir, flowCheckOptions(actions));
  for (const d of loaded.diagnostics.filter((x) => x.severity === 'warning')) logger.warn({ code: d.code, span: d.span }, d.message);
  if (!loaded.bot) {
    const text = loaded.diagnostics.map((d) => formatDiagnostic(d, undefined, { color: false })).join('\n');
    throw new ConfigError(`the flows in ${config.flowsDir} have errors; fix them and start again (npx parley validate ${config.flowsDir}):\n${text}`);
  }
  return { actions, loaded };
}
