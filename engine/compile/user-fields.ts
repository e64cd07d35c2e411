/**
 * The `user.*` fields a flow may set. The platform owns the rest (id, name…): validation
 * refuses writing them (USER_FIELD_READ_ONLY). What a flow sets is kept apart from the
 * platform's user data, so the platform's next message does not undo it.
 */
import { IANAZone } from 'luxon';
import type { UserInfo } from '../types.js';

/** The user fields flows can set. */
export const WRITABLE_USER_FIELDS = ['locale', 'timezone'] as const;
type Field = (typeof WRITABLE_USER_FIELDS)[number];
type UserSet = { locale?: string; timezone?: string } | undefined;

const LOCALE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;

/** True for a language tag a flow may set as `user.locale` (`es`, `pt-BR`, `en_GB`). */
export function isLanguageTag(text: string): boolean {
  return LOCALE.test(text);
}

/** The writable field a `set:` key names (`user.locale` → locale), or undefined. */
export function userField(key: string): Field | undefined {
  const name = key.startsWith('user.') ? key.slice(5) : undefined;
  return (WRITABLE_USER_FIELDS as readonly string[]).includes(name ?? '') ? (name as Field) : undefined;
}

/**
 * Sets one field on the user and on the record of what flows set. An empty or invalid value
 * (an unknown zone, a text that is no language tag) removes the flow's choice instead, so
 * the platform's value applies again.
 */
export function setUserField(user: UserInfo | null, userSet: UserSet, field: Field, value: unknown): { user: UserInfo | null; userSet: UserSet } {
  const text = typeof value === 'string' ? value.trim() : '';
  const ok = field === 'locale' ? LOCALE.test(text) : text !== '' && IANAZone.isValidZone(text);
  const nextSet = { ...userSet };
  const nextUser = { ...(user ?? { id: '' }) } as UserInfo;
  if (ok) {
    nextSet[field] = field === 'locale' ? text.replace(/_/g, '-') : text;
    nextUser[field] = nextSet[field];
  } else {
    delete nextSet[field];
    delete nextUser[field];
  }
  return { user: nextUser, userSet: nextSet };
}
