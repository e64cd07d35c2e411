/**
 * The Viber REST Bot API JSON this adapter reads and writes (field names as on the wire;
 * keyboards are PascalCase). `message_token` is a 64-bit integer: Parley reads it as a
 * decimal string (parseLosslessJson below), never as a JS number.
 */
import { createRequire } from 'node:module';
import type { parse as ParseJson } from 'lossless-json';

// Required on the first Viber callback: the ES build is ten modules every start would load,
// Viber on or off; the package's CommonJS build is one file with the same parse.
const require = createRequire(import.meta.url);
let parseJson: typeof ParseJson | undefined;

/** A subscriber as Viber describes them in `sender` and `user`. */
export interface ViberUser {
  id: string;
  name?: string;
  avatar?: string;
  country?: string;
  language?: string;
  api_version?: number;
}

/** The message inside a `message` callback. */
export interface ViberInboundMessage {
  type: 'text' | 'picture' | 'video' | 'file' | 'sticker' | 'contact' | 'url' | 'location' | 'rich_media' | string;
  text?: string;
  media?: string;
  thumbnail?: string;
  file_name?: string;
  size?: number;
  sticker_id?: number | string;
  contact?: { name?: string; phone_number: string; avatar?: string };
  location?: { lat: number; lon: number };
  /** Echo of the tracking_data of the bot's last message. */
  tracking_data?: string;
}

/** Every callback Viber POSTs (one per request). */
export interface ViberCallback {
  event:
    | 'webhook'
    | 'conversation_started'
    | 'subscribed'
    | 'unsubscribed'
    | 'message'
    | 'delivered'
    | 'seen'
    | 'failed'
    | string;
  /** Unix milliseconds. */
  timestamp: number;
  /** 64-bit id, kept as a decimal string. */
  message_token?: string;
  chat_hostname?: string;
  user?: ViberUser;
  sender?: ViberUser;
  user_id?: string;
  message?: ViberInboundMessage;
  /** `conversation_started`: the deep link's `context` parameter. */
  context?: string;
  type?: string;
  subscribed?: boolean;
  /** `failed`: why. */
  desc?: string;
}

/** A reply button; `ActionBody` comes back as the text of the user's message. */
export interface ViberKeyboardButton {
  Columns: number;
  Rows: number;
  ActionType: 'reply';
  ActionBody: string;
  Text: string;
}

/** A custom keyboard sent along with a message. */
export interface ViberKeyboard {
  Type: 'keyboard';
  DefaultHeight: boolean;
  Buttons: ViberKeyboardButton[];
}

/** The body of POST /send_message. */
export interface ViberSendMessage {
  receiver: string;
  min_api_version: number;
  sender: { name: string; avatar?: string };
  /** Never null: Viber rejects a null tracking_data. */
  tracking_data: string;
  type: 'text' | 'picture' | 'url' | 'location';
  text?: string;
  media?: string;
  location?: { lat: number; lon: number };
  keyboard?: ViberKeyboard;
}

/** Every API answer: `status` 0 is success. */
export interface ViberResponse {
  status: number;
  status_message: string;
  /** 64-bit id of the sent message, kept as a decimal string. */
  message_token?: string;
  chat_hostname?: string;
  billing_status?: number;
  event_types?: string[];
}

/** What Parley keeps in tracking_data: the option ids the last keyboard offered. */
export interface ParleyTrackingData {
  parley: { options: string[] };
}

// Viber's message_token exceeds 2^53, and plain JSON.parse turns the twelve fixture tokens into
// one value, so deduplication would drop real events. Integers outside the safe range become
// exact decimal strings; every other number stays a number.
function parseNumber(value: string): number | string {
  if (/^-?\d+$/.test(value) && !Number.isSafeInteger(Number(value))) return value;
  return Number(value);
}

/** JSON.parse, except unsafe integers are returned as their exact decimal string. */
export function parseLosslessJson(text: string): unknown {
  parseJson ??= (require('lossless-json') as typeof import('lossless-json')).parse;
  return parseJson(text, null, parseNumber);
}
