/**
 * How a reply would look on each platform: the adapters' own render functions build the exact
 * request bodies they would send, and those bodies are read back into neutral bubbles. So the
 * preview shows what the platform gets (split texts, trimmed titles, lists, numbered options),
 * never a second guess of it, and `changes` says where the reply was altered and why.
 */
import type { OutboundMessage, OutboundOption } from '../../engine/types.js';
import { adapters } from '../../adapters/registry.js';
import { renderTelegramMessage } from '../../adapters/telegram/send.js';
import { renderWhatsappMessage } from '../../adapters/whatsapp/send.js';
import { renderViberMessage } from '../../adapters/viber/send.js';
import { renderMessengerMessage } from '../../adapters/messenger/send.js';
import type { PlatformPreview, PreviewBubble } from './studio-types.js';

export type { PlatformPreview, PreviewBubble };

/** Platforms with a preview, in menu order. */
export const PREVIEW_PLATFORMS = ['telegram', 'whatsapp', 'viber', 'messenger'] as const;
export type PreviewPlatform = (typeof PREVIEW_PLATFORMS)[number];

const TO = '0';
const viberConfig = { authToken: '', botName: 'Parley', apiUrl: '' };

function telegram(m: OutboundMessage): PreviewBubble[] {
  return renderTelegramMessage(TO, m).map(({ method, params: p }) => {
    if (method === 'sendChatAction') return { typing: true };
    if (method === 'sendLocation') return { location: { latitude: p.latitude as number, longitude: p.longitude as number } };
    const markup = p.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
    const buttons = markup?.inline_keyboard.flat().map((b) => ({ id: b.callback_data, title: b.text }));
    const mediaField = ['photo', 'video', 'audio', 'document', 'sticker'].find((f) => typeof p[f] === 'string');
    return {
      ...(typeof p.text === 'string' ? { text: p.text } : {}),
      ...(typeof p.caption === 'string' ? { text: p.caption } : {}),
      ...(mediaField ? { media: { type: mediaField, url: p[mediaField] as string } } : {}),
      ...(buttons ? { buttons, buttonStyle: 'inline' as const } : {}),
    };
  });
}

function whatsapp(m: OutboundMessage): PreviewBubble[] {
  return renderWhatsappMessage(TO, m).map((body): PreviewBubble => {
    const b = body as unknown as Record<string, any>;
    if (b.type === 'text') return { text: b.text.body };
    if (b.type === 'location') return { location: b.location };
    if (b.type === 'interactive') {
      const i = b.interactive;
      if (i.type === 'button') return { text: i.body.text, buttonStyle: 'reply', buttons: i.action.buttons.map((x: any) => x.reply) };
      return { text: i.body.text, buttonStyle: 'list', listLabel: i.action.button, buttons: i.action.sections.flatMap((s: any) => s.rows) };
    }
    const media = b[b.type] as { link: string; caption?: string };
    return { media: { type: b.type, url: media.link }, ...(media.caption ? { text: media.caption } : {}) };
  });
}

function viber(m: OutboundMessage): PreviewBubble[] {
  return renderViberMessage(TO, m, viberConfig).map((b): PreviewBubble => {
    const buttons = b.keyboard?.Buttons.map((x) => ({ id: x.ActionBody, title: x.Text }));
    if (b.type === 'location') return { location: { latitude: b.location!.lat, longitude: b.location!.lon } };
    return {
      ...(b.text ? { text: b.text } : {}),
      ...(b.type === 'picture' || b.type === 'url' ? { media: { type: b.type, url: b.media! } } : {}),
      ...(buttons ? { buttons, buttonStyle: 'keyboard' as const } : {}),
    };
  });
}

function messenger(m: OutboundMessage): PreviewBubble[] {
  return renderMessengerMessage(TO, m).map((b): PreviewBubble => {
    if ('sender_action' in b) return { typing: true };
    const msg = b.message;
    if ('attachment' in msg) return { media: { type: msg.attachment.type, url: msg.attachment.payload.url } };
    const buttons = msg.quick_replies?.map((q) => ({ id: q.payload, title: q.title }));
    return { text: msg.text, ...(buttons ? { buttons, buttonStyle: 'quick' as const } : {}) };
  });
}

const renderers: Record<PreviewPlatform, (m: OutboundMessage) => PreviewBubble[]> = { telegram, whatsapp, viber, messenger };

/** Says where the bubbles differ from the message the flow produced. */
function changesOf(platform: PreviewPlatform, m: OutboundMessage, bubbles: PreviewBubble[]): string[] {
  const limits = adapters[platform].limits;
  const changes: string[] = [];
  const texts = bubbles.filter((b) => b.text !== undefined && !b.media).length;
  if (m.kind === 'typing' && bubbles.length === 0) changes.push('No typing indicator on this platform; nothing is sent.');
  if ((m.kind === 'text' || m.kind === 'options') && texts > 1) {
    changes.push(`The text is longer than one message holds here (${limits.text} characters) and goes out as ${texts} messages.`);
  }
  if (m.kind === 'location' && !bubbles.some((b) => b.location)) changes.push('This platform cannot send a location: a map link is sent instead.');
  if (m.kind === 'media' && m.caption && bubbles.length > 1) changes.push('The caption cannot ride on this media here: it follows as its own text.');
  if (m.kind === 'options') {
    const shown = bubbles.flatMap((b) => b.buttons ?? []);
    if (shown.length === 0) {
      changes.push(`${m.options.length} options are more than this platform shows as buttons (${limits.options}): they are sent as a numbered text, answerable by number.`);
    } else {
      if (bubbles.some((b) => b.buttonStyle === 'list')) {
        changes.push(`More than ${limits.buttons} options: shown as a list behind a "${bubbles.find((b) => b.listLabel)?.listLabel}" button instead of buttons.`);
      }
      m.options.forEach((o: OutboundOption, i) => {
        const title = shown[i]?.title;
        if (title !== undefined && title !== o.title) changes.push(`Option "${o.title}" is shown as "${title}" (cut to ${title.length} characters).`);
      });
    }
  }
  return changes;
}

/** Renders one reply as `platform` would show it. */
export function previewMessage(platform: PreviewPlatform, message: OutboundMessage): PlatformPreview {
  const bubbles = renderers[platform](message);
  return { platform, bubbles, changes: changesOf(platform, message, bubbles) };
}

/** True when `name` has a preview. */
export function isPreviewPlatform(name: string): name is PreviewPlatform {
  return (PREVIEW_PLATFORMS as readonly string[]).includes(name);
}
