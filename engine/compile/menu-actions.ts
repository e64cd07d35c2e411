/**
 * The menu's guards and actions: show the choices, tell which one an answer picks, and save
 * it. Each builds the choices with menuChoices, so the prompt and the answer agree.
 */
import type { LocalizedText } from '../flow/flow-types.js';
import type { OutboundMessage } from '../types.js';
import type { BotContext } from './bot-context.js';
import { menuChoices, savedValue, type MenuChoice, type MenuSpec } from './menu-choices.js';
import { matchOption, matchOptions } from './match-option.js';
import { renderText, type ScopeDefaults } from './turn-scope.js';

/** What the menu functions need: the injected clock and the bot's defaults. */
export interface MenuEnv {
  now(): number;
  defaults: ScopeDefaults;
}

type Picked = { all: MenuChoice[]; picks: MenuChoice[] } | undefined;

/**
 * One reading per context and menu: xstate asks every option's guard, then the action, with
 * the same context object, and each would otherwise render the whole list again.
 */
const readings = new WeakMap<BotContext, WeakMap<MenuSpec, Picked>>();

/** The choices the last input picks (one for a single menu), or undefined. */
function picked(ctx: BotContext, spec: MenuSpec, env: MenuEnv): Picked {
  let bySpec = readings.get(ctx);
  if (!bySpec) readings.set(ctx, (bySpec = new WeakMap()));
  if (!bySpec.has(spec)) bySpec.set(spec, read(ctx, spec, env));
  return bySpec.get(spec);
}

function read(ctx: BotContext, spec: MenuSpec, env: MenuEnv): Picked {
  if (!ctx.input) return undefined;
  const all = menuChoices(ctx, spec, env.now(), env.defaults);
  if (spec.multiple) {
    const indexes = matchOptions(all, ctx.input);
    return indexes ? { all, picks: indexes.map((i) => all[i]) } : undefined;
  }
  const m = matchOption(all, ctx.input);
  return m.kind === 'chosen' ? { all, picks: [all[m.index]] } : undefined;
}

/** Guards: `menuPick` (fixed option `fixed`, or any list member without it) and `menuPickMany`. */
export function createMenuGuards(env: MenuEnv) {
  type Args = { context: BotContext };
  return {
    menuPick: ({ context }: Args, p: { spec: MenuSpec; fixed?: number }) => {
      const pick = picked(context, p.spec, env)?.picks[0];
      if (!pick) return false;
      return p.fixed === undefined ? pick.fixed === undefined : pick.fixed === p.fixed;
    },
    menuPickMany: ({ context }: Args, p: { spec: MenuSpec }) => picked(context, p.spec, env) !== undefined,
  };
}

/** Actions: `showMenu` sends the choices, `menuPicked` saves what was picked. */
export function createMenuActions(env: MenuEnv) {
  return {
    showMenu(ctx: BotContext, _e: unknown, p: { text: LocalizedText; spec: MenuSpec }): Partial<BotContext> {
      const text = renderText(p.text, ctx, env.now(), env.defaults.locale, env.defaults.timezone);
      const choices = menuChoices(ctx, p.spec, env.now(), env.defaults);
      const options = choices.map((c) => ({ id: c.id, title: c.title }));
      // No chat platform has a native multi-select, and a menu of nothing has no buttons:
      // both are written out as numbered lines the user answers by typing.
      const message: OutboundMessage = p.spec.multiple || options.length === 0
        ? { kind: 'text', text: [text, ...options.map((o, i) => `${i + 1}. ${o.title}`)].join('\n') }
        : { kind: 'options', text, options };
      return { out: [...ctx.out, message] };
    },
    /** An answer that chose nothing: `input.candidates` are the titles it could mean (a partial that fits several). */
    menuUnmatched(ctx: BotContext, _e: unknown, p: { spec: MenuSpec }): Partial<BotContext> {
      if (!ctx.input || p.spec.multiple) return {};
      const all = menuChoices(ctx, p.spec, env.now(), env.defaults);
      const m = matchOption(all, ctx.input);
      return { input: { ...ctx.input, candidates: m.kind === 'ambiguous' ? m.indexes.map((i) => all[i].title) : [] } };
    },
    menuPicked(ctx: BotContext, _e: unknown, p: { spec: MenuSpec }): Partial<BotContext> {
      const got = picked(ctx, p.spec, env);
      if (!got) return {};
      const value = p.spec.multiple ? got.picks.map(savedValue) : savedValue(got.picks[0]);
      const vars = p.spec.save ? { ...ctx.vars, [p.spec.save]: value } : ctx.vars;
      const input = p.spec.multiple
        ? { ...(ctx.input ?? { kind: 'text' }), optionIds: got.picks.map((c) => c.id), titles: got.picks.map((c) => c.title) }
        : { ...(ctx.input ?? { kind: 'option' }), optionId: got.picks[0].id, title: got.picks[0].title };
      return { vars, input };
    },
  };
}
