/**
 * `npx tsx bench/recognizers.ts [count]`: what reading numbers and dates costs a turn. Prints
 * the first call per language (it builds the recognizer's models) and then µs per call,
 * median of 5 rounds, for number answers (recognizers-text) and date answers (chrono-node).
 */
import { recognizeNumber } from '../engine/template/recognize-number.js';
import { recognizeDate } from '../engine/compile/recognize-date.js';
import { median } from './stats.js';

const count = Number(process.argv[2] ?? 2000);
const now = Date.parse('2026-12-01T08:00:00Z');
const cases = [
  { name: 'number en "1,250.50"', run: () => recognizeNumber('1,250.50', 'en') },
  { name: 'number es "2.500,75"', run: () => recognizeNumber('2.500,75', 'es') },
  { name: 'number en "thirty"', run: () => recognizeNumber('thirty', 'en') },
  { name: 'date en "next friday at 5pm"', run: () => recognizeDate('next friday at 5pm', 'datetime', { locale: 'en', timezone: 'Europe/Madrid', now }) },
  { name: 'date es "el viernes que viene a las 5pm"', run: () => recognizeDate('el viernes que viene a las 5pm', 'datetime', { locale: 'es', timezone: 'Europe/Madrid', now }) },
];
for (const c of cases) {
  const t0 = performance.now();
  c.run();
  const first = performance.now() - t0;
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    for (let i = 0; i < count; i++) c.run();
    rounds.push(((performance.now() - start) * 1000) / count);
  }
  console.log(`${c.name}: first call ${first.toFixed(0)} ms, then ${median(rounds).toFixed(0)} µs per call`);
}
