/**
 * What every adapter's parse promises for any body: events of the right shape, or a
 * ParseError. Never a TypeError (the server would answer 500 and the platform re-send the
 * body forever), never a field whose type the engine does not expect.
 */
import { ParseError } from '../../../engine/errors.js';
import type { InboundEvent, PlatformAdapter, SkippedItem, WebhookRequest } from '../../../engine/types.js';

const KINDS = new Set(['text', 'option', 'command', 'location', 'media', 'contact', 'lifecycle', 'receipt']);

/** Problems with one event, as sentences; empty when it is well formed. */
export function eventProblems(event: InboundEvent, platform: string): string[] {
  const problems: string[] = [];
  const e = event as unknown as Record<string, unknown>;
  const str = (field: string, value: unknown, optional = false) => {
    if (optional && value === undefined) return;
    if (typeof value !== 'string') problems.push(`${field} is ${typeof value}, not a string`);
  };
  const id = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value === '') problems.push(`${field} is not a non-empty string`);
  };
  const num = (field: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${field} is not a finite number`);
  };
  if (e.platform !== platform) problems.push(`platform is ${String(e.platform)}`);
  if (!KINDS.has(e.kind as string)) problems.push(`kind ${String(e.kind)} is unknown`);
  id('conversation', e.conversation);
  id('eventId', e.eventId);
  num('timestamp', e.timestamp);
  const user = e.user as Record<string, unknown> | undefined;
  id('user.id', user?.id);
  str('user.name', user?.name, true);
  str('user.locale', user?.locale, true);
  for (const [k, v] of Object.entries((e.platformData as object | undefined) ?? {})) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) problems.push(`platformData.${k} is ${typeof v}`);
  }
  switch (e.kind) {
    case 'text': str('text', e.text); break;
    case 'option': str('optionId', e.optionId); str('title', e.title, true); break;
    case 'command': str('name', e.name); str('args', e.args); str('text', e.text); break;
    case 'location': num('latitude', e.latitude); num('longitude', e.longitude); str('name', e.name, true); str('address', e.address, true); break;
    case 'media': str('mediaType', e.mediaType); str('url', e.url, true); str('fileId', e.fileId, true); str('caption', e.caption, true); str('mimeType', e.mimeType, true); break;
    case 'contact': str('phone', e.phone); str('name', e.name, true); str('contactUserId', e.contactUserId, true); break;
    case 'lifecycle': str('payload', e.payload, true); break;
    case 'receipt':
      if (!Array.isArray(e.messageIds) || e.messageIds.some((m) => typeof m !== 'string')) problems.push('messageIds is not a string array');
      str('error', e.error, true);
      break;
  }
  // What the inbox stores (the event without raw) must serialize: a nested array that cannot
  // is what failed a whole group commit.
  const { raw: _raw, ...stored } = e;
  try {
    JSON.stringify(stored);
  } catch (err) {
    problems.push(`the stored event does not serialize: ${String(err)}`);
  }
  return problems;
}

/** The outcome of one parse, for the property to judge. */
export type ParseOutcome =
  | { kind: 'events'; events: InboundEvent[]; skipped: SkippedItem[] }
  | { kind: 'parse-error' }
  | { kind: 'other-error'; error: unknown };

/** Runs `adapter.parse` on `body`, with or without a skip collector. */
export function parseOutcome(adapter: PlatformAdapter<any>, body: string, config: unknown, collect: boolean): ParseOutcome {
  const req: WebhookRequest = { method: 'POST', headers: {}, query: {}, rawBody: Buffer.from(body, 'utf8') };
  const skipped: SkippedItem[] = [];
  try {
    // Without notes in a context, no parse needs to wait: a Promise here fails the Array check below.
    const events = (collect ? adapter.parse(req, config, (item) => skipped.push(item)) : adapter.parse(req, config)) as InboundEvent[];
    return { kind: 'events', events, skipped };
  } catch (error) {
    return error instanceof ParseError ? { kind: 'parse-error' } : { kind: 'other-error', error };
  }
}

/**
 * The property: for this body, parse (both ways) answers events of the right shape or a
 * ParseError; with a collector, skipped items carry a reason. Throws with the problems.
 */
export function assertParseContract(adapter: PlatformAdapter<any>, body: string, config: unknown): void {
  for (const collect of [false, true]) {
    const outcome = parseOutcome(adapter, body, config, collect);
    if (outcome.kind === 'other-error') {
      throw new Error(`parse threw ${String(outcome.error)} (collect=${collect}) for ${body.slice(0, 300)}`);
    }
    if (outcome.kind === 'parse-error') continue;
    if (!Array.isArray(outcome.events)) throw new Error('parse returned no array');
    for (const event of outcome.events) {
      const problems = eventProblems(event, adapter.id);
      if (problems.length > 0) throw new Error(`bad event (${problems.join('; ')}) for ${body.slice(0, 300)}`);
    }
    for (const item of outcome.skipped) {
      if (typeof item.reason !== 'string' || item.reason === '') throw new Error('a skipped item has no reason');
    }
  }
}
