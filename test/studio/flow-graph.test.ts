import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBot } from '../../engine/flow/load-bot.js';
import { botGraphs } from '../../app/studio/flow-graph.js';

const loaded = await loadBot(join(import.meta.dirname, '..', '..', 'flows'));

describe('botGraphs', () => {
  const club = botGraphs(loaded.bot!, loaded.sources).find((g) => g.flow === 'club-menu')!;
  const label = (from: string, to: string) => club.edges.find((e) => e.from === from && e.to === to)?.label;

  it('draws the club menu with its triggers as entries and its options as labelled edges', () => {
    expect(club.nodes.filter((n) => n.kind === 'trigger').map((n) => n.label)).toEqual(['fallback', 'payload MENU']);
    expect(label('club-menu/choose', 'club-menu/pool')).toBe('Pileta');
    expect(label('club-menu/choose', 'club-menu/tennis')).toBe('Tenis');
    expect(label('club-menu/choose', 'club-menu/hall')).toBe('SUM');
    expect(label('club-menu/choose', 'club-menu/choose')).toBe('otherwise');
    // Node ids are the graph model's (flow/step), built from the runner's positions, so the studio can light the waiting step.
    expect(club.nodes.map((n) => n.id)).toContain('club-menu/choose');
    expect(club.nodes.some((n) => n.kind === 'end')).toBe(true);
  });

  it('labels the branches of an if and the error path of a call', () => {
    const graphs = botGraphs(loaded.bot!, loaded.sources);
    const commands = graphs.find((g) => g.flow === 'commands')!;
    expect(commands.edges.filter((e) => e.from === 'commands/echo').map((e) => e.label).sort()).toEqual(['else', 'then']);
    const vault = graphs.find((g) => g.flow === 'vault')!;
    expect(vault.edges.find((e) => e.from === 'vault/store' && e.to === 'vault/store_failed')?.label).toBe('on_error');
  });
});
