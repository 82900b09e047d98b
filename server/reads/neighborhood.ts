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
 *
 * The left-out summary:
 * - a hop that cuts summarizes, in the same pass, the neighbours it did not
 *   keep; the answer is then full, so when no frontier is left unexpanded
 *   that summary is the final, exact one (depth 1 of a hub: one pass);
 * - a frontier that the full answer leaves unexpanded (the hop after a cut)
 *   has its claims beyond the answer counted: in full when the expanded
 *   nodes have at most LEFT_OUT_EXACT_CLAIMS claims (config, 100,000);
 *   otherwise, without status, date or kind filters, claims per type come
 *   from Neo4j's degree counts minus the claims among the nodes shown
 *   (counted by the edge-cap pass anyway), and with such filters from one
 *   count over the claims without distinct nodes. Then `exact` is false:
 *   claims stay exact, nodes and amounts are lower bounds (what the cutting
 *   hop saw, at least one node per type with claims). The degree counts
 *   count every relationship of a vocabulary type: claims link entities only.
 */
import type { z } from 'zod';
import { apiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { Neighborhood, NeighborhoodOptions } from '../kernel/contract.ts';
import { cypher } from '../neo4j/cypher.ts';
import { read } from '../neo4j/read.ts';
import { countBeyond, exactly, leftOutFromDegrees, leftOutRows, MONEY, type HopState, type LeftOutRow, type LeftOutSummary } from './left-out.ts';
import { cappedSubgraph, claimFilters, entitiesExist, innerFromEdges, subgraph, type CappedSubgraph, type ClaimFilters } from './subgraph.ts';

/** Options of neighborhood(); without `edgeLimit` every claim among the kept nodes comes back (exports). */
export type NeighborhoodParams = Omit<NeighborhoodOptions, 'edgeLimit'> & { edgeLimit?: number | undefined };

interface Hops extends HopState {
  /** A hop's node cap cut. */
  truncated: boolean;
  /** Frontier left unexpanded because the answer was full. */
  unexpanded: string[];
}

/**
 * Step 1: hop by hop from `id`, the frontier's neighbours through claims
 * passing the filters, strongest ties first, kept up to the node cap (the
 * ranking done in Neo4j). A hop that cuts summarizes what it did not keep.
 */
async function expandHops(deps: Deps, id: string, opts: NeighborhoodParams, f: ClaimFilters, kinds: string[] | null): Promise<Hops> {
  const included = new Set<string>([id]);
  const expanded: string[] = [];
  let frontier = [id];
  let truncated = false;
  let unexpanded: string[] = [];
  let cutRest: LeftOutRow[] = [];
  for (let hop = 1; hop <= opts.depth && frontier.length > 0; hop++) {
    const room = Math.max(0, opts.limit - included.size);
    if (room === 0) {
      // Full: nothing more can be kept, so no ranking; the left-out summary says what is beyond.
      expanded.push(...frontier);
      unexpanded = frontier;
      break;
    }
    const [rec] = await read(deps, cypher('reads/neighborhood-hop'), { frontier, seen: [...included], kinds, ...f, keep: room + 1, room, money: MONEY });
    const ids = ((rec?.get('ids') as string[]) ?? []).map(String);
    const kept = ids.slice(0, room);
    kept.forEach((x) => included.add(x));
    expanded.push(...frontier);
    if (ids.length > kept.length) {
      truncated = true;
      cutRest = leftOutRows((rec?.get('rest') as LeftOutRow[]) ?? []);
    }
    frontier = kept;
  }
  return { included, expanded, truncated, unexpanded, cutRest };
}

/**
 * Step 3: the kept nodes and the claims among them, capped at `edgeLimit`
 * when given; with `expanded`, the claims among them per type (for a
 * left-out summary finished from the degree counts).
 */
async function readGraph(deps: Deps, ids: string[], f: ClaimFilters, edgeLimit: number | undefined, expanded: Set<string> | undefined): Promise<CappedSubgraph> {
  if (edgeLimit !== undefined) return cappedSubgraph(deps, ids, f, edgeLimit, expanded);
  const g = await subgraph(deps, ids, f);
  return { ...g, edgesLeftOut: [], inner: expanded ? innerFromEdges(g.edges, expanded) : undefined };
}

/**
 * The subgraph around `id` (see the module comment): expand the hops, count
 * what the node cap left out beyond them, read the kept nodes and their
 * claims under the edge cap, and finish the left-out summary.
 *
 * @example
 *   const n = await neighborhood(deps, 'org-hub', { depth: 2, limit: 150, edgeLimit: 2000 });
 */
export async function neighborhood(deps: Deps, id: string, opts: NeighborhoodParams): Promise<z.output<typeof Neighborhood>> {
  if (!(await entitiesExist(deps, [id])).has(id)) throw apiError('NOT_FOUND', `no entity with id "${id}"`);
  const f = claimFilters(opts);
  const kinds = opts.kinds?.length ? opts.kinds : null;
  const hops = await expandHops(deps, id, opts, f, kinds);
  // Step 2: a frontier the full answer left unexpanded has its claims beyond the answer counted.
  const beyond: { leftOut: LeftOutSummary; fromDegrees?: Map<string, number> } =
    hops.unexpanded.length > 0 ? await countBeyond(deps, hops, f, kinds) : { leftOut: exactly(hops.cutRest) };
  const graph = await readGraph(deps, [...hops.included], f, opts.edgeLimit, beyond.fromDegrees ? new Set(hops.expanded) : undefined);
  // Step 4: finished from the degree counts less the claims among the shown nodes.
  const leftOut = beyond.fromDegrees ? leftOutFromDegrees(beyond.fromDegrees, graph.inner ?? new Map(), hops.cutRest) : beyond.leftOut;
  return {
    center: id,
    nodes: graph.nodes,
    edges: graph.edges,
    truncated: hops.truncated || leftOut.length > 0 || graph.edgesLeftOut.length > 0,
    leftOut,
    edgesLeftOut: graph.edgesLeftOut,
  };
}
