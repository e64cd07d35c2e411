import { describe, expect, it } from 'vitest';
import { numberedOptionsText, splitText, trimTitle, trimTitlesDistinct } from '../../../adapters/shared/split-text.js';

describe('splitText', () => {
  it('keeps a text within the limit whole', () => {
    expect(splitText('hello world', 20)).toEqual(['hello world']);
    expect(splitText('', 20)).toEqual(['']);
  });

  it('splits on the last whitespace inside the limit', () => {
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
  });

  it('prefers a newline to a space', () => {
    expect(splitText('aa\nbb cc dd', 9)).toEqual(['aa', 'bb cc dd']);
  });

  it('cuts a word longer than the limit hard', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never splits a surrogate pair', () => {
    const parts = splitText('ab😀cd', 3);
    expect(parts.join('')).toBe('ab😀cd');
    expect(parts).toEqual(['ab', '😀c', 'd']);
  });

  it('gives chunks all within the limit that rejoin to the text', () => {
    const text = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const parts = splitText(text, 100);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });
});

describe('trimTitle', () => {
  it('leaves a short title alone and ends a long one in an ellipsis within the limit', () => {
    expect(trimTitle('Pileta', 20)).toBe('Pileta');
    expect(trimTitle('Salón de usos múltiples', 20)).toBe('Salón de usos múlti…');
    expect(trimTitle('Salón de usos múltiples', 20)).toHaveLength(20);
  });
});

describe('numberedOptionsText', () => {
  it('lists the titles by number under the text', () => {
    expect(numberedOptionsText('Elige:', ['Pileta', 'Tenis'])).toBe('Elige:\n\n1. Pileta\n2. Tenis');
  });
});

describe('trimTitlesDistinct', () => {
  it('keeps titles that trim to the same text distinct and within the limit', () => {
    const titles = trimTitlesDistinct(['Reservar cancha de tenis', 'Reservar cancha de tenis ahora', 'Pileta'], 20);
    expect(titles).toEqual(['Reservar cancha de…', 'Reservar cancha d… 2', 'Pileta']);
    expect(titles.every((t) => t.length <= 20)).toBe(true);
  });
});
