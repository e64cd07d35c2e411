/** Preliminary: measures raw Koa and grammY. */
import { benchPath, forkBenchChild } from './child-process.js';
import { measureTarget } from './measure-target.js';
import { BENCH_SECRET, BENCH_TOKEN } from './telegram-update.js';

const standIn = await forkBenchChild(benchPath('./stand-in-telegram.ts'));
const apiUrl = String(standIn.info.url);
const common = { standIn, repliesPerUpdate: 2, connections: 64, warmupS: 3, durationS: 10, drainTimeoutMs: 60_000 };
const env = { TELEGRAM_API_URL: apiUrl, TELEGRAM_BOT_TOKEN: BENCH_TOKEN, TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET, LOG_LEVEL: 'warn' };
const a = await measureTarget({ ...common, name: 'raw Koa', script: benchPath('./targets/raw-koa.ts'), env, expectsReplies: false, chatBase: 10_000_000 });
console.log(a);
const b = await measureTarget({ ...common, name: 'grammY', script: benchPath('./targets/grammy-bot.ts'), env, expectsReplies: true, chatBase: 20_000_000 });
console.log(b);
await standIn.stop();
