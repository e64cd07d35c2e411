/**
 * "Did you mean …?" for misspelled keys, step ids and flow ids: the closest candidate by
 * edit distance, when it is close enough to be a plausible typo.
 */

/** Levenshtein distance with adjacent transpositions counted as one edit (`sya` → `say`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate closest to `name`, or undefined when none is within a typo's reach. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  // Short names tolerate one edit, longer ones about a third of their length.
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance && dist <= limit) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

/** `; did you mean \`x\`?` or the fallback advice when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>, otherwise: string): string {
  const s = suggestName(name, candidates);
  return s === undefined ? otherwise : `; did you mean \`${s}\`?`;
}
