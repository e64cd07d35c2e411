import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';
import { snippet } from '../support/snippets.js';

const FLOW = snippet('send-step-flow');

describe('send step', () => {
  it('sends media with a templated URL and a localized caption, and a location', async () => {
    const c = conversation(botFromYaml(FLOW), { user: { id: 'u1', name: 'Ana', locale: 'es' } });
    expect((await c.text('!show pileta')).messages).toEqual([
      { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/pileta.jpg', caption: 'La pileta' },
      { kind: 'location', latitude: -34.6037, longitude: -58.3816, name: 'Club' },
      { kind: 'media', mediaType: 'file', url: 'https://cdn.example.com/rules.pdf' },
    ]);
  });

  it('validates, and a send with two kinds or a misspelled kind is an error at its line', () => {
    expect(loadBotFromSources([{ file: 'media.yaml', text: FLOW }]).diagnostics).toEqual([]);
    const twoKinds = FLOW.replace('  - send: { file: "https://cdn.example.com/rules.pdf" }', '  - send: { file: "a", image: "b" }');
    const bad = loadBotFromSources([{ file: 'media.yaml', text: twoKinds }]).diagnostics;
    expect(bad.map((d) => [d.severity, d.span?.line])).toContainEqual(["error", 11]);
    const typo = FLOW.replace('  - send: { file:', '  - send: { fiel:');
    const typos = loadBotFromSources([{ file: 'media.yaml', text: typo }]).diagnostics;
    expect(typos.some((d) => d.code === 'SCHEMA_UNKNOWN_KEY' && d.span?.line === 11)).toBe(true);
  });
});
