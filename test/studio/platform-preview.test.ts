import { describe, expect, it } from 'vitest';
import { previewMessage } from '../../app/studio/platform-preview.js';

const options = (n: number, title = (i: number) => `Option ${i + 1}`) => ({
  kind: 'options' as const,
  text: 'Pick one:',
  options: Array.from({ length: n }, (_, i) => ({ id: `o${i}`, title: title(i) })),
});

describe('previewMessage', () => {
  it('shows the example menu on Telegram as an inline keyboard, unchanged', () => {
    const p = previewMessage('telegram', options(3, (i) => ['Pileta', 'Tenis', 'SUM'][i]));
    expect(p.bubbles).toEqual([{ text: 'Pick one:', buttonStyle: 'inline', buttons: [{ id: 'o0', title: 'Pileta' }, { id: 'o1', title: 'Tenis' }, { id: 'o2', title: 'SUM' }] }]);
    expect(p.changes).toEqual([]);
  });

  it('turns four options into a WhatsApp list and says so', () => {
    const p = previewMessage('whatsapp', options(4));
    expect(p.bubbles[0]).toMatchObject({ buttonStyle: 'list', listLabel: 'Options' });
    expect(p.changes.join(' ')).toMatch(/list/);
  });

  it('trims a long title on Messenger quick replies and names the old and new title', () => {
    const p = previewMessage('messenger', options(2, (i) => (i === 0 ? 'A very long option title indeed' : 'Short')));
    expect(p.bubbles[0].buttons![0].title.length).toBeLessThanOrEqual(20);
    expect(p.changes).toEqual([expect.stringContaining('"A very long option title indeed" is shown as')]);
  });

  it('splits a text longer than a Messenger message into several bubbles', () => {
    const p = previewMessage('messenger', { kind: 'text', text: 'word '.repeat(500) });
    expect(p.bubbles.length).toBe(2);
    expect(p.changes).toEqual([expect.stringContaining('goes out as 2 messages')]);
  });

  it('sends a numbered text when Viber cannot show that many buttons', () => {
    const p = previewMessage('viber', options(30));
    expect(p.bubbles.every((b) => !b.buttons)).toBe(true);
    expect(p.bubbles[0].text).toContain('30. Option 30');
    expect(p.changes.join(' ')).toMatch(/numbered text/);
  });

  it('shows a location as a map link on Messenger', () => {
    const p = previewMessage('messenger', { kind: 'location', latitude: -34.6, longitude: -58.4 });
    expect(p.bubbles[0].text).toContain('maps.google.com');
    expect(p.changes).toEqual([expect.stringContaining('map link')]);
  });
});
