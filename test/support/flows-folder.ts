/**
 * A writable copy of the example bot's flows in a temp folder, for tests that edit flows
 * while a server runs (hot reload).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The copy and how to edit it. */
export interface FlowsFolder {
  dir: string;
  /** Replaces `from` with `to` in `file` (fails when `from` is not there: the edit would be a no-op). */
  edit(file: string, from: string, to: string): void;
  write(file: string, text: string): void;
  read(file: string): string;
  remove(): void;
}

/** Copies `flows/` (the YAML files only) to a fresh temp folder. */
export function copyExampleFlows(): FlowsFolder {
  const root = mkdtempSync(join(tmpdir(), 'parley-flows-'));
  const dir = join(root, 'flows');
  const shipped = join(import.meta.dirname, '..', '..', 'flows');
  mkdirSync(dir);
  for (const name of readdirSync(shipped).filter((n) => /\.ya?ml$/.test(n))) copyFileSync(join(shipped, name), join(dir, name));
  return {
    dir,
    edit(file, from, to) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
      writeFileSync(join(dir, file), text.replace(from, to));
    },
    write: (file, text) => writeFileSync(join(dir, file), text),
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
