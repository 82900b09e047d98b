import { describe, expect, it } from 'vitest';
import { countNote, relationCounts, sourcesOf } from '../../../client/src/context-menu/index.ts';
import type { EntityDetail } from '../../../client/src/api/types.ts';

const e = (id: string, kind = 'person') => ({ id, name: id.toUpperCase(), kind });
const src = (id: string, url: string | null) => ({ id, title: `T ${id}`, authors: [], publisher: null, date: null, url, kind: null });
function claim(id: string, type: string, direction: 'out' | 'in', other: ReturnType<typeof e>, source: ReturnType<typeof src> | null = null) {
  const self = e('me');
  return { id, type, direction, from: direction === 'out' ? self : other, to: direction === 'out' ? other : self, status: 'reported', quote: '', source, properties: {} };
}

const detail: Pick<EntityDetail, 'claims'> = {
  claims: [
    { type: 'FUNDED', meaning: null, claims: [claim('c1', 'FUNDED', 'out', e('a')), claim('c2', 'FUNDED', 'out', e('a'), src('s1', 'https://x.test/1')), claim('c3', 'FUNDED', 'in', e('b'), src('s1', 'https://x.test/1'))] },
    { type: 'CRITICIZED', meaning: null, claims: [claim('c4', 'CRITICIZED', 'in', e('c')), claim('c5', 'CRITICIZED', 'in', e('d'), src('s2', null))] },
    { type: 'PUBLISHED', meaning: null, claims: [claim('c6', 'PUBLISHED', 'in', e('s1', 'source'))] },
  ],
};

describe('context menu counts', () => {
  it('counts claims per type and direction against the canvas, without sources, most first', () => {
    const rows = relationCounts(detail, (id) => id === 'c1' || id === 'c4');
    expect(rows).toEqual([
      { type: 'CRITICIZED', direction: 'in', claims: 2, missing: 1, others: 2 },
      { type: 'FUNDED', direction: 'out', claims: 2, missing: 1, others: 1 },
      { type: 'FUNDED', direction: 'in', claims: 1, missing: 1, others: 1 },
    ]);
  });

  it('lists the sources with an address of some claims, once each', () => {
    expect(sourcesOf(detail, new Set(['c2', 'c3', 'c5']))).toEqual([{ id: 's1', title: 'T s1', url: 'https://x.test/1', claims: 2 }]);
  });

  it('says how many are not shown', () => {
    expect(countNote({ claims: 3, missing: 0 })).toBe('3 claims · all shown');
    expect(countNote({ claims: 3, missing: 3 })).toBe('3 claims');
    expect(countNote({ claims: 1, missing: 1 })).toBe('1 claim');
    expect(countNote({ claims: 3, missing: 2 })).toBe('3 claims · 2 not shown');
  });
});
