/**
 * testPlatforms: every registered adapter renders a test's replies through its real send
 * (to a recording HTTP client), so `given.user.platform` checks what that platform would get.
 */
import { describe, expect, it } from 'vitest';
import { testPlatforms } from '../../app/cli/test-platforms.js';
import { adapters } from '../../adapters/registry.js';

describe('testPlatforms', () => {
  it('has a renderer with the adapter limits for every platform', () => {
    const platforms = testPlatforms();
    expect(Object.keys(platforms).sort()).toEqual(Object.keys(adapters).sort());
    for (const [id, p] of Object.entries(platforms)) {
      expect(p.limits).toEqual(adapters[id].limits);
      expect(typeof p.render).toBe('function');
    }
  });

  it('sends texts and menus through each adapter without a network', async () => {
    for (const p of Object.values(testPlatforms())) {
      await p.render!({ kind: 'text', text: 'Hola!' });
      await p.render!({ kind: 'options', text: 'Por favor elije una opción:', options: [{ id: 'pool', title: 'Pileta' }, { id: 'tennis', title: 'Tenis' }] });
    }
  });
});
