/**
 * URL templates. In `https://api.example.com/users/{{ input }}` the inserted value is
 * percent-encoded (so `../admin`, `?x=`, `#`, `@evil.com` stay inside one segment), and the
 * result must keep the origin — scheme, host, port — the template spells out. A template
 * whose origin depends on a value (`https://{{ host }}/`, `{{ url }}`) is refused: user text
 * would choose where the request goes. A value written `{{ x|url_encode }}` is inserted as the
 * transform encoded it.
 */
import { OutboundUrlError } from '../errors.js';
import { renderTemplate, renderValue } from './render-template.js';

// What stands in for every inserted value when the template's own origin is read.
const SLOT = 'parley-template-slot';

// A value the author already passed through the url_encode transform is encoded once, not
// twice. Its output is percent-encoded text, which cannot move the origin either.
const ALREADY_ENCODED = /\|\s*url_encode\s*(\(\s*\))?\s*$/;

/** How a URL template inserts one value: percent-encoded, unless `expr` ends in url_encode. */
export function encodeUrlValue(value: string, expr: string): string {
  return ALREADY_ENCODED.test(expr.trim()) ? value : encodeURIComponent(value);
}

function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Renders a URL template; throws OutboundUrlError when the origin is not the template's own. */
export function renderUrlTemplate(template: string, scope: Record<string, unknown>): string {
  const origin = originOf(renderTemplate(template, {}, () => SLOT));
  if (origin === undefined || origin.includes(SLOT)) {
    throw new OutboundUrlError(template, `The URL template "${template}" must start with a literal http(s) scheme and host; only its path and query may hold {{ }} values.`);
  }
  const rendered = renderTemplate(template, scope, encodeUrlValue);
  if (originOf(rendered) !== origin) {
    throw new OutboundUrlError(rendered, `The URL template "${template}" rendered to another origin than ${origin}; inserted values cannot change the scheme, host or port.`);
  }
  return rendered;
}

/** Renders an action's `with:`; the names in `urlParams` are rendered as URL templates. */
export function renderActionParams(value: Record<string, unknown>, scope: Record<string, unknown>, urlParams: readonly string[] = []): unknown {
  const rendered = renderValue(value, scope) as Record<string, unknown>;
  for (const name of urlParams) {
    const template = value[name];
    if (typeof template === 'string') rendered[name] = renderUrlTemplate(template, scope);
  }
  return rendered;
}
