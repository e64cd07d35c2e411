/**
 * Every fenced `yaml` example of docs/flow-language.md is loaded like a bot: a block with
 * `steps:` or `bot:` is a file, a block that is a YAML list is the steps of a flow named
 * `example`, `---` separates the files of one bot, and a block whose first line is
 * `# invalid: CODE` must be refused with that code. Every validation code is documented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBotFromSources, type SourceText } from '../../engine/flow/load-bot.js';
import { FLOW_ERROR_CODES } from '../../engine/flow/flow-diagnostic.js';
import { builtinActions } from '../../engine/runtime/runner.js';
import { conversation } from '../compile/conversation.js';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'flow-language.md');
const text = readFileSync(DOC, 'utf8');

/** The yaml blocks with the line they start on and the section they are in. */
function examples(): { line: number; section: string; body: string }[] {
  const out: { line: number; section: string; body: string }[] = [];
  const lines = text.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('## ')) section = lines[i].slice(3);
    if (lines[i].trim() !== '```yaml') continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1].trim() !== '```') i++;
    out.push({ line: start + 1, section, body: lines.slice(start, i + 1).join('\n') });
    i++;
  }
  return out;
}

/** The files of one example. */
function sourcesOf(body: string, line: number): SourceText[] {
  const files = body.split(/^---$/m).map((doc, n) => {
    const data = parse(doc) as unknown;
    const file = `docs/flow-language.md@${line}#${n + 1}.yaml`;
    if (Array.isArray(data)) {
      const indented = doc.split('\n').map((l) => `  ${l}`).join('\n');
      return { file, text: `version: 1\nid: example${n || ''}\nsteps:\n${indented}\n` };
    }
    return { file, text: doc };
  });
  // Bot settings alone are no bot: give them a flow to go with.
  if (files.every((f) => /^bot:/m.test(f.text))) files.push({ file: 'stub.yaml', text: 'version: 1\nid: stub\nsteps:\n  - say: hi\n' });
  return files;
}

describe('docs/flow-language.md', () => {
  const blocks = examples();

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  for (const b of blocks) {
    const invalid = /^#\s*invalid:\s*([A-Z_]+)/.exec(b.body)?.[1];
    it(`${invalid ? `refuses with ${invalid}` : 'validates'} the example at line ${b.line} (${b.section})`, () => {
      const result = loadBotFromSources(sourcesOf(b.body, b.line), { actions: Object.keys(builtinActions()) });
      const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.span.line}:${d.span.col} ${d.message}`);
      if (invalid) expect(result.diagnostics.map((d) => d.code)).toContain(invalid);
      else expect(errors).toEqual([]);
    });
  }

  it('plays the transcript of the stack section with its example', async () => {
    const at = text.indexOf('## The conversation stack');
    const block = blocks.find((b) => b.section.startsWith('The conversation stack'))!;
    const loaded = loadBotFromSources(sourcesOf(block.body, block.line));
    const c = conversation(loaded.bot!);
    const table = text.slice(at, text.indexOf('## Timers')).split('\n').filter((l) => /^\| (?!you|---)/.test(l));
    expect(table.length).toBeGreaterThan(3);
    for (const row of table) {
      const [you, bot] = row.split('|').slice(1, 3).map((cell) => cell.trim());
      expect(c.texts(await c.text(you)), you).toEqual(bot.split(' · '));
    }
  });

  it('documents every validation code', () => {
    // In the Validation codes table, or in the section of the feature it belongs to.
    const missing = Object.keys(FLOW_ERROR_CODES).filter((code) => !text.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
