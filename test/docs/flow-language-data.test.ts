/**
 * The data sections of docs/flow-language.md: every yaml example there is a complete flow
 * that validates without a diagnostic, every transform is documented, and what the text
 * promises an example says is what it says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';
import { TRANSFORMS } from '../../engine/template/transforms.js';
import { conversation } from '../compile/conversation.js';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'flow-language.md'), 'utf8');
const SECTIONS = ['Expressions and templates', 'Transforms', 'Lists and data', 'Dates, times and numbers', 'Menus: synonyms, partial titles, multi-select', 'Locale and user fields', 'Actions'];

function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = DOC.indexOf('\n## ', start + 4);
  return DOC.slice(start, end < 0 ? undefined : end);
}
const yamlBlocks = (text: string) => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/flow-language.md, data sections', () => {
  for (const title of SECTIONS) {
    it(`every yaml example in "${title}" is a flow that validates cleanly`, () => {
      const blocks = yamlBlocks(section(title));
      expect(blocks.length, title).toBeGreaterThan(0);
      for (const text of blocks) {
        const result = loadBotFromSources([{ file: 'docs/example.yaml', text }], { actions: ['http.request', 'vault.store', 'vault.reveal', 'log'] });
        expect(result.diagnostics.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
      }
    });
  }

  it('documents every transform in the Transforms table', () => {
    const table = section('Transforms');
    for (const [name, spec] of Object.entries(TRANSFORMS)) {
      expect(table, name).toContain(`\\|${name}`);
      expect(table, name).toContain(spec.does);
    }
  });

  it('says what the hotel example says to a Spanish user', async () => {
    const text = yamlBlocks(section('Dates, times and numbers'))[0];
    const { bot } = loadBotFromSources([{ file: 'hotel.yaml', text }]);
    const c = conversation(bot!, { now: Date.parse('2026-12-01T08:00:00Z'), user: { id: 'u', locale: 'es' } });
    await c.text('/hotel');
    await c.text('15/03');
    expect(c.texts(await c.text('tres'))).toEqual(['lunes 15 marzo to jueves 18 marzo 2027: 3 nights, 268,50 €.']);
  });
});
