import { describe, expect, it } from 'vitest';
import { editDistance, suggestName } from '../../engine/flow/suggest-name.js';

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('sya', 'say')).toBe(1);
    expect(editDistance('optoins', 'options')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('suggestName', () => {
  it('suggests the closest candidate within a typo of the name', () => {
    expect(suggestName('sya', ['say', 'menu', 'ask'])).toBe('say');
    expect(suggestName('Menu', ['say', 'menu'])).toBe('menu');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(suggestName('speak', ['say', 'menu', 'ask'])).toBeUndefined();
  });
});
