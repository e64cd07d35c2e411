#!/usr/bin/env node
// The CLI runs from the compiled output (built by `npm install` through the `prepare` script),
// so start-up does not pay for a TypeScript compiler.
import('../dist/app/cli/main.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => process.exit(code ?? 0),
  (err) => {
    console.error(err?.stack ?? String(err));
    process.exit(2);
  },
);
