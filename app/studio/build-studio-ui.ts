/**
 * Builds the studio's front end into dist/studio: one bundle of the Preact app, its
 * stylesheet, the page, and elkjs's layout worker, so the studio needs no network at all.
 * Run by `npm run build` (and so by `npm install`, through `prepare`).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { STUDIO_ASSET_DIR } from './studio-assets.js';

/** Where the front end's sources are: beside this file in the source tree. */
function uiSourceDir(): string {
  // From dist/app/studio the sources are in ../../../app/studio/ui.
  const here = import.meta.dirname;
  return here.includes(`${join('dist', 'app', 'studio')}`) ? join(here, '..', '..', '..', 'app', 'studio', 'ui') : join(here, 'ui');
}

/** Writes dist/studio; resolves with the files written. */
export async function buildStudioUi(outDir = STUDIO_ASSET_DIR): Promise<string[]> {
  const src = uiSourceDir();
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { studio: join(src, 'main.tsx') },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(join(outDir, 'studio.css'), readFileSync(join(src, 'studio.css')));
  writeFileSync(join(outDir, 'index.html'), readFileSync(join(src, 'index.html')));
  const require = createRequire(import.meta.url);
  const elk = dirname(require.resolve('elkjs/package.json'));
  copyFileSync(join(elk, 'lib', 'elk-worker.min.js'), join(outDir, 'elk-worker.min.js'));
  return ['index.html', 'studio.js', 'studio.css', 'elk-worker.min.js'];
}
