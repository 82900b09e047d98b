/**
 * The context menu's content, pure (no DOM, no sigma): for an entity, its
 * claims counted per relationship type and direction against the canvas
 * (what "Expand" by that type and direction would add); for a drawn edge,
 * the sources of its claims that can be opened. Unit-tested in Node.
 */
import type { EntityDetail } from '../api/types.ts';

export type Direction = 'out' | 'in';

/** One "expand by" row: claims of a type in a direction, and how many of them the canvas lacks. */
export interface RelationCount {
  type: string;
  direction: Direction;
  claims: number;
  /** Claims of the row not on the canvas. */
  missing: number;
  /** Entities at the other end (distinct). */
  others: number;
}

/**
 * The entity's claims per (type, direction), sources excluded (their claims
 * are the evidence, shown in the panel): most claims first, then by type.
 */
export function relationCounts(detail: Pick<EntityDetail, 'claims'>, onCanvas: (claimId: string) => boolean, isSource: (kind: string) => boolean = (k) => k === 'source'): RelationCount[] {
  const rows = new Map<string, RelationCount & { ends: Set<string> }>();
  for (const group of detail.claims) {
    for (const c of group.claims) {
      const other = c.direction === 'out' ? c.to : c.from;
      if (isSource(other.kind)) continue;
      const key = `${c.type}|${c.direction}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { type: c.type, direction: c.direction, claims: 0, missing: 0, others: 0, ends: new Set() }));
      row.claims++;
      if (!onCanvas(c.id)) row.missing++;
      row.ends.add(other.id);
    }
  }
  return [...rows.values()]
    .map(({ ends, ...r }) => ({ ...r, others: ends.size }))
    .sort((a, b) => b.claims - a.claims || (a.type < b.type ? -1 : a.type > b.type ? 1 : a.direction === 'out' ? -1 : 1));
}

/** A source a menu can open: its title and its http(s) address. */
export interface OpenableSource {
  id: string;
  title: string;
  url: string;
  /** Claims of the edge it supports. */
  claims: number;
}

/** The distinct sources, with an address, of some claims (in the order first cited). */
export function sourcesOf(detail: Pick<EntityDetail, 'claims'>, claimIds: ReadonlySet<string>): OpenableSource[] {
  const out = new Map<string, OpenableSource>();
  for (const group of detail.claims) {
    for (const c of group.claims) {
      if (!claimIds.has(c.id) || !c.source?.url) continue;
      const s = out.get(c.source.id);
      if (s) s.claims++;
      else out.set(c.source.id, { id: c.source.id, title: c.source.title, url: c.source.url, claims: 1 });
    }
  }
  return [...out.values()];
}

/** "3 claims · 2 not on the canvas" */
export function countNote(r: Pick<RelationCount, 'claims' | 'missing'>): string {
  const claims = `${r.claims} claim${r.claims === 1 ? '' : 's'}`;
  return r.missing === 0 ? `${claims} · all shown` : r.missing === r.claims ? claims : `${claims} · ${r.missing} not shown`;
}
