/**
 * Watches the flows folder and calls back, debounced, when a YAML file in it changes. An
 * editor's save (write, or write-and-rename) is one change. A folder that disappears, is
 * replaced (a deploy swapping a symlink or a checkout) or becomes unreadable is noticed by a
 * slow stat poll, which re-arms the watch when the folder is back; the reload itself then
 * decides (a missing folder is refused, so the running version keeps serving).
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Logger } from '../../engine/runtime/logger.js';

/** Options of {@link watchFlows}. */
export interface WatchOptions {
  /** Quiet time after the last change before calling back; default 150 ms. */
  debounceMs?: number;
  /** How often the folder itself is checked; default 1000 ms. */
  pollMs?: number;
  logger: Logger;
}

const YAML = /\.ya?ml$/i;

/** Starts watching `dir`; `onChange` is called once per burst of changes. */
export function watchFlows(dir: string, onChange: () => void, options: WatchOptions): { close(): void } {
  const debounceMs = options.debounceMs ?? 150;
  let watcher: FSWatcher | undefined;
  let identity: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref?.();
  };
  const disarm = () => {
    watcher?.close();
    watcher = undefined;
  };
  const arm = () => {
    disarm();
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (!name || YAML.test(String(name))) changed();
      });
      watcher.on('error', (err) => {
        options.logger.warn({ dir, err: String(err) }, 'watching the flows folder failed; checking it again every second');
        disarm();
        identity = undefined;
      });
    } catch (err) {
      options.logger.warn({ dir, err: String(err) }, 'cannot watch the flows folder; checking it again every second');
    }
  };
  const check = async () => {
    let now: string | undefined;
    try {
      const info = await stat(dir);
      now = `${info.dev}:${info.ino}`;
    } catch {
      now = undefined;
    }
    if (closed || now === identity) return;
    // Gone, back, or a different folder at the same path: re-arm and let the reload decide.
    const had = identity !== undefined || watcher !== undefined;
    identity = now;
    if (now) arm();
    else disarm();
    if (had || now) changed();
  };

  arm();
  void stat(dir).then((info) => (identity = `${info.dev}:${info.ino}`)).catch(() => undefined);
  const poll = setInterval(() => void check(), options.pollMs ?? 1000);
  poll.unref?.();
  return {
    close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(timer);
      disarm();
    },
  };
}
