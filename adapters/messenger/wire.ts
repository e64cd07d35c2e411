/**
 * The JSON the Messenger Platform sends (page webhooks) and accepts (Send API, Messenger
 * Profile API). Wire names are snake_case (docs/platforms.md §4); unknown fields tolerated.
 */

/** A webhook POST body. */
export interface FbWebhookBody {
  object: 'page';
  entry: FbEntry[];
}

/** One Page's batch of events. */
export interface FbEntry {
  id: string;
  /** Milliseconds. */
  time?: number;
  messaging?: FbMessagingEvent[];
}

/** An attachment on an inbound message. */
export interface FbInboundAttachment {
  type: 'image' | 'audio' | 'video' | 'file' | 'location' | 'fallback' | string;
  title?: string;
  payload?: { url?: string; sticker_id?: number; coordinates?: { lat: number; long: number } };
}

/** One messaging event: exactly one of message, postback, delivery, read (or others) is set. */
export interface FbMessagingEvent {
  sender: { id: string };
  recipient: { id: string };
  /** Milliseconds. */
  timestamp: number;
  message?: {
    mid: string;
    text?: string;
    is_echo?: boolean;
    app_id?: number;
    metadata?: string;
    quick_reply?: { payload: string };
    attachments?: FbInboundAttachment[];
  };
  postback?: { title?: string; payload: string; mid?: string };
  delivery?: { mids?: string[]; watermark: number };
  read?: { watermark: number };
}

/** A quick reply as sent. */
export interface FbQuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

/**
 * Why a message is sent (docs/platforms.md §4.3): RESPONSE answers a message the user sent;
 * UPDATE is proactive and non-promotional, inside the 24-hour standard window. MESSAGE_TAG
 * (with a tag, outside the window) is never sent.
 */
export type FbMessagingType = 'RESPONSE' | 'UPDATE';

/** The body of POST /me/messages. */
export type FbSendBody =
  | {
      recipient: { id: string };
      messaging_type: FbMessagingType;
      message:
        | { text: string; quick_replies?: FbQuickReply[] }
        | { attachment: { type: 'image' | 'audio' | 'video' | 'file'; payload: { url: string; is_reusable: boolean } } };
    }
  | { recipient: { id: string }; sender_action: 'typing_on' | 'typing_off' | 'mark_seen' };

/** A successful Send API response (sender actions carry no message_id). */
export interface FbSendResponse {
  recipient_id?: string;
  message_id?: string;
}

/** The body of POST /me/messenger_profile. */
export interface FbProfileBody {
  greeting?: { locale: 'default'; text: string }[];
  get_started?: { payload: string };
  persistent_menu?: {
    locale: 'default';
    composer_input_disabled: boolean;
    call_to_actions: { type: 'postback'; title: string; payload: string }[];
  }[];
}
