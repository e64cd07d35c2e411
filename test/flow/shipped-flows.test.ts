import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { loadBot } from '../../engine/flow/load-bot.js';
import { formatDiagnostic } from '../../engine/flow/format-diagnostic.js';
import { builtinActions } from '../../engine/actions/builtin-actions.js';

const FLOWS = 'flows';
const hasFlows = existsSync(FLOWS) && readdirSync(FLOWS).some((n) => /\.ya?ml$/.test(n));

describe('the shipped flows/', () => {
  it.skipIf(!hasFlows)('load with no errors and no warnings', async () => {
    const result = await loadBot(FLOWS, { actions: Object.keys(builtinActions()) });
    // Printing the formatted diagnostics makes a failure say exactly what to fix.
    expect(result.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    expect(result.bot?.flows.length).toBeGreaterThan(0);
  });
});
