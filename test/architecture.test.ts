/**
 * The arrows point inward: engine/ never imports adapters/ or app/ and never names a
 * platform; only engine/server imports Koa; every platform folder has the same files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const engineFiles = sourceFiles(join(root, 'engine'));
const PLATFORMS = /\b(telegram|whatsapp|viber|messenger|facebook)\b/i;

describe('architecture', () => {
  it('engine/ never imports adapters/ or app/', () => {
    const offenders = engineFiles.filter((f) => /from ['"][./]*(adapters|app)\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('engine/ never names a platform', () => {
    const offenders = engineFiles
      .filter((f) => PLATFORMS.test(readFileSync(f, 'utf8')))
      .map((f) => `${relative(root, f)}: ${readFileSync(f, 'utf8').match(PLATFORMS)![0]}`);
    expect(offenders).toEqual([]);
  });

  it('only engine/server imports Koa', () => {
    const all = [...engineFiles, ...sourceFiles(join(root, 'adapters'))];
    const offenders = all
      .filter((f) => /from ['"](koa|@koa\/router)['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
      .filter((f) => !f.startsWith('engine/server/'));
    expect(offenders).toEqual([]);
  });

  it('every platform folder has the same files', () => {
    const platforms = ['telegram', 'whatsapp', 'viber', 'messenger', 'web'];
    const sets = platforms.map((p) => readdirSync(join(root, 'adapters', p)).filter((n) => n.endsWith('.ts')).sort().join(','));
    expect(new Set(sets).size).toBe(1);
    for (const file of ['index.ts', 'config.ts', 'verify.ts', 'parse.ts', 'send.ts', 'wire.ts']) {
      expect(sets[0].split(',')).toContain(file);
    }
  });
});
