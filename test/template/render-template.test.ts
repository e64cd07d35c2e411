import { describe, expect, it } from 'vitest';
import { renderTemplate, renderValue } from '../../engine/template/render-template.js';
import { buildScope } from '../../engine/template/safe-data.js';
import { pickLocalized } from '../../engine/template/localized-text.js';
import { evaluateExpression, ExpressionError } from '../../engine/template/expression.js';

const scope = (extra: Record<string, unknown> = {}) =>
  buildScope({ user: { id: 'u1', name: 'Ana', locale: 'es' }, input: { kind: 'text', text: '{{ 7*7 }}' }, count: 3, ...extra });

describe('renderTemplate', () => {
  it('renders expressions over the scope', () => {
    expect(renderTemplate('Hi {{ user.name }}, {{ count + 1 }} left', scope())).toBe('Hi Ana, 4 left');
  });

  it('renders missing values as empty text', () => {
    expect(renderTemplate('[{{ nothing.here }}][{{ user.age }}]', scope())).toBe('[][]');
  });

  it('inserts user text verbatim without rendering it again', () => {
    expect(renderTemplate('You said {{ input.text }}', scope())).toBe('You said {{ 7*7 }}');
  });

  it('renders prototype access as empty text', () => {
    const s = scope();
    expect(renderTemplate('{{ user.constructor }}', s)).toBe('');
    expect(renderTemplate('{{ __proto__ }}', s)).toBe('');
    expect(renderTemplate('{{ input.text.constructor }}', s)).toBe('');
    expect(renderTemplate('{{ user["__proto__"] }}', s)).toBe('');
    expect(renderTemplate('{{ input.text["constr" + "uctor"] }}', s)).toBe('');
    expect(renderTemplate('{{ user.constructor.prototype }}', s)).toBe('');
  });

  it('does not let a hostile variable name reach the prototype', () => {
    const s = buildScope(JSON.parse('{"__proto__": {"polluted": "yes"}, "x": 1}'));
    expect(renderTemplate('{{ polluted }}{{ x }}', s)).toBe('1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('renders a broken expression as empty text', () => {
    expect(renderTemplate('a{{ ( }}b', scope())).toBe('ab');
  });

  it('applies the upper, lower, trim, default, length and json transforms', () => {
    const s = scope({ padded: '  x  ', list: [1, 2], empty: '' });
    expect(renderTemplate('{{ user.name|upper }} {{ user.name|lower }} [{{ padded|trim }}]', s)).toBe('ANA ana [x]');
    expect(renderTemplate('{{ empty|default("none") }} {{ list|length }} {{ list|json }}', s)).toBe('none 2 [1,2]');
  });

  it('renders objects as JSON', () => {
    expect(renderTemplate('{{ user }}', scope())).toBe('{"id":"u1","name":"Ana","locale":"es"}');
  });
});

describe('renderValue', () => {
  it('keeps the type of a string that is exactly one expression', () => {
    const s = scope();
    expect(renderValue('{{ count * 2 }}', s)).toBe(6);
    expect(renderValue(' {{ count > 2 }} ', s)).toBe(true);
    expect(renderValue('{{ count }} items', s)).toBe('3 items');
  });

  it('renders arrays and objects member by member', () => {
    expect(renderValue({ a: ['{{ count }}', 'n={{ count }}'], b: 5 }, scope())).toEqual({ a: [3, 'n=3'], b: 5 });
  });
});

describe('evaluateExpression', () => {
  it('throws ExpressionError for an expression that does not parse', () => {
    expect(() => evaluateExpression('a ===', buildScope({}))).toThrow(ExpressionError);
  });
});

describe('pickLocalized', () => {
  const text = { default: 'Hello', es: 'Hola', 'pt-BR': 'Olá' };
  it('picks the exact locale', () => expect(pickLocalized(text, 'pt-BR')).toBe('Olá'));
  it('falls back to the language part', () => expect(pickLocalized(text, 'es-AR')).toBe('Hola'));
  it('falls back to default for an unknown locale', () => expect(pickLocalized(text, 'fr')).toBe('Hello'));
  it('falls back to the bot locale, then the first variant', () => {
    expect(pickLocalized({ en: 'Hi', es: 'Hola' }, 'fr', 'es')).toBe('Hola');
    expect(pickLocalized({ de: 'Hallo', es: 'Hola' }, undefined, 'en')).toBe('Hallo');
  });
  it('returns a plain string as is', () => expect(pickLocalized('Hi', 'es')).toBe('Hi'));
});

describe('renderTemplate numeric members', () => {
  it('reads match.0 and match.1 as capture names', () => {
    const s = buildScope({ match: { 0: 'order 42', 1: '42' } });
    expect(renderTemplate('{{ match.0 }}/{{ match.1 }}/{{ 1.5 + 1 }}', s)).toBe('order 42/42/2.5');
  });
});
