/**
 * The studio's built front end (dist/studio, written by `npm run build`), served with its
 * content type. Only files the build wrote are served: names are looked up in the folder's
 * listing, never joined from the request.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type Koa from 'koa';
import { HttpError } from '../../engine/server/create-app.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The project root: the nearest folder above this file with a package.json (source or dist). */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where the build puts the studio's front end. */
export const STUDIO_ASSET_DIR = join(projectRoot(), 'dist', 'studio');

let cache: Map<string, Buffer> | undefined;

function assets(): Map<string, Buffer> {
  if (cache) return cache;
  const files = new Map<string, Buffer>();
  if (existsSync(STUDIO_ASSET_DIR)) {
    for (const name of readdirSync(STUDIO_ASSET_DIR)) files.set(name, readFileSync(join(STUDIO_ASSET_DIR, name)));
  }
  // Keep an empty result uncached, so a build that finishes after start is picked up.
  if (files.size > 0) cache = files;
  return files;
}

/** Answers with the asset `name`, or 404. */
export function serveStudioAsset(ctx: Koa.Context, name: string): void {
  const body = assets().get(name);
  if (!body) {
    if (name === 'index.html') throw new HttpError(503, 'the studio is not built; run npm run build');
    throw new HttpError(404, `no studio asset ${name}`);
  }
  ctx.type = TYPES[extname(name)] ?? 'application/octet-stream';
  ctx.body = body;
}
