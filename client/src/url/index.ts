/**
 * The view in the URL's query string, so a copied link reopens the same
 * picture: the focused entity, what was expanded, added, hidden, removed and
 * pinned, the filters, the console query, a path, the size metric and the
 * camera, and the size of the opening view (`limit`, `edgeLimit`, `layout=0`).
 * Defaults are left out to keep links short.
 *
 * @example
 *   history.replaceState(null, '', '?' + encodeUrlState(state));
 *   const state = decodeUrlState(location.search);
 */
import { DEFAULT_FILTERS } from '../filters/types.ts';
import { DEFAULT_MAX_HOPS, type PathQuery } from '../paths/types.ts';
import type { SizeMetric } from '../graph/types.ts';
import type { UrlState } from './types.ts';
import { list, num, short } from './params.ts';

export type { UrlState } from './types.ts';

const METRICS: SizeMetric[] = ['degree', 'pagerank', 'betweenness'];

export function emptyUrlState(): UrlState {
  return {
    focus: null,
    expanded: [],
    added: [],
    hidden: [],
    removed: [],
    pinned: [],
    filters: { ...DEFAULT_FILTERS },
    query: null,
    path: null,
    metric: 'degree',
    camera: null,
    limit: null,
    edgeLimit: null,
    autoLayout: true,
  };
}

export function encodeUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  const f = s.filters;
  if (s.focus) p.set('focus', s.focus);
  if (s.expanded.length) p.set('expand', s.expanded.join(','));
  if (s.added.length) p.set('add', s.added.join(','));
  if (s.hidden.length) p.set('hide', s.hidden.join(','));
  if (s.removed.length) p.set('remove', s.removed.join(','));
  if (s.pinned.length) p.set('pin', s.pinned.join(','));
  const kinds = [...f.hiddenKinds].sort().join(',');
  if (kinds !== [...DEFAULT_FILTERS.hiddenKinds].sort().join(',')) p.set('kinds', kinds || '-');
  if (f.hiddenTypes.length) p.set('types', f.hiddenTypes.join(','));
  if (f.hiddenStatuses.length) p.set('status', f.hiddenStatuses.join(','));
  if (f.hiddenDatasets.length) p.set('datasets', f.hiddenDatasets.join(','));
  if (f.yearFrom !== null) p.set('from', String(f.yearFrom));
  if (f.yearTo !== null) p.set('to', String(f.yearTo));
  if (!f.keepUndated) p.set('undated', '0');
  if (s.path) p.set('path', pathParam(s.path));
  if (s.metric !== 'degree') p.set('size', s.metric);
  if (s.query) p.set('q', s.query);
  if (s.camera) p.set('cam', [s.camera.x, s.camera.y, s.camera.ratio].map(short).join(','));
  if (s.limit !== null) p.set('limit', String(s.limit));
  if (s.edgeLimit !== null) p.set('edgeLimit', String(s.edgeLimit));
  if (!s.autoLayout) p.set('layout', '0');
  return p.toString();
}

export function decodeUrlState(search: string): UrlState {
  const p = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const s = emptyUrlState();
  s.focus = p.get('focus') || null;
  s.expanded = list(p.get('expand'));
  s.added = list(p.get('add'));
  s.hidden = list(p.get('hide'));
  s.removed = list(p.get('remove'));
  s.pinned = list(p.get('pin'));
  const kinds = p.get('kinds');
  if (kinds !== null) s.filters.hiddenKinds = kinds === '-' ? [] : list(kinds);
  s.filters.hiddenTypes = list(p.get('types'));
  s.filters.hiddenStatuses = list(p.get('status'));
  s.filters.hiddenDatasets = list(p.get('datasets'));
  s.filters.yearFrom = num(p.get('from'));
  s.filters.yearTo = num(p.get('to'));
  s.filters.keepUndated = p.get('undated') !== '0';
  s.path = readPath(p.get('path'));
  const metric = p.get('size') as SizeMetric | null;
  if (metric && METRICS.includes(metric)) s.metric = metric;
  s.query = p.get('q') || null;
  const cam = list(p.get('cam')).map(Number);
  if (cam.length === 3 && cam.every(Number.isFinite) && cam[2]! > 0) s.camera = { x: cam[0]!, y: cam[1]!, ratio: cam[2]! };
  s.limit = count(p.get('limit'), MAX_LIMIT);
  s.edgeLimit = count(p.get('edgeLimit'), MAX_EDGE_LIMIT);
  s.autoLayout = p.get('layout') !== '0';
  return s;
}

const DIRECTIONS = ['any', 'out', 'in'] as const;

/** A path search as `from,to,status,hops,direction,types,filters` (types joined by `+`, filters `0` when ignored); defaults are left off the end. */
function pathParam(q: PathQuery): string {
  const parts = [q.from, q.to, q.status ?? '', q.maxHops === DEFAULT_MAX_HOPS ? '' : String(q.maxHops), q.direction === 'any' ? '' : q.direction, (q.types ?? []).join('+'), q.canvasFilters ? '' : '0'];
  while (parts.length > 2 && parts.at(-1) === '') parts.pop();
  return parts.join(',');
}

/** Reads `path` (also the older `from,to,status`, without the empty items list() would drop). */
function readPath(v: string | null): PathQuery | null {
  const parts = (v ?? '').split(',').map((x) => x.trim());
  if (parts.length < 2 || !parts[0] || !parts[1]) return null;
  const hops = count(parts[3] ?? null, 10);
  const direction = DIRECTIONS.find((d) => d === parts[4]) ?? 'any';
  const types = (parts[5] ?? '').split('+').filter(Boolean);
  return { from: parts[0], to: parts[1], status: parts[2] || null, maxHops: hops ?? DEFAULT_MAX_HOPS, direction, types: types.length ? types : null, canvasFilters: parts[6] !== '0' };
}

/** The API's bounds of the opening view (GET /api/graph). */
export const MAX_LIMIT = 100_000;
export const MAX_EDGE_LIMIT = 500_000;

/** A whole number of at least 1, capped at `max`; null when absent or not a number. */
function count(v: string | null, max: number): number | null {
  const n = num(v);
  return n === null || n < 1 ? null : Math.min(max, Math.floor(n));
}
