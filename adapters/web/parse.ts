/**
 * Web chat POST body → one InboundEvent. The body is checked field by field: it comes from a
 * browser anyone can script, so nothing is trusted beyond its shape and size.
 */
import { ParseError } from '../../engine/errors.js';
import type { EventBase, InboundEvent, MediaType, ParseContext, WebhookRequest } from '../../engine/types.js';
import { readJsonBody } from '../shared/read-json-body.js';
import type { WebConfig } from './config.js';
import type { WebInbound } from './wire.js';

/** The adapter id events carry. */
export const WEB_PLATFORM = 'web';

/** A conversation id: long enough to be unguessable when random, short enough to index. */
export const WEB_CONVERSATION_ID = /^[A-Za-z0-9_-]{16,64}$/;
const MESSAGE_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const MEDIA_TYPES: readonly MediaType[] = ['image', 'video', 'audio', 'file', 'sticker'];
const MAX_TEXT = 4096;

const fail = (what: string): never => {
  throw new ParseError(`The web chat message ${what}.`);
};

function optionalString(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) fail(`field "${field}" must be a string of at most ${max} characters`);
  return value as string;
}

function base(body: WebInbound, now: () => number): EventBase {
  if (typeof body.id !== 'string' || !MESSAGE_ID.test(body.id)) fail('needs an "id" of 1–100 letters, digits or _ . : -');
  if (typeof body.conversation !== 'string' || !WEB_CONVERSATION_ID.test(body.conversation)) {
    fail('needs a "conversation" of 16–64 letters, digits, _ or - (a random id the page keeps)');
  }
  const user = typeof body.user === 'object' && body.user !== null ? body.user : {};
  const name = optionalString(user.name, 'user.name', 100);
  const locale = optionalString(user.locale, 'user.locale', 40);
  if (locale !== undefined && !LOCALE.test(locale)) fail('field "user.locale" must be a language tag like "es" or "en-GB"');
  return {
    platform: WEB_PLATFORM,
    conversation: body.conversation,
    // The conversation is the visitor: a web page has no account behind it.
    user: { id: body.conversation, ...(name ? { name } : {}), ...(locale ? { locale } : {}) },
    eventId: body.id,
    timestamp: now(),
  };
}

/**
 * Parses a verified POST body; throws ParseError (HTTP 400) on anything else. The event is
 * dated by `ctx.now`, else the config's clock: a browser's own clock is not to be trusted.
 */
export function parseWebRequest(req: WebhookRequest, config: WebConfig, _skip?: unknown, ctx: ParseContext = {}): InboundEvent[] {
  const body = readJsonBody(req, 'web chat body') as WebInbound;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('must be a JSON object');
  const b = base(body, ctx.now ?? config.now);
  const kinds = (['text', 'option', 'location', 'media', 'event'] as const).filter((k) => body[k] !== undefined);
  if (kinds.length !== 1) fail('needs exactly one of "text", "option", "location", "media" or "event"');
  switch (kinds[0]) {
    case 'text':
      return [{ ...b, kind: 'text', text: optionalString(body.text, 'text', MAX_TEXT)! }];
    case 'option': {
      const o = body.option as { id?: unknown; title?: unknown };
      const id = optionalString(o?.id, 'option.id', 256);
      if (!id) fail('field "option.id" must be a non-empty string');
      const title = optionalString(o.title, 'option.title', 256);
      return [{ ...b, kind: 'option', optionId: id!, ...(title ? { title } : {}) }];
    }
    case 'location': {
      const l = body.location as { latitude?: unknown; longitude?: unknown; name?: unknown };
      const lat = l?.latitude;
      const lon = l?.longitude;
      if (typeof lat !== 'number' || typeof lon !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        fail('field "location" needs a latitude (-90..90) and a longitude (-180..180)');
      }
      const name = optionalString(l.name, 'location.name', 200);
      return [{ ...b, kind: 'location', latitude: lat as number, longitude: lon as number, ...(name ? { name } : {}) }];
    }
    case 'media': {
      const m = body.media as { type?: unknown; url?: unknown; caption?: unknown };
      if (!MEDIA_TYPES.includes(m?.type as MediaType)) fail(`field "media.type" must be one of ${MEDIA_TYPES.join(', ')}`);
      const url = optionalString(m.url, 'media.url', 2048);
      if (!url || !/^https?:\/\//i.test(url)) fail('field "media.url" must be an http(s) URL');
      const caption = optionalString(m.caption, 'media.caption', 1024);
      return [{ ...b, kind: 'media', mediaType: m.type as MediaType, url, ...(caption ? { caption } : {}) }];
    }
    case 'event':
      if (body.event !== 'started' && body.event !== 'subscribed') fail('field "event" must be "started" or "subscribed"');
      return [{ ...b, kind: 'lifecycle', lifecycle: body.event! }];
  }
  return fail('is not understood');
}
