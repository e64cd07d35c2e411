import { describe, expect, it } from 'vitest';
import { renderTemplate, renderValue } from '../../engine/template/render-template.js';
import { buildScope } from '../../engine/template/safe-data.js';
import { evaluateExpression } from '../../engine/template/expression.js';
import { TRANSFORMS } from '../../engine/template/transforms.js';

const NOW = Date.parse('2026-12-01T08:00:00Z'); // a Tuesday
const scope = (extra: Record<string, unknown> = {}, user: Record<string, unknown> = { id: 'u1', locale: 'en' }) =>
  buildScope({ todos: ['milk', 'eggs'], items: [{ name: 'Ana', age: 30 }, { name: 'Bo', age: 4 }], ...extra }, { user, now: new Date(NOW).toISOString() });
const value = (tpl: string, s = scope()) => renderValue(tpl, s);

describe('list transforms', () => {
  it('append adds at the end, also to a list that does not exist yet', () => {
    expect(value('{{ todos|append("bread") }}')).toEqual(['milk', 'eggs', 'bread']);
    expect(value('{{ nothing|append("bread") }}')).toEqual(['bread']);
  });
  it('remove drops every equal member; remove_at counts from 1', () => {
    expect(value('{{ todos|remove("milk") }}')).toEqual(['eggs']);
    expect(value('{{ todos|remove_at(2) }}')).toEqual(['milk']);
  });
  it('contains, first, last, join and map', () => {
    expect(value('{{ todos|contains("eggs") }}')).toBe(true);
    expect(value('{{ todos|contains("tea") }}')).toBe(false);
    expect(value('{{ todos|first }}/{{ todos|last }}')).toBe('milk/eggs');
    expect(value('{{ todos|join(" and ") }}')).toBe('milk and eggs');
    expect(value('{{ items|map("name")|join }}')).toBe('Ana, Bo');
    expect(value('{{ "a, b,, c"|split }}')).toEqual(['a', 'b', 'c']);
  });
  it('list.length is the number of members, not the first member\'s length (bug 8)', () => {
    expect(value('{{ todos.length }}')).toBe(2);
    expect(value('{{ todos|length }}')).toBe(2);
    expect(value('{{ items.length }}')).toBe(2);
    expect(value('{{ user.id.length }}')).toBe(2);
  });
});

describe('literals and matches', () => {
  it('null, true and false are literals', () => {
    expect(evaluateExpression('nothing == null', scope())).toBe(true);
    expect(evaluateExpression('todos == null', scope())).toBe(false);
    expect(evaluateExpression('true && !false', scope())).toBe(true);
  });
  it('matches tests a regular expression; inline flags work', () => {
    expect(evaluateExpression('"order 1234" matches "\\\\d{4}"', scope())).toBe(true);
    expect(evaluateExpression('todos|first matches "^mi" && true', scope())).toBe(true);
    expect(evaluateExpression('nothing matches "x"', scope())).toBe(false);
  });
});

describe('text transforms', () => {
  it('url_encode makes text safe inside a URL', () => {
    expect(renderTemplate('https://x.test/?q={{ q|url_encode }}', scope({ q: 'café & té?' }))).toBe('https://x.test/?q=caf%C3%A9%20%26%20t%C3%A9%3F');
  });
  it('default, upper, lower, trim, json', () => {
    expect(renderTemplate('{{ nothing|default("none") }} {{ " Hi "|trim|upper }} {{ "A"|lower }} {{ todos|json }}', scope())).toBe('none HI a ["milk","eggs"]');
  });
});

describe('date and number transforms', () => {
  const es = { id: 'u1', locale: 'es', timezone: 'Europe/Madrid' };
  it('formats a date in the user\'s locale', () => {
    expect(renderTemplate("{{ d|date('d MMMM yyyy') }}", scope({ d: '2027-03-15' }))).toBe('15 March 2027');
    expect(renderTemplate("{{ d|date('EEEE d MMMM') }}", scope({ d: '2027-03-15' }, es))).toBe('lunes 15 marzo');
  });
  it('formats now in the user\'s time zone, from the injected clock', () => {
    expect(renderTemplate("{{ now|date('HH:mm') }}", scope({}, es))).toBe('09:00');
    expect(renderTemplate("{{ now|date('yyyy-MM-dd HH:mm') }}", scope())).toBe('2026-12-01 08:00');
  });
  it('adds and subtracts calendar units, keeping the shape of the value', () => {
    expect(value("{{ d|plus(1, 'month') }}", scope({ d: '2027-01-31' }))).toBe('2027-02-28');
    expect(value("{{ t|minus(90, 'minutes') }}", scope({ t: '17:00' }))).toBe('15:30');
    expect(value("{{ now|plus(2, 'days')|date('cccc') }}", scope())).toBe('Thursday');
    expect(value("{{ a|days_until(b) }}", scope({ a: '2027-03-15', b: '2027-03-18' }))).toBe(3);
  });
  it('writes numbers the user\'s way', () => {
    expect(renderTemplate('{{ n|number(2) }}', scope({ n: 12500.75 }))).toBe('12,500.75');
    expect(renderTemplate('{{ n|number(2) }}', scope({ n: 12500.75 }, es))).toBe('12.500,75');
  });
});

describe('the transform registry', () => {
  it('documents every transform with its usage and what it gives', () => {
    for (const [name, spec] of Object.entries(TRANSFORMS)) {
      expect(spec.usage, name).toContain(`|${name}`);
      expect(spec.does.length, name).toBeGreaterThan(10);
    }
  });
});
