/**
 * Neighbourhood reads from the dense index (written by
 * server/import/derived/dense.ts after every write of the graph): the first
 * hop of a dense entity and the edge cap's ranking over a set of nodes,
 * without expanding the dense entities' claims. Each gives the same answer as
 * the full computation (neighborhood-hop, subgraph-rank) or undefined when it
 * cannot (no fresh index, filters, a cap beyond what is indexed), and the
 * caller computes it in full.
 */
import type { Node, Relationship } from 'neo4j-driver';
import { RELATION_TYPES } from '../model/vocabulary.ts';
import type { Deps } from '../kernel/deps.ts';
import { cypher } from '../neo4j/cypher.ts';
import { read } from '../neo4j/read.ts';
import { toPlain } from '../neo4j/values.ts';
import type { LeftOutRow } from './left-out.ts';
import { leftOutRows } from './left-out.ts';
import type { ClaimFilters } from './subgraph.ts';

/** A first hop from the dense index: the first `room + 1` ranked ids, and what the cut left out. */
export interface DenseHop {
  ids: string[];
  rest: LeftOutRow[];
}

interface IndexRecord {
  neighbours: unknown;
  rankIds: string[];
  rankTypeCount: unknown[];
  rankTypes: string[];
  rankTypeClaims: unknown[];
  rankMoneyCount: unknown[];
  rankMoneyTypes: string[];
  rankMoneyCurrencies: string[];
  rankMoneyTotals: unknown[];
  totalTypes: string[];
  totalClaims: unknown[];
  totalNodes: unknown[];
  moneyTypes: string[];
  moneyCurrencies: string[];
  moneyTotals: unknown[];
}

const num = (v: unknown): number => Number(toPlain(v));
const unfiltered = (f: ClaimFilters, kinds: string[] | null) => f.types === null && f.statuses === null && f.from === null && f.to === null && kinds === null;

/**
 * The left-out summary of a first hop that keeps the first `room` ranked
 * neighbours: the totals over every neighbour less what the kept ones hold.
 */
export function restFromIndex(x: IndexRecord, room: number): LeftOutRow[] {
  const claims = new Map<string, number>();
  const nodes = new Map<string, number>();
  x.totalTypes.forEach((t, i) => {
    claims.set(t, num(x.totalClaims[i]));
    nodes.set(t, num(x.totalNodes[i]));
  });
  const money = new Map<string, Map<string, number>>();
  x.moneyTypes.forEach((t, i) => {
    const per = money.get(t) ?? new Map<string, number>();
    per.set(x.moneyCurrencies[i]!, num(x.moneyTotals[i]));
    money.set(t, per);
  });
  let at = 0;
  let mAt = 0;
  for (let k = 0; k < Math.min(room, x.rankTypeCount.length); k++) {
    for (let j = 0; j < num(x.rankTypeCount[k]); j++, at++) {
      const t = x.rankTypes[at]!;
      claims.set(t, (claims.get(t) ?? 0) - num(x.rankTypeClaims[at]));
      nodes.set(t, (nodes.get(t) ?? 0) - 1);
    }
    for (let j = 0; j < num(x.rankMoneyCount[k]); j++, mAt++) {
      const per = money.get(x.rankMoneyTypes[mAt]!);
      const c = x.rankMoneyCurrencies[mAt]!;
      if (per?.has(c)) per.set(c, per.get(c)! - num(x.rankMoneyTotals[mAt]));
    }
  }
  return leftOutRows(
    [...claims].map(([type, n]) => ({
      type,
      claims: n,
      nodes: nodes.get(type) ?? 0,
      amounts: [...(money.get(type) ?? new Map<string, number>())].map(([currency, total]) => ({ currency, total })),
    })),
  );
}

/**
 * The first hop of `id` from the index (keeping `room`, ranking `room + 1`),
 * when it can answer it: a fresh index of `id`, no filter, and the ranked
 * list long enough (or holding every neighbour); undefined otherwise.
 */
export async function denseHop(deps: Deps, id: string, room: number, f: ClaimFilters, kinds: string[] | null): Promise<DenseHop | undefined> {
  if (!unfiltered(f, kinds)) return undefined;
  const keep = room + 1;
  const [rec] = await read(deps, cypher('reads/dense-fresh'), { id, room, keep });
  const x = rec?.get('index') as IndexRecord | null | undefined;
  if (rec?.get('fresh') !== true || !x) return undefined;
  if (x.rankIds.length < Math.min(keep, num(x.neighbours))) return undefined;
  const ids = x.rankIds.map(String);
  return { ids, rest: ids.length > room ? restFromIndex(x, room) : [] };
}

/** The edge cap's answer from the index: the nodes, the claims kept, and per type the claims among the nodes. */
export interface DenseRank {
  nodes: Node[];
  rels: Relationship[];
  totals: { type: string; claims: number; inner: number }[];
}

