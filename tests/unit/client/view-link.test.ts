/**
 * The exact view in a link's fragment (client/src/url/view-link.ts): the
 * entities added to and removed from the opening view, the claims beyond
 * it, expansions and places survive the trip; places within a small
 * tolerance; anything cut or edited is refused rather than misread.
 */
import { describe, expect, it } from 'vitest';
import { decodeViewLink, encodeViewLink, idsHash, type LinkView } from '../../../client/src/url/view-link.ts';
import { random } from './fixtures.ts';

function view(n: number, seed = 1): LinkView {
  const rnd = random(seed);
  const nodes = Array.from({ length: n }, (_, i) => `entity-${String(i).padStart(4, '0')}-${Math.floor(rnd() * 1e6)}`);
  const positions = new Map(nodes.map((id) => [id, { x: (rnd() - 0.5) * 4000, y: (rnd() - 0.5) * 2500 }] as const));
  const laidOut = new Set(nodes.filter((_, i) => i % 7 !== 3));
  return {
    nodes,
    added: nodes.slice(0, 5),
    removed: ['gone-1', 'gone-2'],
    claims: nodes.slice(0, 5).map((id, i) => ({ id: `c-${id}-claim-${i}`, source: id })),
    expanded: [nodes[2]!, nodes[9]!],
    positions,
    laidOut,
  };
}

describe('the view in a link', () => {
  it('round-trips entities, claims, expansions, places (within 1/32767 of the box) and which were laid out', () => {
    const v = view(160);
    const d = decodeViewLink(encodeViewLink(v))!;
    const ids = [...v.nodes].sort();
    expect(d.count).toBe(160);
    expect(d.sum).toBe(idsHash(ids));
    expect(d.added).toEqual([...v.added].sort());
    expect(d.removed).toEqual(['gone-1', 'gone-2']);
    expect(d.claims.flatMap((g) => g.ids.map((id) => ({ id, source: ids[g.subject] })))).toEqual(expect.arrayContaining(v.claims));
    expect(d.expanded.map((i) => ids[i])).toEqual(v.expanded);
    ids.forEach((id, i) => {
      const want = v.positions.get(id)!;
      expect(d.laidOut[i]).toBe(v.laidOut.has(id));
      expect(Math.abs(d.places[i]!.x - want.x)).toBeLessThan(4000 / 32767 + 0.002);
      expect(Math.abs(d.places[i]!.y - want.y)).toBeLessThan(2500 / 32767 + 0.002);
    });
  });

  it('is short: the MEK opening view (157 entities) fits a 2 kB link', () => {
    const v = view(157, 7);
    v.added = [];
    v.removed = [];
    v.claims = [];
    v.expanded = [];
    expect(encodeViewLink(v).length).toBeLessThan(1200);
  });

  it('refuses a fragment cut short, edited or of another version', () => {
    const s = encodeViewLink(view(40));
    expect(decodeViewLink(s.slice(0, -3))).toBeNull();
    expect(decodeViewLink(`x${s}`)).toBeNull();
    expect(decodeViewLink('nothing')).toBeNull();
    expect(decodeViewLink('')).toBeNull();
  });
});
