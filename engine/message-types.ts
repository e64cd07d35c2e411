/**
 * The shapes of what the bot sends, in a file with no imports and no Node types, so the
 * studio's browser bundle can share them with the server instead of keeping a copy.
 */

/** The kinds of media a message can carry. */
export type MediaType = 'image' | 'video' | 'audio' | 'file' | 'sticker';

/** A choice offered to the user; adapters render these as native buttons. */
export interface OutboundOption {
  id: string;
  title: string;
}

/** One thing the bot sends. Adapters render each natively and degrade past platform limits. */
export type OutboundMessage =
  | { kind: 'text'; text: string }
  | { kind: 'options'; text: string; options: OutboundOption[] }
  | { kind: 'media'; mediaType: MediaType; url: string; caption?: string }
  | { kind: 'location'; latitude: number; longitude: number; name?: string }
  | { kind: 'typing' };
