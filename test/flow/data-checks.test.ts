import { describe, expect, it } from 'vitest';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';

/** Loads one flow text and returns its diagnostics as { code, line, col, severity }. */
function check(text: string) {
  const result = loadBotFromSources([{ file: 'flows/f.yaml', text }]);
  return result.diagnostics.map((d) => ({ code: d.code, line: d.span.line, col: d.span.col, severity: d.severity, message: d.message }));
}
const codes = (text: string) => check(text).map((d) => `${d.code}@${d.line}:${d.col}`);

describe('validation of the data features', () => {
  it('does not call null a variable (bug 8)', () => {
    expect(codes(`version: 1
id: f
steps:
  - ask: { text: "?", save: x }
  - if: x == null || x != true
    then: end
  - say: "{{ x == null }}"
`)).toEqual([]);
  });

  it('refuses an unknown transform with a suggestion, and a function call', () => {
    const found = check(`version: 1
id: f
steps:
  - ask: { text: "?", save: todos }
  - say: "{{ todos|jion(', ') }} {{ upper(todos) }}"
`);
    expect(found.map((d) => d.code)).toEqual(['UNKNOWN_TRANSFORM', 'UNKNOWN_TRANSFORM']);
    expect(found[0].message).toContain('did you mean `join`?');
    expect(found[1].message).toContain('`value|upper`');
  });

  it('refuses a matches against a broken regex, and bad ask flags at the flags', () => {
    expect(codes(`version: 1
id: f
steps:
  - ask: { text: "?", save: x, pattern: "^a$", flags: q }
  - if: 'x matches "(unclosed"'
    then: end
  - ask: { text: "?", save: y, pattern: "^(?<code>[a-z]{3})$", flags: i }
`)).toEqual(['SCHEMA_VALUE@4:55', 'BAD_PATTERN@5:9']);
  });

  it('lets options_from templates read item and index, and set user.locale and user.timezone', () => {
    expect(codes(`version: 1
id: f
steps:
  - set: { accounts: [], user.locale: es, user.timezone: Europe/Madrid }
  - menu:
      text: Which?
      options_from: { list: "{{ accounts }}", title: "{{ index }}. {{ item.name }}", id: "{{ item.id }}" }
      save: account
`)).toEqual([]);
  });

  it('refuses writing user.id, user.name or any other platform field', () => {
    const found = check(`version: 1
id: f
steps:
  - set: { user.id: "1", user.name: Bob, user.locale: en }
`);
    expect(found.map((d) => `${d.code}@${d.line}:${d.col}`)).toEqual(['USER_FIELD_READ_ONLY@4:12', 'USER_FIELD_READ_ONLY@4:26']);
    expect(found[0].message).toContain('only user.locale and user.timezone');
  });

  it('asks for options or options_from on a menu with neither, once', () => {
    const found = check(`version: 1
id: f
steps:
  - menu: { text: "?" }
`);
    expect(found.map((d) => d.code)).toEqual(['SCHEMA_MISSING_KEY']);
    expect(found[0].message).toContain('`options` or `options_from`');
  });

  it('refuses two options that answer to the same title or synonym', () => {
    expect(codes(`version: 1
id: f
steps:
  - menu:
      text: "?"
      options:
        - { id: a, title: Acme }
        - { id: b, title: Beta, also: [ACME] }
`)).toEqual(['AMBIGUOUS_OPTION_WORD@8:40']);
  });
});
