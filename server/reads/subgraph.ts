/**
 * The nodes with given ids and the claims among them, for neighbourhoods
 * and exports: claim filters, the uncapped subgraph, and the capped one
 * (`edgeLimit`): one claim per connected pair and type first (the
 * strongest), strongest pairs first, then the strongest other claims,
 * chosen in Neo4j; the claims left out are counted per type.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import type { EdgesLeftOut } from '../kernel/contract.ts';
import type { Deps } from '../kernel/deps.ts';
import { dateBounds } from '../model/dates.ts';
import { cypher } from '../neo4j/cypher.ts';
import { read } from '../neo4j/read.ts';
import { graphFrom, toPlain, type GraphData } from '../neo4j/values.ts';

export interface ClaimFilters {
  types: string[] | null;
  statuses: string[] | null;
  from: string | null;
  to: string | null;
}

export function claimFilters(opts: { types?: string[] | undefined; status?: string[] | undefined; from?: string | undefined; to?: string | undefined }): ClaimFilters {
  return {
    types: opts.types?.length ? opts.types : null,
    statuses: opts.status?.length ? opts.status : null,
    from: opts.from ? dateBounds(opts.from).min : null,
    to: opts.to ? dateBounds(opts.to).max : null,
  };
}

/** Which of `ids` name an entity. */
export async function entitiesExist(deps: Deps, ids: string[]): Promise<Set<string>> {
  const recs = await read(deps, cypher('reads/exists'), { ids });
  return new Set(recs.filter((r) => r.get('found') === true).map((r) => String(r.get('id'))));
}

/** Nodes with the given ids and every claim among them passing the filters (no edge cap: exports). */
export async function subgraph(deps: Deps, ids: string[], f: ClaimFilters): Promise<GraphData> {
  const [rec] = await read(deps, cypher('reads/subgraph'), { ids, ...f });
  return graphFrom((rec?.get('nodes') as Node[]) ?? [], (rec?.get('rels') as Relationship[]) ?? []);
}

/** A subgraph with what its edge cap left out, and per type the claims among its nodes counted once per expanded end. */
export interface CappedSubgraph extends GraphData {
  edgesLeftOut: z.output<typeof EdgesLeftOut>[];
  inner: Map<string, number> | undefined;
}

/**
 * Per type, the claims among the shown nodes counted once per end in
 * `expanded` (a claim of an entity with itself once).
 */
export function innerFromEdges(edges: { type: string; source: string; target: string }[], expanded: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of edges) {
    const ends = e.source === e.target ? (expanded.has(e.source) ? 1 : 0) : (expanded.has(e.source) ? 1 : 0) + (expanded.has(e.target) ? 1 : 0);
    if (ends > 0) out.set(e.type, (out.get(e.type) ?? 0) + ends);
  }
  return out;
}

/** Claims of each type that the cap left out: the totals less those kept. */
function leftOutByType(totals: { type: string; claims: unknown }[], rels: Relationship[]): z.output<typeof EdgesLeftOut>[] {
  const kept = new Map<string, number>();
  for (const r of rels) kept.set(r.type, (kept.get(r.type) ?? 0) + 1);
  return totals
    .map((t) => ({ type: String(t.type), claims: Number(toPlain(t.claims)) - (kept.get(String(t.type)) ?? 0) }))
    .filter((t) => t.claims > 0)
    .sort((a, b) => b.claims - a.claims || a.type.localeCompare(b.type));
}

/**
 * Nodes with the given ids and at most `edgeLimit` of the claims among them
 * (see the module comment for which), with the claims left out per type.
 * One statement when every claim fits (the usual case), two or three when the
 * cap cuts. With `expanded`, also `inner`: per type, the claims among the
 * nodes counted once per end in `expanded` (for the left-out summary).
 */
export async function cappedSubgraph(deps: Deps, ids: string[], f: ClaimFilters, edgeLimit: number, expanded?: Set<string>): Promise<CappedSubgraph> {
  const [probe] = await read(deps, cypher('reads/subgraph-probe'), { ids, ...f, probe: edgeLimit + 1 });
  const nodes = (probe?.get('nodes') as Node[]) ?? [];
  const all = (probe?.get('rels') as Relationship[]) ?? [];
  if (all.length <= edgeLimit) {
    const graph = graphFrom(nodes, all);
    return { ...graph, edgesLeftOut: [], inner: expanded ? innerFromEdges(graph.edges, expanded) : undefined };
  }
  const everyNode = expanded !== undefined && expanded.size === ids.length && ids.every((x) => expanded.has(x));
  const [rank] = await read(deps, cypher('reads/subgraph-rank'), { ids, ...f, edgeLimit, expanded: expanded && !everyNode ? [...expanded] : null });
  const totals = (rank?.get('totals') as { type: string; claims: unknown; inner: unknown }[]) ?? [];
  let rels: Relationship[];
  if (rank?.get('complete') === true) {
    rels = (rank.get('rels') as Relationship[]) ?? [];
  } else {
    const bests = ((rank?.get('bests') as string[]) ?? []).map(String);
    const [fetched] = await read(deps, cypher('reads/subgraph-fetch'), { ids, ...f, bests, room: Math.max(0, edgeLimit - bests.length) });
    rels = (fetched?.get('rels') as Relationship[]) ?? [];
  }
  rels = rels.slice(0, edgeLimit);
  const inner = expanded ? new Map(totals.map((t) => [String(t.type), Number(toPlain(t.inner))])) : undefined;
  return { ...graphFrom(nodes, rels), edgesLeftOut: leftOutByType(totals, rels), inner };
}
