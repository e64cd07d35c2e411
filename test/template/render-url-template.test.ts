import { describe, expect, it } from 'vitest';
import { OutboundUrlError } from '../../engine/errors.js';
import { encodeUrlValue, renderActionParams, renderUrlTemplate } from '../../engine/template/render-url-template.js';
import type { HttpClient } from '../../engine/types.js';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { snippet } from '../support/snippets.js';

describe('renderUrlTemplate', () => {
  it('percent-encodes inserted values, so they stay inside their segment or query value', () => {
    const scope = { input: '../admin?x=1#frag', q: 'a b&c=d' };
    expect(renderUrlTemplate('https://api.example.com/users/{{ input }}?q={{ q }}', scope)).toBe(
      'https://api.example.com/users/..%2Fadmin%3Fx%3D1%23frag?q=a%20b%26c%3Dd',
    );
  });

  it.each([
    ['@evil.com', 'https://api.example.com{{ v }}/x'],
    [':8443', 'https://api.example.com{{ v }}/x'],
    ['.evil.com', 'https://api.example.com{{ v }}/x'],
  ])('cannot move the host with %s', (v, template) => {
    let result: string | undefined;
    try {
      result = renderUrlTemplate(template, { v });
    } catch (err) {
      expect(err).toBeInstanceOf(OutboundUrlError);
    }
    // Either refused, or the host is still the template's (the value became part of a path).
    if (result !== undefined) expect(new URL(result).origin).toBe('https://api.example.com');
  });

  it.each(['https://{{ host }}/x', '{{ url }}', 'https://api.{{ region }}.example.com/', 'https://api.example.com:{{ port }}/', '{{ scheme }}://api.example.com/'])(
    'refuses a template whose origin is not literal: %s',
    (template) => {
      expect(() => renderUrlTemplate(template, { host: 'api.example.com', url: 'https://api.example.com/', region: 'eu', port: '443', scheme: 'https' }))
        .toThrow(/must start with a literal http\(s\) scheme and host/);
    },
  );

  it('leaves the other params as renderValue renders them', () => {
    expect(renderActionParams({ url: 'https://a.example/{{ n }}', json: { n: '{{ n }}' } }, { n: 2 }, ['url'])).toEqual({
      url: 'https://a.example/2',
      json: { n: 2 },
    });
  });
});

describe('http.request in a flow', () => {
  const FLOW = snippet('render-url-template/lookup');

  it('sends user text as one encoded path segment', async () => {
    const seen: string[] = [];
    const http: HttpClient = {
      request: async (req) => {
        seen.push(req.url);
        return { status: 200, headers: {}, body: 'ok' };
      },
    };
    const c = conversation(botFromYaml(FLOW), { http });
    await c.text('!user ../../admin?all=1#@169.254.169.254');
    expect(seen).toEqual(['https://api.example.com/users/..%2F..%2Fadmin%3Fall%3D1%23%40169.254.169.254']);
  });
});

describe('encodeUrlValue', () => {
  it('encodes a plain value, and leaves a value the author passed through url_encode as it is', () => {
    expect(encodeUrlValue('São Paulo & co', ' city ')).toBe('S%C3%A3o%20Paulo%20%26%20co');
    // Typed by the user already encoded: encoded again, so it cannot smuggle "../" to the server.
    expect(encodeUrlValue('%2e%2e%2f', 'input')).toBe('%252e%252e%252f');
    expect(encodeUrlValue('S%C3%A3o%20Paulo', 'city|url_encode')).toBe('S%C3%A3o%20Paulo');
    expect(encodeUrlValue('S%C3%A3o%20Paulo', ' city | url_encode() ')).toBe('S%C3%A3o%20Paulo');
    expect(encodeUrlValue('a b', 'city|url_encode|upper')).toBe('a%20b');
  });
});
