/**
 * Text helpers for platform limits: splitting long texts and trimming option titles.
 * Limits count UTF-16 code units like the platforms' own validators (JS string length);
 * splits never cut a surrogate pair in half.
 */

/**
 * Splits `text` into chunks of at most `limit` characters, preferring the last newline,
 * then the last whitespace, inside each window; a word longer than `limit` is cut hard.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 2) throw new RangeError('splitText needs a limit of at least 2 characters');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n');
    if (cut <= 0) cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
    if (cut <= 0) {
      cut = limit;
      // Do not separate a high surrogate from its low surrogate.
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    } else {
      chunks.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut + 1);
    }
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** Trims `title` to `limit` characters, ending in "…" when it had to be cut. */
export function trimTitle(title: string, limit: number): string {
  if (title.length <= limit) return title;
  let end = limit - 1;
  const code = title.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${title.slice(0, end).trimEnd()}…`;
}

/** "text\n\n1. First\n2. Second": options past a platform's native limit, answerable by number. */
export function numberedOptionsText(text: string, titles: string[]): string {
  const list = titles.map((title, i) => `${i + 1}. ${title}`).join('\n');
  return text.trim() === '' ? list : `${text}\n\n${list}`;
}

/** Options past a platform's native limit as numbered texts of at most `limit` characters. */
export function numberedOptionsParts(text: string, options: readonly { title: string }[], limit: number): string[] {
  return splitText(numberedOptionsText(text, options.map((o) => o.title)), limit);
}

/**
 * `text` split at `limit` for a message that needs a non-empty body (WhatsApp interactive
 * messages, Messenger quick replies): a bare menu gets an ellipsis.
 */
export function splitNonEmpty(text: string, limit: number): string[] {
  return splitText(text.trim() === '' ? '…' : text, limit);
}

/**
 * Trims every title to `limit` and keeps them distinct (WhatsApp rejects reply buttons with
 * equal titles): a title that trims to one already taken gets a " 2", " 3", … suffix.
 */
export function trimTitlesDistinct(titles: string[], limit: number): string[] {
  const taken = new Set<string>();
  return titles.map((title) => {
    let candidate = trimTitle(title, limit);
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${trimTitle(title, limit - String(n).length - 1)} ${n}`;
    taken.add(candidate);
    return candidate;
  });
}
