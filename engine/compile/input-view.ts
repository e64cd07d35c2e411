/**
 * The input as flows see it (`{{ input.text }}`): a flat, JSON-safe view of the event,
 * without the raw platform body or adapter-private data.
 */
import type { TurnInput } from '../runtime/turn.js';
import { parseCommand, normalizeCommandName, type ParsedCommand } from './parse-command.js';

/** A flat view of one input. */
export interface InputView {
  kind: string;
  text?: string;
  optionId?: string;
  title?: string;
  /** The ids and titles a multi-select answer picked. */
  optionIds?: string[];
  titles?: string[];
  /** After a menu answer that chose nothing: the titles a partial answer could mean. */
  candidates?: string[];
  latitude?: number;
  longitude?: number;
  name?: string;
  address?: string;
  phone?: string;
  mediaType?: string;
  url?: string;
  caption?: string;
  lifecycle?: string;
  payload?: string;
  timerId?: string;
  flow?: string;
}

/** Builds the view of an input, and its command when it is one. */
export function viewInput(input: TurnInput, prefix: string): { view: InputView; command?: ParsedCommand } {
  switch (input.kind) {
    case 'text': {
      const command = parseCommand(input.text, prefix);
      return { view: { kind: 'text', text: input.text }, command };
    }
    case 'command':
      return {
        view: { kind: 'command', text: input.text },
        command: { name: normalizeCommandName(input.name), args: input.args.replace(/^\s+/, '').trimEnd() },
      };
    case 'option':
      return { view: { kind: 'option', optionId: input.optionId, title: input.title } };
    case 'location':
      return { view: { kind: 'location', latitude: input.latitude, longitude: input.longitude, name: input.name, address: input.address } };
    case 'media':
      return { view: { kind: 'media', mediaType: input.mediaType, url: input.url, caption: input.caption } };
    case 'contact':
      return { view: { kind: 'contact', phone: input.phone, name: input.name } };
    case 'lifecycle':
      return { view: { kind: 'lifecycle', lifecycle: input.lifecycle, payload: input.payload } };
    case 'timer':
      return { view: { kind: 'timer', timerId: input.timerId } };
    case 'start':
      return { view: { kind: 'start', flow: input.flow } };
    default:
      return { view: { kind: input.kind } };
  }
}

/** Drops undefined fields so the view stays clean JSON in snapshots. */
export function compactView(view: InputView): InputView {
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as InputView;
}
