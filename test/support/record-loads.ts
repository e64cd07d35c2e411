/**
 * Preload (`node --import tsx --import ./record-loads.ts …`) that appends every module the
 * process loads to the file named by RECORD_LOADS_TO, one per line: ES modules through a
 * resolve hook, CommonJS ones (createRequire included) through Module._load. For tests of
 * what a start-up loads.
 */
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.RECORD_LOADS_TO;
if (file) {
  // The hooks run on the loader's own thread; a data: URL keeps them beside this file.
  const hooks = `
    import { appendFileSync } from 'node:fs';
    let file;
    export function initialize(data) { file = data.file; }
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      appendFileSync(file, result.url + '\\n');
      return result;
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file } });
  const mod = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown; _resolveFilename(request: string, parent: unknown): string };
  const load = mod._load;
  mod._load = function (request, parent, isMain) {
    const loaded = load.call(this, request, parent, isMain);
    try {
      appendFileSync(file, `${mod._resolveFilename(request, parent)}\n`);
    } catch {
      // A builtin or an unresolvable name: nothing to record.
    }
    return loaded;
  };
}
