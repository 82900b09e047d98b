/** Pure predicates of the filters. */
import type { GraphEdge } from '../api/types.ts';
import { claimYears } from '../graph/dates.ts';
import type { Filters } from './types.ts';

export function dateActive(f: Filters): boolean {
  return f.yearFrom !== null || f.yearTo !== null;
}

export function claimPassesDate(c: GraphEdge, f: Filters): boolean {
  if (!dateActive(f)) return true;
  const y = claimYears(c);
  if (!y) return f.keepUndated;
  return (f.yearFrom === null || y.to >= f.yearFrom) && (f.yearTo === null || y.from <= f.yearTo);
}

/** The datasets an entity or claim came from (the importer records them on each). */
export function datasetsOf(properties: Record<string, unknown> | undefined): string[] {
  const ds = properties?.datasets;
  return Array.isArray(ds) ? ds.map(String) : [];
}

/** Hidden by the dataset filter: every dataset it came from is hidden. */
export function datasetHidden(properties: Record<string, unknown> | undefined, f: Filters): boolean {
  if (f.hiddenDatasets.length === 0) return false;
  const ds = datasetsOf(properties);
  return ds.length > 0 && ds.every((d) => f.hiddenDatasets.includes(d));
}

export function claimPasses(c: GraphEdge, f: Filters): boolean {
  return !f.hiddenTypes.includes(c.type) && !f.hiddenStatuses.includes(c.status ?? '') && claimPassesDate(c, f) && !datasetHidden(c.properties, f);
}

/** Statuses weaker than `min` in the given strongest-first order (what "at least `min`" hides). */
export function weakerThan(min: string, order: readonly string[]): string[] {
  const i = order.indexOf(min);
  return i < 0 ? [] : order.slice(i + 1);
}

/** True when any filter hides something beyond the defaults. */
export function filtersActive(f: Filters): boolean {
  return f.hiddenTypes.length > 0 || f.hiddenStatuses.length > 0 || f.hiddenDatasets.length > 0 || dateActive(f) || f.hiddenKinds.some((k) => k !== 'source');
}

export function toggle(list: readonly string[], item: string, hide: boolean): string[] {
  const has = list.includes(item);
  if (hide && !has) return [...list, item];
  if (!hide && has) return list.filter((x) => x !== item);
  return [...list];
}
