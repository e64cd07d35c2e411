/**
 * The JSON the WhatsApp Cloud API sends (webhook notifications) and accepts (POST /messages).
 * Written from the observed payloads in docs/platforms.md §2, not Meta's SDK types, which
 * are wrong in places. Unknown fields are tolerated everywhere.
 */

/** Said when a send failed because the 24-hour customer-service window has closed (131047). */
export const WHATSAPP_WINDOW_MESSAGE =
  "outside WhatsApp's 24-hour customer-service window: send a template message";

/** A webhook POST body. */
export interface WaNotification {
  object: 'whatsapp_business_account';
  entry: WaEntry[];
}

/** One WhatsApp Business Account's batch of changes. */
export interface WaEntry {
  id: string;
  changes?: WaChange[];
}

/** One change; only `field: "messages"` carries messages and statuses. */
export interface WaChange {
  field: string;
  value: WaChangeValue;
}

/** The payload of a `messages` change. */
export interface WaChangeValue {
  messaging_product?: 'whatsapp';
  metadata?: { display_phone_number?: string; phone_number_id?: string };
  contacts?: { profile?: { name?: string }; wa_id: string }[];
  messages?: WaInboundMessage[];
  statuses?: WaStatus[];
  errors?: WaError[];
}

/** A media object as received: download it with GET /{id}. */
export interface WaInboundMedia {
  id: string;
  mime_type?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
}

/** One inbound user message; exactly one type-named field is set. */
export interface WaInboundMessage {
  from: string;
  id: string;
  /** Unix seconds, as a string. */
  timestamp: string;
  type: string;
  context?: { from?: string; id?: string; forwarded?: boolean };
  text?: { body: string };
  interactive?: {
    type: 'button_reply' | 'list_reply' | string;
    button_reply?: { id: string; title: string };
    list_reply?: { id: string; title: string; description?: string };
  };
  button?: { payload: string; text: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  image?: WaInboundMedia;
  video?: WaInboundMedia;
  audio?: WaInboundMedia;
  document?: WaInboundMedia;
  sticker?: WaInboundMedia;
  contacts?: { name?: { formatted_name?: string }; phones?: { phone?: string; wa_id?: string }[] }[];
}

/** A Graph error object (in statuses, change values and error responses). */
export interface WaError {
  code: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
  href?: string;
}

/** A delivery status of a message the business sent. */
export interface WaStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | string;
  timestamp: string;
  recipient_id: string;
  errors?: WaError[];
}

/** A reply button of an interactive `button` message. */
export interface WaReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

/** A row of an interactive `list` message. */
export interface WaListRow {
  id: string;
  title: string;
  description?: string;
}

/** The interactive object of an outbound message. */
export type WaInteractive =
  | { type: 'button'; body: { text: string }; action: { buttons: WaReplyButton[] } }
  | { type: 'list'; body: { text: string }; action: { button: string; sections: { title?: string; rows: WaListRow[] }[] } };

/** A media object as sent: by public link. */
export interface WaOutboundMedia {
  link: string;
  caption?: string;
}

/** Media kinds the Cloud API sends by link. */
export type WaMediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';

/** The body of POST /{phone-number-id}/messages. */
export type WaOutboundMessage = {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
} & (
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | { type: 'interactive'; interactive: WaInteractive }
  | ({ type: WaMediaType } & Partial<Record<WaMediaType, WaOutboundMedia>>)
  | { type: 'location'; location: { latitude: number; longitude: number; name?: string } }
);

/** A successful send response. */
export interface WaSendResponse {
  messaging_product?: 'whatsapp';
  contacts?: { input: string; wa_id: string }[];
  messages?: { id: string; message_status?: string }[];
}
