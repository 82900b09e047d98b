/**
 * The subgraph around an entity, hop by hop, under a node cap. Each hop asks
 * for the frontier's neighbours through claims that pass the filters,
 * strongest ties (most claims) first; when the cap cuts, what was left out is
 * summarized per relationship type (claims, nodes, and for money the summed
 * amounts per currency) instead of being dropped silently. A supernode costs
 * one aggregation over its claims, never a full expansion.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError } from '../api/errors.ts';
import type { Deps } from '../api/route.ts';
import type { LeftOut, Neighborhood, NeighborhoodOptions } from '../api/schemas.ts';
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

/** Nodes with the given ids and the claims among them passing the filters. */
export async function subgraph(deps: Deps, ids: string[], f: ClaimFilters) {
  const [rec] = await read(deps, cypher('api/subgraph'), { ids, ...f });
  return graphFrom((rec?.get('nodes') as Node[]) ?? [], (rec?.get('rels') as Relationship[]) ?? []);
}

export async function neighborhood(deps: Deps, id: string, opts: NeighborhoodOptions): Promise<z.output<typeof Neighborhood>> {
  if (!(await entitiesExist(deps, [id])).has(id)) throw apiError('NOT_FOUND', `no entity with id "${id}"`);
  const f = claimFilters(opts);
  const kinds = opts.kinds?.length ? opts.kinds : null;
  const included = new Set<string>([id]);
  let frontier = [id];
  const leftOut = new Map<string, z.output<typeof LeftOut> & { nodeSet: Set<string> }>();
  let truncated = false;

  for (let hop = 1; hop <= opts.depth && frontier.length > 0; hop++) {
    const room = opts.limit - included.size;
    const [rec] = await read(deps, cypher('api/neighborhood-hop'), { frontier, seen: [...included], kinds, ...f });
    const ids = ((rec?.get('ids') as string[]) ?? []).map(String);
    const kept = ids.slice(0, Math.max(0, room));
    kept.forEach((x) => included.add(x));
    if (ids.length > kept.length) {
      truncated = true;
      const recs = await read(deps, cypher('api/neighborhood-left-out'), { frontier, included: [...included], kinds, ...f });
      for (const r of recs) {
        const type = String(r.get('type'));
        const entry = leftOut.get(type) ?? { type, claims: 0, nodes: 0, amounts: [], nodeSet: new Set<string>() };
        entry.claims += Number(toPlain(r.get('claims')));
        (r.get('nodes') as string[]).forEach((n) => entry.nodeSet.add(String(n)));
        const currency = r.get('currency') as string | null;
        const total = Number(toPlain(r.get('total')) ?? 0);
        if (currency && total > 0) {
          const a = entry.amounts.find((x) => x.currency === currency);
          if (a) a.total += total;
          else entry.amounts.push({ currency, total });
        }
        leftOut.set(type, entry);
      }
    }
    frontier = kept;
  }
  const graph = await subgraph(deps, [...included], f);
  return {
    center: id,
    nodes: graph.nodes,
    edges: graph.edges,
    truncated,
    leftOut: [...leftOut.values()]
      .map(({ nodeSet, ...e }) => ({ ...e, nodes: nodeSet.size }))
      .sort((a, b) => b.claims - a.claims),
  };
}
