/**
 * The one place an author's regular expression (a `matches` condition, an `ask.pattern`) is
 * compiled and run. Today it is the JavaScript engine behind a size-bounded cache; the
 * linear-time engine of the security work (re2js) replaces the body of `compileAuthorRegex`
 * here, and every caller follows.
 */

const MAX_CACHE = 500;
const cache = new Map<string, RegExp | Error>();

/** Compiles `source` with `flags` (u is always on); throws the engine's SyntaxError when invalid. */
export function compileAuthorRegex(source: string, flags = ''): RegExp {
  const all = flags.includes('u') || flags.includes('v') ? flags : `${flags}u`;
  const key = `${all}/${source}`;
  let entry = cache.get(key);
  if (!entry) {
    try {
      entry = new RegExp(source, all.replace(/g|y/g, ''));
    } catch (err) {
      entry = err as Error;
    }
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}

/** The whole match and its named groups, or undefined when `text` does not match. */
export function execAuthorRegex(source: string, flags: string, text: string): Record<string, string> | undefined {
  const m = compileAuthorRegex(source, flags).exec(text);
  if (!m) return undefined;
  const out: Record<string, string> = { 0: m[0] };
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

/** True when `text` matches; an invalid regex or a non-text value never matches. */
export function testAuthorRegex(text: unknown, source: unknown, flags = ''): boolean {
  if (typeof source !== 'string' || (typeof text !== 'string' && typeof text !== 'number')) return false;
  try {
    return compileAuthorRegex(source, flags).test(String(text));
  } catch {
    return false;
  }
}
