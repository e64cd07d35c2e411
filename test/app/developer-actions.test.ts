import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeveloperActions } from '../../app/developer-actions.js';
import { withVaultDefaults } from '../../app/bot-actions.js';
import { ConfigError } from '../../engine/errors.js';

function moduleFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'parley-actions-')), 'actions.mjs');
  writeFileSync(file, text);
  return file;
}

describe('loadDeveloperActions', () => {
  it('registers every action the module exports, by name', async () => {
    const file = moduleFile(`export const actions = [{ name: 'shout', async run(p) { return { text: String(p.text).toUpperCase() }; } }];`);
    const actions = await loadDeveloperActions({ PARLEY_ACTIONS: file });
    expect(Object.keys(actions)).toEqual(['shout']);
    expect(await actions.shout.run({ text: 'hi' }, {} as never)).toEqual({ text: 'HI' });
  });

  it('is empty without PARLEY_ACTIONS', async () => {
    expect(await loadDeveloperActions({})).toEqual({});
  });

  it('says what is wrong with a module that exports no actions', async () => {
    const file = moduleFile('export const nothing = 1;');
    await expect(loadDeveloperActions({ PARLEY_ACTIONS: file })).rejects.toBeInstanceOf(ConfigError);
    await expect(loadDeveloperActions({ PARLEY_ACTIONS: file })).rejects.toThrow(/must export `actions`/);
  });
});

describe('withVaultDefaults', () => {
  it('gives vault.store the PARLEY_VAULT_TTL when a flow sets none, and keeps a flow\'s own', async () => {
    const seen: unknown[] = [];
    const actions = withVaultDefaults(
      { 'vault.store': { name: 'vault.store', run: async (p: Record<string, unknown>) => void seen.push(p.ttl) } },
      '12h',
    );
    await actions['vault.store'].run({ text: 'x' }, {} as never);
    await actions['vault.store'].run({ text: 'x', ttl: '5m' }, {} as never);
    expect(seen).toEqual(['12h', '5m']);
  });
});
