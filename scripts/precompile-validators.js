#!/usr/bin/env node
// Second half of `npm run build` (after tsc): writes dist/engine/flow/precompiled-validators.cjs
// so `npm start` and the CLI skip compiling the JSON Schemas (~200 ms of every cold start).
import { writePrecompiledValidators } from '../dist/engine/flow/precompile-validators.js';

writePrecompiledValidators(new URL('../dist/engine/flow/', import.meta.url));
