/**
 * A YAML source parsed once, with its line counter, so every later check can turn a data
 * path (`['steps', 2, 'say']`) back into the line and column of the node at fault.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { withPlainEnv } from './with-plain-env.js';
import type { SourceSpan } from '../errors.js';

/** A path into the parsed data: map keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/** Which part of a map entry a span should cover. */
export type SpanTarget = 'key' | 'value';

/** One source file, parsed. */
export interface ParsedSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain data (`doc.toJS()`), or undefined when the YAML did not parse. */
  data: unknown;
}

/** Parses a YAML source, keeping node ranges for spans. */
export function parseSource(file: string, text: string): ParsedSource {
  const lines = new LineCounter();
  // uniqueKeys makes a repeated key a YAML error instead of silently keeping the last one.
  const doc = withPlainEnv(() => parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: true, prettyErrors: false }));
  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch {
      data = undefined;
    }
  }
  return { file, text, doc, lines, data };
}

/** The span of a character range of a source. */
export function spanOfRange(src: ParsedSource, start: number, end?: number): SourceSpan {
  const a = src.lines.linePos(start);
  const span: SourceSpan = { file: src.file, line: a.line, col: a.col };
  if (end !== undefined && end > start) {
    const b = src.lines.linePos(end);
    span.endLine = b.line;
    span.endCol = b.col;
  }
  return span;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** Walks to the node at `path`, returning the deepest node found and the pair holding it. */
function walk(src: ParsedSource, path: DataPath): { node: Node | null; key?: Node; depth: number } {
  let node = src.doc.contents as Node | null;
  let key: Node | undefined;
  let depth = 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === part);
      if (!pair) break;
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      key = undefined;
      node = node.items[part] as Node | null;
    } else break;
    depth++;
    if (node === null) break;
  }
  return { node, key, depth };
}

/**
 * The span of the node at `path`: its key (for unknown keys) or its value (for bad values).
 * When the path runs out early (a missing key), the deepest existing node is used, which is
 * the parent map the key belongs in.
 */
export function spanAt(src: ParsedSource, path: DataPath, target: SpanTarget = 'value'): SourceSpan {
  const found = walk(src, path);
  const complete = found.depth === path.length;
  const chosen = complete && target === 'key' && found.key ? found.key : (found.node ?? found.key);
  const range = rangeOf(chosen) ?? rangeOf(src.doc.contents) ?? [0, 0];
  return spanOfRange(src, range[0], range[1]);
}

/** The character range of the node at `path`, when the whole path exists. */
export function rangeAt(src: ParsedSource, path: DataPath): [number, number] | undefined {
  const found = walk(src, path);
  return found.depth === path.length ? rangeOf(found.node ?? found.key) : undefined;
}
