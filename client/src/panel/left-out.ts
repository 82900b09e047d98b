/**
 * What an expansion left out, counted against the canvas: the server says
 * per relationship type how many claims of the expanded entity lead to
 * entities outside its answer (the node cap's leftovers); those already on
 * the canvas (drawn by the opening view, another expansion, a search...)
 * are not "not shown". So each expansion's answer is kept as a record, and
 * what is still not shown is computed from it and the canvas whenever it is
 * shown: the panel's box updates as claims come in, and goes when nothing
 * is left out.
 *
 * A "Show" of one type answers for that type only: per type, the latest
 * record that covers it counts. Pure (no DOM): unit-tested in Node.
 */
import type { LeftOut, Neighborhood, NeighborhoodParams } from '../api/types.ts';
import type { GraphStore } from '../graph/index.ts';

/** One expansion's answer about what it left out (kept in the state, per expanded entity). */
export interface LeftOutRecord {
  /** The relationship types the answer covers (null: every type). */
  types: string[] | null;
  /** What the node cap left out, per type, as the server counted it. */
  rows: LeftOut[];
  /** The entities of the answer: the claims counted in `rows` lead to others. */
  answer: string[];
  /** The expansion's filters (null: none): only canvas claims they let through are taken off. */
  statuses: string[] | null;
  kinds: string[] | null;
}

/** The record of an expansion's answer. */
export function leftOutRecord(res: Pick<Neighborhood, 'leftOut' | 'nodes'>, params: Pick<NeighborhoodParams, 'types' | 'status' | 'kinds'>): LeftOutRecord {
  return {
    types: params.types?.length ? [...params.types] : null,
    rows: res.leftOut.map((r) => ({ ...r, amounts: r.amounts.map((a) => ({ ...a })) })),
    answer: res.nodes.map((n) => n.id),
    statuses: params.status?.length ? [...params.status] : null,
    kinds: params.kinds?.length ? [...params.kinds] : null,
  };
}

/** Adds a record; older records it answers for entirely (every type they cover) are dropped. */
export function addRecord(records: readonly LeftOutRecord[] | undefined, rec: LeftOutRecord): LeftOutRecord[] {
  const covered = (r: LeftOutRecord) => rec.types === null || (r.types !== null && r.types.every((t) => rec.types!.includes(t)));
  return [...(records ?? []).filter((r) => !covered(r)), rec];
}

/** The latest record that covers a type. */
function recordFor(records: readonly LeftOutRecord[], type: string): LeftOutRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.types === null || r.types.includes(type)) return r;
  }
  return undefined;
}

interface OnCanvas {
  claims: number;
  nodes: Set<string>;
  amounts: Map<string, number>;
}

/** Claims of a type at the entity on the canvas that lead outside the record's answer (under its filters). */
function onCanvas(store: GraphStore, center: string, type: string, rec: LeftOutRecord): OnCanvas {
  const out: OnCanvas = { claims: 0, nodes: new Set(), amounts: new Map() };
  const g = store.graph;
  if (!g.hasNode(center)) return out;
  const answer = new Set(rec.answer);
  g.forEachEdge(center, (_key, attrs, s, t) => {
    if (attrs.type !== type) return;
    const other = s === center ? t : s;
    if (answer.has(other)) return;
    if (rec.kinds && !rec.kinds.includes(g.getNodeAttribute(other, 'kind'))) return;
    for (const id of attrs.claims) {
      const c = store.claims.get(id);
      if (!c || (rec.statuses && !rec.statuses.includes(c.status ?? ''))) continue;
      out.claims++;
      out.nodes.add(other);
      const amount = c.properties.amount;
      const currency = c.properties.currency;
      if (typeof amount === 'number' && typeof currency === 'string') out.amounts.set(currency, (out.amounts.get(currency) ?? 0) + amount);
    }
  });
  return out;
}

/** What is still not on the canvas of what the expansions of `center` left out, per type, most claims first. */
export function remainingLeftOut(store: GraphStore, center: string, records: readonly LeftOutRecord[] | undefined): LeftOut[] {
  if (!records?.length) return [];
  const types = new Set(records.flatMap((r) => r.rows.map((row) => row.type)));
  const rows: LeftOut[] = [];
  for (const type of types) {
    const rec = recordFor(records, type);
    const row = rec?.rows.find((r) => r.type === type);
    if (!rec || !row) continue;
    const there = onCanvas(store, center, type, rec);
    const claims = row.claims - there.claims;
    if (claims <= 0) continue;
    rows.push({
      type,
      claims,
      nodes: Math.max(0, row.nodes - there.nodes.size),
      amounts: row.amounts.map((a) => ({ currency: a.currency, total: Math.max(0, a.total - (there.amounts.get(a.currency) ?? 0)) })).filter((a) => a.total > 0),
      exact: row.exact,
    });
  }
  return rows.sort((a, b) => b.claims - a.claims || a.type.localeCompare(b.type));
}

/** Whether two lists of rows say the same (the panel redraws only when they differ). */
export function sameRows(a: readonly LeftOut[] | null, b: readonly LeftOut[] | null): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
