/**
 * Transforms over lists: they never change their input (a `set:` stores the new list), and
 * treat a missing list as empty, so `{{ todos|append(input.text) }}` works on the first item.
 */
import type { TransformSpec } from './transform-spec.js';

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null || v === '' ? [] : [v];
}

/** Equality for list members: primitives by value, objects by their JSON. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The list transforms, by name. */
export const LIST_TRANSFORMS: Record<string, TransformSpec> = {
  append: {
    usage: 'list|append(item)',
    does: 'The list with `item` added at the end (a missing list counts as empty).',
    fn: (v, item) => [...asList(v), item],
  },
  remove: {
    usage: 'list|remove(item)',
    does: 'The list without any member equal to `item`.',
    fn: (v, item) => asList(v).filter((x) => !same(x, item)),
  },
  remove_at: {
    usage: 'list|remove_at(n)',
    does: 'The list without its `n`-th member, counting from 1 (as users number choices).',
    fn: (v, n) => asList(v).filter((_x, i) => i !== Number(n) - 1),
  },
  contains: {
    usage: 'list|contains(item)',
    does: 'True when a member equals `item` (for text: when it contains `item`).',
    fn: (v, item) => (typeof v === 'string' ? typeof item === 'string' && v.includes(item) : asList(v).some((x) => same(x, item))),
  },
  length: {
    usage: 'value|length',
    does: 'How many members a list has, characters a text has, or keys an object has; 0 when missing.',
    fn: (v) => {
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      return 0;
    },
  },
  join: {
    usage: 'list|join(separator)',
    does: 'The members as one text, separated by `separator` (default ", ").',
    fn: (v, sep) => asList(v).map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x ?? ''))).join(sep === undefined ? ', ' : String(sep)),
  },
  first: {
    usage: 'list|first',
    does: 'The first member, or nothing when the list is empty.',
    fn: (v) => asList(v)[0],
  },
  last: {
    usage: 'list|last',
    does: 'The last member, or nothing when the list is empty.',
    fn: (v) => asList(v).at(-1),
  },
  map: {
    usage: "list|map('field')",
    does: 'The list of each member\'s `field` (e.g. the titles of a list of objects).',
    fn: (v, field) => asList(v).map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[String(field)] : undefined)),
  },
  numbered: {
    usage: 'list|numbered',
    does: 'The members as numbered lines ("1. milk", "2. eggs"), the way users answer by number.',
    fn: (v) => asList(v).map((x, i) => `${i + 1}. ${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x ?? '')}`).join('\n'),
  },
  find: {
    usage: "list|find('field', value)",
    does: 'The first member whose `field` equals `value` (e.g. the contact whose handle is "ana"), or nothing.',
    fn: (v, field, value) => asList(v).find((x) => x !== null && typeof x === 'object' && same((x as Record<string, unknown>)[String(field)], value)),
  },
  split: {
    usage: "text|split(separator)",
    does: 'A text cut into a list at each `separator` (default ","), each part trimmed, empty parts dropped.',
    fn: (v, sep) => (v === undefined || v === null ? [] : String(v).split(sep === undefined ? ',' : String(sep)).map((s) => s.trim()).filter(Boolean)),
  },
};