/** Bytes per group in `outPacked` (server/import/derived/dense.ts): end, type, claims, rank. */
const PACKED_GROUP = 13;

interface Packed {
  id: string;
  idx: unknown;
  packed: Uint8Array | Int8Array | null;
}

/** Adds one group's claims to the totals per type (and, per end in `ends`, or every end without, to `inner`). */
function addGroup(totals: Map<string, { claims: number; inner: number }>, type: string, claims: number, a: string, b: string, ends: Set<string> | null): void {
  const t = totals.get(type) ?? { claims: 0, inner: 0 };
  const n = ends === null ? (a === b ? 1 : 2) : a === b ? (ends.has(a) ? 1 : 0) : (ends.has(a) ? 1 : 0) + (ends.has(b) ? 1 : 0);
  t.claims += claims;
  t.inner += claims * n;
  totals.set(type, t);
}

/**
 * The dense-to-dense groups among the members, from their packed lists: the
 * totals per type, their number, and the first `edgeLimit` by rank (per
 * member, the positions to read the key and claim of).
 */
function denseGroups(members: Packed[], edgeLimit: number, ends: Set<string> | null) {
  const byIdx = new Map(members.map((m) => [num(m.idx), m.id]));
  const totals = new Map<string, { claims: number; inner: number }>();
  const ranked: { rank: number; member: number; at: number }[] = [];
  let claims = 0;
  members.forEach((m, member) => {
    const bytes = m.packed ? new Uint8Array(m.packed.buffer, m.packed.byteOffset, m.packed.byteLength) : new Uint8Array(0);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at * PACKED_GROUP < bytes.length; at++) {
      const o = at * PACKED_GROUP;
      const b = byIdx.get(view.getUint32(o, true));
      if (b === undefined) continue;
      const n = view.getUint32(o + 5, true);
      addGroup(totals, RELATION_TYPES[view.getUint8(o + 4)] ?? '', n, m.id, b, ends);
      claims += n;
      ranked.push({ rank: view.getUint32(o + 9, true), member, at });
    }
  });
  ranked.sort((x, y) => x.rank - y.rank);
  const picks = new Map<string, number[]>();
  for (const r of ranked.slice(0, edgeLimit)) {
    const id = members[r.member]!.id;
    picks.set(id, [...(picks.get(id) ?? []), r.at]);
  }
  return { totals, claims, groups: ranked.length, picks: [...picks].map(([id, at]) => ({ id, at })) };
}

/**
 * The edge cap over `ids` from the dense index, when the claims among its
 * dense members alone exceed `edgeLimit` and there are at least `edgeLimit`
 * groups (one per start, end and type): the cap then keeps the strongest
 * claim of each of the first groups, as reads/subgraph-rank does; the claims
 * among dense members come from their packed lists, only the other members
 * (below the dense degree) are expanded. Undefined otherwise (the caller
 * computes it in full). `ends`: the members whose claims count in `inner`
 * (null: every end).
 */
export async function denseRank(deps: Deps, ids: string[], f: ClaimFilters, edgeLimit: number, ends: string[] | null): Promise<DenseRank | undefined> {
  if (!unfiltered(f, null)) return undefined;
  const [rec] = await read(deps, cypher('reads/dense-packed'), { ids });
  const members = (rec?.get('dense') as Packed[] | undefined) ?? [];
  if (rec?.get('fresh') !== true || members.length === 0) return undefined;
  const endSet = ends ? new Set(ends) : null;
  const dense = denseGroups(members, edgeLimit, endSet);
  if (dense.claims <= edgeLimit) return undefined;
  const denseIds = new Set(members.map((m) => m.id));
  const sparse = ids.filter((x) => !denseIds.has(x));
  const rows = await read(deps, cypher('reads/dense-picks'), { picks: dense.picks, sparse, ids, dense: [...denseIds] });
  const candidates: { key: string; best: string }[] = [];
  let groups = dense.groups;
  for (const r of rows) {
    candidates.push({ key: String(r.get('key')), best: String(r.get('best')) });
    if (r.get('a') === null) continue;
    groups++;
    addGroup(dense.totals, String(r.get('type')), num(r.get('claims')), String(r.get('a')), String(r.get('b')), endSet);
  }
  if (groups < edgeLimit) return undefined;
  candidates.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.best < y.best ? -1 : x.best > y.best ? 1 : 0));
  const [fetched] = await read(deps, cypher('reads/dense-fetch'), { ids, rels: candidates.slice(0, edgeLimit).map((c) => c.best) });
  return {
    nodes: (fetched?.get('nodes') as Node[]) ?? [],
    rels: (fetched?.get('rels') as Relationship[]) ?? [],
    totals: [...dense.totals].map(([type, t]) => ({ type, ...t })),
  };
}
