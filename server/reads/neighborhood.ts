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
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { EdgesLeftOut, LeftOut, Neighborhood, NeighborhoodOptions } from '../kernel/contract.ts';
import { dateBounds } from '../model/dates.ts';
import { isFinancial, RELATION_TYPES } from '../model/vocabulary.ts';
import { cypher, withType } from '../neo4j/cypher.ts';
import { graphFrom, toPlain } from '../neo4j/values.ts';
import { read } from '../neo4j/read.ts';

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
  const recs = await read(deps, cypher('reads/exists'), { ids });
  return new Set(recs.filter((r) => r.get('found') === true).map((r) => String(r.get('id'))));
}

/** Nodes with the given ids and every claim among them passing the filters (no edge cap: exports). */
export async function subgraph(deps: Deps, ids: string[], f: ClaimFilters) {
  const [rec] = await read(deps, cypher('reads/subgraph'), { ids, ...f });
  return graphFrom((rec?.get('nodes') as Node[]) ?? [], (rec?.get('rels') as Relationship[]) ?? []);
}

const MONEY = RELATION_TYPES.filter(isFinancial);

type LeftOutRow = Omit<z.output<typeof LeftOut>, 'exact'>;

function leftOutRows(rows: { type: unknown; claims: unknown; nodes: unknown; amounts: unknown }[]): LeftOutRow[] {
  return rows
    .map((r) => ({
      type: String(r.type),
      claims: Number(toPlain(r.claims)),
      nodes: Number(toPlain(r.nodes)),
      amounts: ((r.amounts as { currency: string; total: unknown }[] | null) ?? [])
        .filter((a) => a && a.currency)
        .map((a) => ({ currency: String(a.currency), total: Number(toPlain(a.total)) }))
        .filter((a) => a.total > 0)
        .sort((a, b) => b.total - a.total || a.currency.localeCompare(b.currency)),
    }))
    .filter((r) => r.claims > 0)
    .sort((a, b) => b.claims - a.claims || a.type.localeCompare(b.type));
}

/** The degree-count statement for these types (one `per type` line each, literal types from the vocabulary). */
function degreesQuery(types: readonly string[]): string {
  const lines = cypher('reads/neighborhood-degrees').split('\n');
  const at = lines.findIndex((l) => l.includes('// per type'));
  const line = lines[at]!.replace(/\s*\/\/ per type$/, '');
  const per = types.map((t) => withType(line, t)).join(',\n');
  return [...lines.slice(0, at), per, ...lines.slice(at + 1)].join('\n');
}

/** Claims per type of the given entities (any direction, no filter), from the degree counts. */
async function degrees(deps: Deps, ids: string[], types: readonly string[]): Promise<Map<string, number>> {
  const [rec] = await read(deps, degreesQuery(types), { frontier: ids });
  const out = new Map<string, number>();
  for (const d of (rec?.get('degrees') as { type: string; claims: unknown }[]) ?? []) out.set(String(d.type), Number(toPlain(d.claims)));
  return out;
}

/**
 * Per type, the claims among the shown nodes counted once per end in
 * `expanded` (a claim of an entity with itself once).
 */
function innerFromEdges(edges: { type: string; source: string; target: string }[], expanded: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of edges) {
    const ends = e.source === e.target ? (expanded.has(e.source) ? 1 : 0) : (expanded.has(e.source) ? 1 : 0) + (expanded.has(e.target) ? 1 : 0);
    if (ends > 0) out.set(e.type, (out.get(e.type) ?? 0) + ends);
  }
  return out;
}

/**
 * Nodes with the given ids and at most `edgeLimit` of the claims among them
 * (see the module comment for which), with the claims left out per type.
 * One statement when every claim fits (the usual case), two or three when the
 * cap cuts. With `expanded`, also `inner`: per type, the claims among the
 * nodes counted once per end in `expanded` (for the left-out summary).
 */
