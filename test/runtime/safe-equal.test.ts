import { describe, expect, it } from 'vitest';
import { safeEqual } from '../../engine/runtime/safe-equal.js';

describe('safeEqual', () => {
  it('is true only for identical strings, whatever their lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('compares the text, not its bytes in another encoding', () => {
    expect(safeEqual('é', 'é')).toBe(true);
    expect(safeEqual('é', 'e\u0301')).toBe(false);
  });
});
