/**
 * Chat bubbles: the user's inputs, and the bot's replies either as the web chat shows them or
 * as a platform's app would (from the server's preview of the adapter's real request bodies),
 * with a note wherever the platform changes the reply.
 */
import type { Message, Option, PlatformPreview, PreviewBubble, TurnInputView } from './types';

const mapLink = (lat: number, lon: number) => `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;

/** What the user did, in words (system events are not the user's words). */
export function describeInput(input: TurnInputView): { system: boolean; text: string } {
  switch (input.kind) {
    case 'text':
    case 'command':
      return { system: false, text: input.text ?? '' };
    case 'option':
      return { system: false, text: input.title ?? input.optionId ?? '' };
    case 'location':
      return { system: false, text: `Location: ${input.name ?? ''} (${input.latitude}, ${input.longitude})` };
    case 'media':
      return { system: false, text: `${input.mediaType}: ${input.url}` };
    case 'lifecycle':
      return { system: true, text: `event: ${input.lifecycle}` };
    case 'timer':
      return { system: true, text: `timer fired (${input.timerId})` };
    case 'start':
      return { system: true, text: 'flow started through the send API' };
    default:
      return { system: true, text: input.kind };
  }
}

function Buttons(props: { options: Option[]; style: string; onPress?: (o: Option) => void }) {
  return (
    <div class={`buttons style-${props.style}`}>
      {props.options.map((o) => (
        <button type="button" class="option" disabled={!props.onPress} onClick={() => props.onPress?.(o)}>
          {o.title}
        </button>
      ))}
    </div>
  );
}

/** A reply as the web chat shows it. */
export function WebBubble(props: { message: Message; delivered?: boolean; onPress?: (o: Option) => void }) {
  const m = props.message;
  const tick = props.delivered !== undefined && <span class={`tick ${props.delivered ? 'done' : ''}`} title={props.delivered ? 'delivered by the web platform' : 'not delivered yet'}>{props.delivered ? '✓✓' : '✓'}</span>;
  if (m.kind === 'typing') return null;
  return (
    <div class="msg bot">
      <div class="bubble">
        {m.kind === 'text' && <p>{m.text}</p>}
        {m.kind === 'options' && <p>{m.text}</p>}
        {m.kind === 'media' &&
          (m.mediaType === 'image' ? <img src={m.url} alt={m.caption ?? 'image'} /> : <a href={m.url} rel="noreferrer" target="_blank">{m.mediaType}: {m.url}</a>)}
        {m.kind === 'media' && m.caption && <p>{m.caption}</p>}
        {m.kind === 'location' && (
          <a href={mapLink(m.latitude, m.longitude)} rel="noreferrer" target="_blank">
            Location: {m.name ?? `${m.latitude}, ${m.longitude}`} — open the map
          </a>
        )}
        {tick}
      </div>
      {m.kind === 'options' && <Buttons options={m.options} style="web" onPress={props.onPress} />}
    </div>
  );
}

function PreviewPart(props: { bubble: PreviewBubble; original: Option[]; onPress?: (o: Option) => void }) {
  const b = props.bubble;
  if (b.typing) return <div class="msg bot"><div class="bubble typing">typing…</div></div>;
  // Buttons map back to the flow's options by position (a platform may shorten ids or titles).
  const press = props.onPress && ((o: Option) => {
    const i = b.buttons!.indexOf(o);
    props.onPress!(props.original[i] ?? o);
  });
  return (
    <div class="msg bot">
      <div class="bubble">
        {b.media && (b.media.type === 'photo' || b.media.type === 'image' || b.media.type === 'picture' ? <img src={b.media.url} alt="" /> : <a href={b.media.url} rel="noreferrer" target="_blank">{b.media.type}: {b.media.url}</a>)}
        {b.location && <a href={mapLink(b.location.latitude, b.location.longitude)} rel="noreferrer" target="_blank">Location — open the map</a>}
        {b.text !== undefined && <p>{b.text}</p>}
        {b.buttonStyle === 'list' && <div class="list-button">≡ {b.listLabel}</div>}
      </div>
      {b.buttons && <Buttons options={b.buttons} style={b.buttonStyle ?? 'inline'} onPress={press} />}
    </div>
  );
}

/** A reply as `preview.platform` shows it, with its changes. */
export function PreviewBubbles(props: { message: Message; preview?: PlatformPreview; onPress?: (o: Option) => void }) {
  if (!props.preview) return <div class="msg bot"><div class="bubble muted">rendering…</div></div>;
  const original = props.message.kind === 'options' ? props.message.options : [];
  return (
    <>
      {props.preview.bubbles.map((b) => (
        <PreviewPart bubble={b} original={original} onPress={props.onPress} />
      ))}
      {props.preview.changes.map((c) => (
        <div class="change" role="note">
          <strong>{props.preview!.platform} changes this:</strong> {c}
        </div>
      ))}
    </>
  );
}
