/** The view in the URL (client/src/url): round trips, defaults left out, malformed links read as defaults. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../../../client/src/filters/types.ts';
import type { SizeMetric } from '../../../client/src/graph/types.ts';
import { MAX_EDGE_LIMIT, MAX_LIMIT, decodeUrlState, emptyUrlState, encodeUrlState, type UrlState } from '../../../client/src/url/index.ts';
import { random } from './fixtures.ts';

function state(patch: Partial<UrlState> = {}, filters: Partial<UrlState['filters']> = {}): UrlState {
  const s = emptyUrlState();
  return { ...s, ...patch, filters: { ...s.filters, ...filters } };
}

describe('encodeUrlState / decodeUrlState', () => {
  it('the default view is an empty query string', () => {
    expect(encodeUrlState(emptyUrlState())).toBe('');
    expect(decodeUrlState('')).toEqual(emptyUrlState());
    expect(decodeUrlState('?')).toEqual(emptyUrlState());
  });

  const cases: [string, UrlState, string][] = [
    ['focus', state({ focus: 'org-hub' }), 'focus=org-hub'],
    ['expanded, in order', state({ expanded: ['b', 'a'] }), 'expand=b%2Ca'],
    ['added, hidden, removed, pinned', state({ added: ['x'], hidden: ['h1', 'h2'], removed: ['r'], pinned: ['p'] }), 'add=x&hide=h1%2Ch2&remove=r&pin=p'],
    ['no kind hidden (sources shown)', state({}, { hiddenKinds: [] }), 'kinds=-'],
    ['kinds hidden', state({}, { hiddenKinds: ['event', 'source'] }), 'kinds=event%2Csource'],
    ['types, statuses, datasets', state({}, { hiddenTypes: ['PAID'], hiddenStatuses: ['alleged', 'disputed'], hiddenDatasets: ['mini'] }), 'types=PAID&status=alleged%2Cdisputed&datasets=mini'],
    ['a year range without undated claims', state({}, { yearFrom: 1999, yearTo: 2004, keepUndated: false }), 'from=1999&to=2004&undated=0'],
    ['an open-ended year range', state({}, { yearTo: 1980 }), 'to=1980'],
    ['a path at any strength', state({ path: { from: 'a', to: 'b', status: null, maxHops: 6, direction: 'any' as const, types: null, canvasFilters: true } }), 'path=a%2Cb'],
    ['a path through strong claims', state({ path: { from: 'a', to: 'b', status: 'documented', maxHops: 6, direction: 'any' as const, types: null, canvasFilters: true } }), 'path=a%2Cb%2Cdocumented'],
    [
      'a path within 3 hops, one way, through two types, ignoring the filters',
      state({ path: { from: 'a', to: 'b', status: null, maxHops: 3, direction: 'out', types: ['PAID', 'FUNDED'], canvasFilters: false } }),
      'path=a%2Cb%2C%2C3%2Cout%2CPAID%2BFUNDED%2C0',
    ],
    ['the size metric', state({ metric: 'pagerank' }), 'size=pagerank'],
    ['a console query with punctuation', state({ query: "MATCH (n {name: 'A&B, C'}) RETURN n" }), 'q=MATCH+%28n+%7Bname%3A+%27A%26B%2C+C%27%7D%29+RETURN+n'],
    ['the camera', state({ camera: { x: 0.5, y: 0.25, ratio: 0.7 } }), 'cam=0.5%2C0.25%2C0.7'],
    ['the opening size', state({ limit: 50000, edgeLimit: 400000, autoLayout: false }), 'limit=50000&edgeLimit=400000&layout=0'],
  ];

  it.each(cases)('%s: encodes to the expected string and decodes back', (_name, s, qs) => {
    expect(encodeUrlState(s)).toBe(qs);
    expect(decodeUrlState(qs)).toEqual(s);
    expect(decodeUrlState(`?${qs}`)).toEqual(s);
  });

  it('writes hidden kinds sorted, so the same filters make the same link', () => {
    expect(encodeUrlState(state({}, { hiddenKinds: ['source', 'event'] }))).toBe('kinds=event%2Csource');
    expect(decodeUrlState('kinds=event%2Csource').filters.hiddenKinds).toEqual(['event', 'source']);
  });

  it('rounds the camera to four decimals', () => {
    const s = decodeUrlState(encodeUrlState(state({ camera: { x: 0.123456789, y: -2.000049, ratio: 1 / 3 } })));
    expect(s.camera).toEqual({ x: 0.1235, y: -2, ratio: 0.3333 });
  });

  it('round-trips generated views (property-style, fixed seeds)', () => {
    const ids = ['org-hub', 'person_1', 'e:42', 'Q123', 'ünï', 'a.b'];
    const kinds = ['event', 'organization', 'person', 'place', 'source'];
    const metrics: SizeMetric[] = ['degree', 'pagerank', 'betweenness'];
    for (let seed = 1; seed <= 300; seed++) {
      const r = random(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
      const some = <T>(xs: readonly T[]) => xs.filter(() => r() < 0.4);
      const maybe = <T>(v: () => T): T | null => (r() < 0.5 ? v() : null);
      const fixed = (lo: number, hi: number) => Math.round((lo + r() * (hi - lo)) * 10000) / 10000;
      const s: UrlState = {
        focus: maybe(() => pick(ids)),
        expanded: some(ids),
        added: some(ids),
        hidden: some(ids),
        removed: some(ids),
        pinned: some(ids),
        filters: {
          hiddenKinds: some(kinds), // sorted, as the encoder writes them
          hiddenTypes: some(['PAID', 'FUNDED', 'MEMBER_OF']),
          hiddenStatuses: some(['reported', 'alleged', 'disputed']),
          hiddenDatasets: some(['mini', 'mek-network']),
          yearFrom: maybe(() => 1900 + Math.floor(r() * 120)),
          yearTo: maybe(() => 1900 + Math.floor(r() * 120)),
          keepUndated: r() < 0.5,
        },
        query: maybe(() => `MATCH (n) WHERE n.name = '${pick(ids)}, & = ?' RETURN n LIMIT ${Math.floor(r() * 100)}`),
        path: maybe(() => ({
          from: pick(ids),
          to: pick(ids),
          status: maybe(() => pick(['documented', 'reported'])),
          maxHops: 1 + Math.floor(r() * 10),
          direction: pick(['any', 'out', 'in'] as const),
          types: ((t) => (t.length ? t : null))(some(['PAID', 'FUNDED', 'MEMBER_OF'])),
          canvasFilters: r() < 0.5,
        })),
        metric: pick(metrics),
        camera: maybe(() => ({ x: fixed(-2, 3), y: fixed(-2, 3), ratio: fixed(0.03, 4) || 1 })),
        limit: maybe(() => 1 + Math.floor(r() * MAX_LIMIT)),
        edgeLimit: maybe(() => 1 + Math.floor(r() * MAX_EDGE_LIMIT)),
        autoLayout: r() < 0.5,
      };
      const qs = encodeUrlState(s);
      expect(decodeUrlState(qs), `seed ${seed}: ${qs}`).toEqual(s);
      expect(encodeUrlState(decodeUrlState(qs))).toBe(qs);
    }
  });

  const malformed: [string, string, Partial<UrlState>][] = [
    ['a camera that is not numbers', '?cam=a,b,c', { camera: null }],
    ['a camera with two values', '?cam=0.5,0.5', { camera: null }],
    ['a camera with zero zoom', '?cam=0.5,0.5,0', { camera: null }],
    ['a camera with negative zoom', '?cam=0.5,0.5,-1', { camera: null }],
    ['a limit that is not a number', '?limit=lots', { limit: null }],
    ['a zero limit', '?limit=0', { limit: null }],
    ['a negative edge limit', '?edgeLimit=-5', { edgeLimit: null }],
    ['a limit over the maximum', '?limit=1e9&edgeLimit=99999999', { limit: MAX_LIMIT, edgeLimit: MAX_EDGE_LIMIT }],
    ['a fractional limit', '?limit=12.7', { limit: 12 }],
    ['an unknown size metric', '?size=eigenvector', { metric: 'degree' }],
    ['a path with one end', '?path=org-hub', { path: null }],
    ['a path with an empty end', '?path=,org-hub', { path: null }],
    ['years that are not numbers', '?from=then&to=', { filters: { ...DEFAULT_FILTERS } }],
    ['an empty focus and query', '?focus=&q=', { focus: null, query: null }],
    ['broken percent-encoding', '?focus=%E0%A4%A&hide=%%', { focus: '\uFFFD%A', hidden: ['%%'] }],
    ['empty list items', '?expand=,,a,,b,', { expanded: ['a', 'b'] }],
    ['unknown parameters and stray separators', '?&&foo=bar&=x&layout=yes', {}],
  ];

  it.each(malformed)('%s gives the defaults for it, without throwing: %s', (_name, qs, expected) => {
    expect(decodeUrlState(qs)).toEqual({ ...emptyUrlState(), ...expected });
  });

  it('never throws on arbitrary text', () => {
    const chars = '?&=,%-.0123456789abcdefxyz ÿ😀+#/;';
    for (let seed = 1; seed <= 500; seed++) {
      const r = random(seed);
      const text = Array.from({ length: Math.floor(r() * 60) }, () => chars[Math.floor(r() * chars.length)]).join('');
      const s = decodeUrlState(text);
      expect(Object.keys(s).sort()).toEqual(Object.keys(emptyUrlState()).sort());
      expect(s.camera === null || (Number.isFinite(s.camera.x) && s.camera.ratio > 0)).toBe(true);
      expect(s.limit === null || (Number.isInteger(s.limit) && s.limit >= 1 && s.limit <= MAX_LIMIT)).toBe(true);
    }
  });
});
