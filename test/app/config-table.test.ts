/**
 * The README's table of environment variables against the code: the configuration table
 * (app/config/env-table.ts) and every adapter's declared `env`, both ways. Platform rows are
 * checked for the adapters that declare `env`; a platform's rows are told by its prefix
 * (TELEGRAM_…, PARLEY_WEB_…).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapters } from '../../adapters/registry.js';
import { displayName, ENV_VARS } from '../../app/config/env-table.js';
import { shownDefault, type EnvVar } from '../../app/config/env-var.js';

interface Row {
  name: string;
  default: string;
  description: string;
}

function readmeRows(): Row[] {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split('\n## Environment variables\n')[1]?.split('\n## ')[0];
  if (!section) throw new Error('README has no "## Environment variables" section');
  return section
    .split('\n')
    .filter((line) => /^\| `[A-Z]/.test(line))
    .map((line) => {
      const [name, def, description] = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, ''));
      return { name: name.replace(/`/g, ''), default: def.replace(/^`|`$/g, ''), description };
    });
}

const rows = readmeRows();
const byName = new Map(rows.map((r) => [r.name, r]));
const core = Object.entries(ENV_VARS as Record<string, EnvVar<unknown>>).map(([name, spec]) => ({ name: displayName(name), spec }));
const coreNames = new Set(core.map((c) => c.name));

function platformOf(name: string): string | undefined {
  return Object.keys(adapters).find((p) => name.startsWith(`${p.toUpperCase()}_`) || name.startsWith(`PARLEY_${p.toUpperCase()}_`));
}

describe('the README table of environment variables', () => {
  it('has each variable once', () => {
    expect(rows.length).toBeGreaterThan(40);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it('lists every variable of the configuration table with its default and description', () => {
    for (const { name, spec } of core) {
      const row = byName.get(name);
      expect(row, `${name} is missing from the README table`).toBeDefined();
      const shown = shownDefault(spec);
      expect(row!.default, `default of ${name}`).toBe(shown === '' ? '—' : shown);
      expect(row!.description, `description of ${name}`).toBe(`${spec.description}${spec.secret ? ' Secret.' : ''}`);
    }
  });

  it('lists every variable an adapter declares, with its default', () => {
    for (const [platform, adapter] of Object.entries(adapters)) {
      for (const spec of adapter.env ?? []) {
        const row = byName.get(spec.name);
        expect(row, `${spec.name} (${platform}) is missing from the README table`).toBeDefined();
        if (spec.default !== undefined) expect(row!.default, `default of ${spec.name}`).toBe(spec.default);
        expect(row!.description.endsWith(' Secret.'), `${spec.name} is ${spec.secret ? '' : 'not '}secret`).toBe(Boolean(spec.secret));
      }
    }
  });

  it('has no row the code does not read', () => {
    for (const row of rows) {
      if (coreNames.has(row.name)) continue;
      const platform = platformOf(row.name);
      expect(platform, `${row.name} is in the README but neither the configuration table nor a platform reads it`).toBeDefined();
      const declared = adapters[platform!].env;
      // Until the adapter declares its variables, its rows cannot be checked against it.
      if (declared) expect(declared.map((s) => s.name), `${row.name} is in the README but ${platform} does not declare it`).toContain(row.name);
    }
  });
});
