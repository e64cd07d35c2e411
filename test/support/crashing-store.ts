/**
 * A store wrapper that lets a test kill the process at an exact store call: from the first
 * call the trap matches (that call included) every call rejects, so nothing after that point
 * reaches the disk, as if the process had died there. The server keeps running, which lets the
 * test stop it cleanly and start another on the same file.
 */
import type { ConversationStore } from '../../engine/runtime/store.js';

/** Decides, from a store method name and its arguments, whether the "crash" happens at this call. */
export type CrashTrap = (method: string, args: unknown[]) => boolean;

/** A wrapped store and whether its trap has fired. */
export interface CrashingStore {
  store: ConversationStore;
  crashed(): boolean;
}

/** Wraps `inner`; `close` is passed through so the test can release the file afterwards. */
export function crashingStore(inner: ConversationStore, trap: CrashTrap): CrashingStore {
  let crashed = false;
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || prop === 'close') return value;
      return async (...args: unknown[]) => {
        if (!crashed && trap(String(prop), args)) crashed = true;
        if (crashed) throw new Error(`simulated crash (store.${String(prop)} after the trap)`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, crashed: () => crashed };
}
