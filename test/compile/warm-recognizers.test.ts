import { describe, expect, it } from 'vitest';
import { warmRecognizers } from '../../engine/compile/warm-recognizers.js';
import { builtNumberCultures } from '../../engine/template/recognize-number.js';
import { botFromYaml } from '../support/bot-from-yaml.js';

describe('warmRecognizers', () => {
  it('builds nothing for a bot that never asks for a number', () => {
    warmRecognizers(botFromYaml(`
version: 1
id: f
steps:
  - say: { default: "Hi", es: "Hola" }
`));
    expect(builtNumberCultures()).toEqual([]);
  });
  it('builds the models of the languages a bot with number asks speaks', () => {
    warmRecognizers(botFromYaml(`
version: 1
bot: { default_locale: en }
`, `
version: 1
id: f
steps:
  - ask: { text: { default: "How many?", es: "¿Cuántos?", pt-BR: "Quantos?" }, type: integer, save: n }
`));
    expect(builtNumberCultures()).toEqual(['en-us', 'es-es', 'pt-br']);
  });
});
