/**
 * The arrows point inward: engine/ never imports adapters/ or app/ and never names a
 * platform; adapters/ never import app/ or the server; only engine/server imports Koa; every
 * platform the registry lists has a folder with the adapter template's files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapters } from '../adapters/registry.js';

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
const adapterFiles = sourceFiles(join(root, 'adapters'));
// The studio's browser code is bundled on its own and never reaches the server.
const appFiles = sourceFiles(join(root, 'app')).filter((f) => !relative(root, f).startsWith('app/studio/ui/'));
const PLATFORMS = /\b(telegram|whatsapp|viber|messenger|facebook)\b/i;

/** The files every platform folder has, in the order a newcomer writes them (README "Adding a platform"). */
const TEMPLATE = ['wire.ts', 'config.ts', 'client.ts', 'verify.ts', 'parse.ts', 'send.ts', 'setup.ts', 'index.ts'];

const rel = (f: string) => relative(root, f);
/** Files whose source imports a module path matching `target`. */
function importing(files: string[], target: RegExp): string[] {
  return files.filter((f) => [...readFileSync(f, 'utf8').matchAll(/from ['"]([^'"]+)['"]/g)].some((m) => target.test(m[1]))).map(rel);
}

describe('architecture', () => {
  it('engine/ never imports adapters/ or app/', () => {
    expect(importing(engineFiles, /^[./]*(adapters|app)\//)).toEqual([]);
  });

  it('engine/ never names a platform', () => {
    const offenders = engineFiles
      .filter((f) => PLATFORMS.test(readFileSync(f, 'utf8')))
      .map((f) => `${rel(f)}: ${readFileSync(f, 'utf8').match(PLATFORMS)![0]}`);
    expect(offenders).toEqual([]);
  });

  it('adapters/ never import app/ or engine/server', () => {
    expect(importing(adapterFiles, /^[./]*(app|engine\/server)\//)).toEqual([]);
  });

  it('app/ may import engine/ and adapters/, nothing of test/ or bench/', () => {
    expect(importing(appFiles, /^[./]*(test|bench)\//)).toEqual([]);
  });

  it('only engine/server imports Koa; app/ names its types for the routes it mounts through createApp', () => {
    const koa = /^(koa|@koa\/router)$/;
    const outsideServer = (f: string) => !f.startsWith('engine/server/');
    expect(importing([...engineFiles, ...adapterFiles], koa).filter(outsideServer)).toEqual([]);
    const appValueImports = appFiles
      .filter((f) => /^import (?!type )[^;]*from ['"](koa|@koa\/router)['"]/m.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(appValueImports).toEqual([]);
  });

  it('every platform of the registry has a folder with the template files', () => {
    const platforms = Object.keys(adapters);
    expect(platforms.length).toBeGreaterThan(0);
    for (const platform of platforms) {
      const dir = join(root, 'adapters', platform);
      expect(existsSync(dir), `adapters/${platform}/ for registry entry ${platform}`).toBe(true);
      const files = readdirSync(dir).filter((n) => n.endsWith('.ts')).sort();
      expect(files, `adapters/${platform}/`).toEqual([...TEMPLATE].sort());
      expect(adapters[platform]!.id).toBe(platform);
      expect(adapters[platform]!.env?.length, `${platform} lists its environment variables`).toBeGreaterThan(0);
    }
  });

  it('parse.ts and send.ts of a platform never import each other', () => {
    const offenders = Object.keys(adapters).flatMap((p) => [
      ...importing([join(root, 'adapters', p, 'parse.ts')], /\/send\.js$/),
      ...importing([join(root, 'adapters', p, 'send.ts')], /\/parse\.js$/),
    ]);
    expect(offenders).toEqual([]);
  });

  it('adapters read the clock through injection and keep no module-level state', () => {
    const clock = adapterFiles.filter((f) => /Date\.now\(/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(clock).toEqual(['adapters/shared/clock.ts']);
    const state = adapterFiles.filter((f) => /^(const|let) \w+ = new (Map|Set|WeakMap)\b/m.test(readFileSync(f, 'utf8'))).map(rel);
    expect(state).toEqual([]);
  });
});
