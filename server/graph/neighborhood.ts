/**
 * The subgraph around an entity, hop by hop, under a node cap and an edge
 * cap. Each hop asks for the frontier's neighbours through claims that pass
 * the filters, strongest ties (most claims) first, and keeps the top ones in
 * Neo4j; when the node cap cuts, what was left out is summarized per
 * relationship type (claims, distinct nodes, and for money the summed amounts
 * per currency) instead of being dropped silently. The claims among the kept
 * nodes are capped too (`edgeLimit`): one claim per connected pair and type
 * first (the strongest), strongest pairs first, then the strongest other
 * claims, chosen in Neo4j; the claims left out are counted per type
 * (`edgesLeftOut`). A supernode costs a few aggregations over its claims,
 * never a full expansion into the answer.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError } from '../api/errors.ts';
import type { Deps } from '../api/route.ts';
import type { EdgesLeftOut, LeftOut, Neighborhood, NeighborhoodOptions } from '../api/schemas.ts';
import { dateBounds } from '../model/dates.ts';
import { cypher } from '../neo4j/cypher.ts';
import { graphFrom, toPlain } from '../neo4j/values.ts';
import { read } from './read.ts';

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

export async function entitiesExist(deps: Deps, ids: string[]): Promise<Set<string>> {
  const recs = await read(deps, cypher('api/exists'), { ids });
  return new Set(recs.filter((r) => r.get('found') === true).map((r) => String(r.get('id'))));
}

/** Nodes with the given ids and every claim among them passing the filters (no edge cap: exports). */
export async function subgraph(deps: Deps, ids: string[], f: ClaimFilters) {
  const [rec] = await read(deps, cypher('api/subgraph'), { ids, ...f });
  return graphFrom((rec?.get('nodes') as Node[]) ?? [], (rec?.get('rels') as Relationship[]) ?? []);
}

/**
 * Nodes with the given ids and at most `edgeLimit` of the claims among them
 * (see the module comment for which), with the claims left out per type.
 * One statement when every claim fits (the usual case), three when the cap cuts.
 */
export async function cappedSubgraph(deps: Deps, ids: string[], f: ClaimFilters, edgeLimit: number) {
  const [probe] = await read(deps, cypher('api/subgraph-probe'), { ids, ...f, probe: edgeLimit + 1 });
  const nodes = (probe?.get('nodes') as Node[]) ?? [];
  const all = (probe?.get('rels') as Relationship[]) ?? [];
  if (all.length <= edgeLimit) return { ...graphFrom(nodes, all), edgesLeftOut: [] as z.output<typeof EdgesLeftOut>[] };
  const [rank] = await read(deps, cypher('api/subgraph-rank'), { ids, ...f, edgeLimit });
  const bests = ((rank?.get('bests') as string[]) ?? []).map(String);
  const totals = (rank?.get('totals') as { type: string; claims: unknown }[]) ?? [];
  const [fetched] = await read(deps, cypher('api/subgraph-fetch'), { ids, ...f, bests, room: Math.max(0, edgeLimit - bests.length) });
  const rels = ((fetched?.get('rels') as Relationship[]) ?? []).slice(0, edgeLimit);
  const kept = new Map<string, number>();
  for (const r of rels) kept.set(r.type, (kept.get(r.type) ?? 0) + 1);
  const edgesLeftOut = totals
    .map((t) => ({ type: String(t.type), claims: Number(toPlain(t.claims)) - (kept.get(String(t.type)) ?? 0) }))
    .filter((t) => t.claims > 0)
    .sort((a, b) => b.claims - a.claims || a.type.localeCompare(b.type));
  return { ...graphFrom((fetched?.get('nodes') as Node[]) ?? nodes, rels), edgesLeftOut };
}

/** Options of neighborhood(); without `edgeLimit` every claim among the kept nodes comes back (exports). */
export type NeighborhoodParams = Omit<NeighborhoodOptions, 'edgeLimit'> & { edgeLimit?: number | undefined };

export async function neighborhood(deps: Deps, id: string, opts: NeighborhoodParams): Promise<z.output<typeof Neighborhood>> {
  if (!(await entitiesExist(deps, [id])).has(id)) throw apiError('NOT_FOUND', `no entity with id "${id}"`);
  const f = claimFilters(opts);
  const kinds = opts.kinds?.length ? opts.kinds : null;
  const included = new Set<string>([id]);
  let frontier = [id];
  const expanded: string[] = [];
  let truncated = false;
  let cutMaybe = false;

  for (let hop = 1; hop <= opts.depth && frontier.length > 0; hop++) {
    const room = Math.max(0, opts.limit - included.size);
    if (room === 0) {
      // Full: nothing more can be kept, so no ranking; the left-out summary below says what is beyond.
      expanded.push(...frontier);
      cutMaybe = true;
      break;
    }
    const [rec] = await read(deps, cypher('api/neighborhood-hop'), { frontier, seen: [...included], kinds, ...f, keep: room + 1 });
    const ids = ((rec?.get('ids') as string[]) ?? []).map(String);
    const kept = ids.slice(0, room);
    kept.forEach((x) => included.add(x));
    expanded.push(...frontier);
    if (ids.length > kept.length) truncated = true;
    frontier = kept;
  }

  // What the node cap left out, once, against the final answer: claims from every expanded
  // frontier to neighbours not in it, with distinct nodes and amounts counted in Neo4j.
  let leftOut: z.output<typeof LeftOut>[] = [];
  if (truncated || cutMaybe) {
    const recs = await read(deps, cypher('api/neighborhood-left-out'), { frontier: expanded, included: [...included], kinds, ...f });
    leftOut = recs.map((r) => ({
      type: String(r.get('type')),
      claims: Number(toPlain(r.get('claims'))),
      nodes: Number(toPlain(r.get('nodes'))),
      amounts: ((r.get('amounts') as { currency: string; total: unknown }[]) ?? [])
        .filter((a) => a && a.currency)
        .map((a) => ({ currency: String(a.currency), total: Number(toPlain(a.total)) }))
        .filter((a) => a.total > 0),
    }));
    if (leftOut.length > 0) truncated = true;
  }

  const ids = [...included];
  const graph = opts.edgeLimit === undefined ? { ...(await subgraph(deps, ids, f)), edgesLeftOut: [] } : await cappedSubgraph(deps, ids, f, opts.edgeLimit);
  return {
    center: id,
    nodes: graph.nodes,
    edges: graph.edges,
    truncated: truncated || graph.edgesLeftOut.length > 0,
    leftOut,
    edgesLeftOut: graph.edgesLeftOut,
  };
}
