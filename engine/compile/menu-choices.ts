/**
 * A menu's choices as one user sees them this turn: the members of `options_from` (each
 * rendered with `item`/`index` in scope) followed by the fixed options, with titles and
 * `also:` words in the user's language. The prompt, the guards and the actions all build
 * the list the same way, so "2" always means the second choice that was shown.
 */
import type { LocalizedText, OptionsFrom } from '../flow/flow-types.js';
import { pickLocalized } from '../template/localized-text.js';
import { renderTemplate, renderValue, stringifyValue } from '../template/render-template.js';
import { buildScope } from '../template/safe-data.js';
import type { BotContext } from './bot-context.js';
import type { RenderedOption } from './match-option.js';
import { scopeOf, type ScopeDefaults } from './turn-scope.js';

/** The compiled form of a menu that the runtime reads. */
export interface MenuSpec {
  options: { id: string; title: LocalizedText; also?: string[] }[];
  from?: OptionsFrom;
  multiple?: boolean;
  save?: string;
}

/** One choice: as rendered, and what choosing it saves. */
export interface MenuChoice extends RenderedOption {
  /** Index into `spec.options` for a fixed option; undefined for a list member. */
  fixed?: number;
  /** The list member, for choices built from `options_from`. */
  item?: unknown;
}

/** Most list members a menu shows; a longer list is cut (platforms show far fewer anyway). */
export const MAX_LIST_OPTIONS = 100;

/** Builds the choices of a menu for the context's user at time `now`. */
export function menuChoices(ctx: BotContext, spec: MenuSpec, now: number, defaults: ScopeDefaults): MenuChoice[] {
  const scope = scopeOf(ctx, now, defaults);
  const out: MenuChoice[] = [];
  if (spec.from) {
    const list = renderValue(spec.from.list, scope);
    const items = Array.isArray(list) ? list.slice(0, MAX_LIST_OPTIONS) : [];
    items.forEach((item, i) => {
      const own = buildScope(scope, { item, index: i + 1 });
      const plain = typeof item === 'string' || typeof item === 'number' ? String(item) : undefined;
      const title = spec.from!.title === undefined ? (plain ?? stringifyValue(item)) : renderTemplate(spec.from!.title, own);
      const id = spec.from!.id === undefined ? (plain ?? String(i + 1)) : renderTemplate(spec.from!.id, own);
      out.push({ id, title, item });
    });
  }
  spec.options.forEach((o, fixed) => {
    const title = pickLocalized(o.title, ctx.user?.locale, defaults.locale);
    out.push({ id: o.id, title: title.includes('{{') ? renderTemplate(title, scope) : title, also: o.also, fixed });
  });
  return out;
}

/** What choosing `choice` saves: a fixed option's id, or the list member itself. */
export function savedValue(choice: MenuChoice): unknown {
  return choice.fixed === undefined ? choice.item : choice.id;
}
