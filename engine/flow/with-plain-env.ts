/**
 * Runs a synchronous function with `process.env` swapped for a plain copy. The yaml parser
 * reads `process.env.LOG_TOKENS` once per token (a debugging switch), and each read of the
 * real `process.env` is a call into the environment: on a 1,000-step flow that was ~43,000
 * calls and a fifth of the parse. Nothing else runs while a synchronous function does, so
 * nobody sees the copy, and the real object is back before anything else can run.
 */
export function withPlainEnv<T>(fn: () => T): T {
  const real = process.env;
  process.env = { ...real };
  try {
    return fn();
  } finally {
    process.env = real;
  }
}