export async function cappedSubgraph(deps: Deps, ids: string[], f: ClaimFilters, edgeLimit: number, expanded?: Set<string>) {
  const [probe] = await read(deps, cypher('reads/subgraph-probe'), { ids, ...f, probe: edgeLimit + 1 });
  const nodes = (probe?.get('nodes') as Node[]) ?? [];
  const all = (probe?.get('rels') as Relationship[]) ?? [];
  if (all.length <= edgeLimit) {
    const graph = graphFrom(nodes, all);
    return { ...graph, edgesLeftOut: [] as z.output<typeof EdgesLeftOut>[], inner: expanded ? innerFromEdges(graph.edges, expanded) : undefined };
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
  const kept = new Map<string, number>();
  for (const r of rels) kept.set(r.type, (kept.get(r.type) ?? 0) + 1);
  const edgesLeftOut = totals
    .map((t) => ({ type: String(t.type), claims: Number(toPlain(t.claims)) - (kept.get(String(t.type)) ?? 0) }))
    .filter((t) => t.claims > 0)
    .sort((a, b) => b.claims - a.claims || a.type.localeCompare(b.type));
  const inner = expanded ? new Map(totals.map((t) => [String(t.type), Number(toPlain(t.inner))])) : undefined;
  return { ...graphFrom(nodes, rels), edgesLeftOut, inner };
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
  /** Frontier left unexpanded because the answer was full. */
  let unexpanded: string[] = [];
  /** What the cutting hop left out (exact for the frontiers it expanded). */
  let cutRest: LeftOutRow[] = [];

  for (let hop = 1; hop <= opts.depth && frontier.length > 0; hop++) {
    const room = Math.max(0, opts.limit - included.size);
    if (room === 0) {
      // Full: nothing more can be kept, so no ranking; the left-out summary below says what is beyond.
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

  let leftOut: z.output<typeof LeftOut>[] = cutRest.map((r) => ({ ...r, exact: true }));
  /** Claims per type of the expanded nodes, when the summary is finished from the degree counts. */
  let fromDegrees: Map<string, number> | undefined;
  if (unexpanded.length > 0) {
    const types = f.types ?? RELATION_TYPES;
    const degree = await degrees(deps, expanded, types);
    const total = [...degree.values()].reduce((a, b) => a + b, 0);
    const unfiltered = f.statuses === null && f.from === null && f.to === null && kinds === null;
    const params = { frontier: expanded, included: [...included], kinds, ...f, money: MONEY };
    if (total <= deps.config.LEFT_OUT_EXACT_CLAIMS) {
      const recs = await read(deps, cypher('reads/neighborhood-left-out'), { ...params, distinct: true });
      leftOut = leftOutRows(recs.map((r) => r.toObject() as LeftOutRow)).map((r) => ({ ...r, exact: true }));
    } else if (unfiltered) {
      fromDegrees = degree;
    } else {
      const recs = await read(deps, cypher('reads/neighborhood-left-out'), { ...params, distinct: false });
      leftOut = lowerBounds(leftOutRows(recs.map((r) => r.toObject() as LeftOutRow)), cutRest, false);
    }
  }

  const ids = [...included];
  const inE = fromDegrees ? new Set(expanded) : undefined;
  const graph =
    opts.edgeLimit === undefined
      ? await (async () => {
          const g = await subgraph(deps, ids, f);
          return { ...g, edgesLeftOut: [], inner: inE ? innerFromEdges(g.edges, inE) : undefined };
        })()
      : await cappedSubgraph(deps, ids, f, opts.edgeLimit, inE);
  if (fromDegrees) {
    const inner = graph.inner ?? new Map<string, number>();
    const counted = [...fromDegrees].map(([type, claims]) => ({ type, claims: claims - (inner.get(type) ?? 0), nodes: 0, amounts: [] }));
    leftOut = lowerBounds(leftOutRows(counted), cutRest, true);
  }
  if (leftOut.length > 0) truncated = true;

  return {
    center: id,
    nodes: graph.nodes,
    edges: graph.edges,
    truncated: truncated || graph.edgesLeftOut.length > 0,
    leftOut,
    edgesLeftOut: graph.edgesLeftOut,
  };
}

/**
 * Exact claims per type (`counted`) with nodes and amounts as lower bounds:
 * the most of what was counted and what the cutting hop saw (a part of the
 * same claims), at least one node per type with claims. `amountsToo`: take
 * the amounts from the cutting hop (the count had none).
 */
function lowerBounds(counted: LeftOutRow[], cutRest: LeftOutRow[], amountsToo: boolean): z.output<typeof LeftOut>[] {
  const seen = new Map(cutRest.map((r) => [r.type, r]));
  return counted.map((r) => {
    const hop = seen.get(r.type);
    return {
      type: r.type,
      claims: r.claims,
      nodes: Math.max(1, r.nodes, hop?.nodes ?? 0),
      amounts: amountsToo ? (hop?.amounts ?? []) : r.amounts,
      exact: false,
    };
  });
}
