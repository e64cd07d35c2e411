/**
 * The checks a JSON Schema cannot express, run over all flows of a bot together: ids,
 * targets, reachability, loops, expressions, triggers, schedules, platform limits and actions.
 */
import type { PlatformLimits } from '../types.js';
import type { FlowDiagnostic } from './flow-diagnostic.js';
import { flowIndex, flowInfos } from './flow-model.js';
import type { ParsedSource } from './parsed-source.js';
import { checkDuplicateIds, checkTargets } from './check-targets.js';
import { buildStepGraph, checkLoops, checkReachable } from './check-graph.js';
import { graphOf } from './bot-graph.js';
import { checkExpressions } from './check-expressions.js';
import { checkTriggers } from './check-triggers.js';
import { checkSchedules } from './check-timers.js';
import { checkActions, checkLimits } from './check-limits.js';
import { checkData } from './check-data.js';
import { checkMigrate } from './check-migrate.js';

/** What the cross-flow checks need to know about the outside world. */
export interface CheckOptions {
  limits?: Record<string, PlatformLimits>;
  actions?: readonly string[];
}

/** Runs every semantic check over the parsed flow sources (schema errors or not). */
export function checkFlows(sources: readonly ParsedSource[], options: CheckOptions = {}): FlowDiagnostic[] {
  const flows = flowInfos(sources);
  const byId = flowIndex(flows);
  const edges = graphOf(flows, byId, { spans: false });
  const graph = buildStepGraph(edges);
  return [
    ...checkDuplicateIds(flows),
    ...checkTargets(flows, byId, edges),
    ...checkReachable(flows, graph),
    ...checkLoops(flows, graph),
    ...checkExpressions(flows),
    ...checkTriggers(flows),
    ...checkSchedules(flows),
    ...checkData(flows),
    ...checkMigrate(flows),
    ...(options.limits ? checkLimits(flows, options.limits) : []),
    ...(options.actions ? checkActions(flows, options.actions) : []),
  ];
}
