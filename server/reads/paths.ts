/**
 * All shortest paths between two entities, through the claims the canvas
 * shows (statuses, types, datasets, years, kinds of the steps), optionally
 * only through strong claims, of chosen types, in one direction. With the
 * claims' sources, so that each step can be audited. When no path is found,
 * the search is run again with each limit relaxed alone, to say which one
 * stopped it (strength, the canvas filters, types, direction, hops).
 */
import type { Path, Node } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import { PATHS_MAX_HOPS, type PATH_LIMITS, type PathBlocked, type PathsOptions, type PathsResult } from '../kernel/contract.ts';
import { statusesAtLeast } from '../model/statuses.ts';
import { cypher } from '../neo4j/cypher.ts';
import { graphFrom, nodeKey } from '../neo4j/values.ts';
import { entitiesExist } from './subgraph.ts';
import { sourceRef } from './entity.ts';
import { read } from '../neo4j/read.ts';

/** At most this many shortest paths in an answer. */
export const PATHS_LIMIT = 100;

type Direction = PathsOptions['direction'];
type Limit = (typeof PATH_LIMITS)[number];

/** What one path search lets through (null: anything). */
export interface PathConstraints {
  statuses: string[] | null;
  types: string[] | null;
  kinds: string[] | null;
  hiddenDatasets: string[] | null;
  yearFrom: number | null;
  yearTo: number | null;
  undated: boolean;
  direction: Direction;
  maxHops: number;
  throughSources: boolean;
}

/** The constraints of a request: the minimum strength and the canvas's statuses both apply. */
export function constraintsOf(q: PathsOptions & { throughSources?: boolean }): PathConstraints {
  const atLeast = q.status ? (statusesAtLeast(q.status) as string[]) : null;
  const shown: string[] | null = q.statuses ?? null;
  const statuses = atLeast && shown ? atLeast.filter((s) => shown.includes(s)) : (atLeast ?? shown);
  return {
    statuses,
    types: q.types ?? null,
    kinds: q.kinds ?? null,
    hiddenDatasets: q.hiddenDatasets?.length ? q.hiddenDatasets : null,
    yearFrom: q.yearFrom ?? null,
    yearTo: q.yearTo ?? null,
    undated: q.undated,
    direction: q.direction,
    maxHops: q.maxHops,
    throughSources: q.throughSources ?? false,
  };
}

/** The statement for a direction and a hop bound (both validated: the hop bound is a whole number from 1 to 10). */
export function pathsStatement(direction: Direction, maxHops: number): string {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > PATHS_MAX_HOPS) throw new Error(`maxHops out of range: ${maxHops}`);
  const pattern = { any: `(a)-[*..${maxHops}]-(b)`, out: `(a)-[*..${maxHops}]->(b)`, in: `(a)<-[*..${maxHops}]-(b)` }[direction];
  return cypher('reads/paths').replace('(a)-[*..__HOPS__]-(b)', pattern);
}

async function findPaths(deps: Deps, from: string, to: string, c: PathConstraints, limit: number): Promise<Path[]> {
  const { direction, maxHops, ...params } = c;
  const recs = await read(deps, pathsStatement(direction, maxHops), { ...params, from, to, limit });
  return recs.map((r) => r.get('p') as Path);
}

/**
 * The limits a request sets, each with the constraints relaxed of it alone
 * (the others kept); the last entry relaxes them all.
 */
export function relaxations(q: PathsOptions, c: PathConstraints): { limit: Limit | 'all'; constraints: PathConstraints }[] {
  const filtered = (q.statuses?.length ?? 0) > 0 || c.kinds !== null || c.hiddenDatasets !== null || c.yearFrom !== null || c.yearTo !== null;
  const open = { kinds: null, hiddenDatasets: null, yearFrom: null, yearTo: null, undated: true };
  const out: { limit: Limit | 'all'; constraints: PathConstraints }[] = [];
  if (q.status) out.push({ limit: 'strength', constraints: { ...c, statuses: q.statuses ?? null } });
  if (filtered) out.push({ limit: 'filters', constraints: { ...c, ...open, statuses: q.status ? (statusesAtLeast(q.status) as string[]) : null } });
  if (c.types) out.push({ limit: 'types', constraints: { ...c, types: null } });
  if (c.direction !== 'any') out.push({ limit: 'direction', constraints: { ...c, direction: 'any' } });
  if (c.maxHops < PATHS_MAX_HOPS) out.push({ limit: 'hops', constraints: { ...c, maxHops: PATHS_MAX_HOPS } });
  out.push({ limit: 'all', constraints: { ...c, ...open, statuses: null, types: null, direction: 'any', maxHops: PATHS_MAX_HOPS } });
  return out;
}

/** Which limits, relaxed alone, let a path through (one shortest path each is enough to say so). */
async function diagnose(deps: Deps, q: PathsOptions, c: PathConstraints): Promise<z.output<typeof PathBlocked>> {
  const blocked: z.output<typeof PathBlocked> = { by: [], relaxedHops: null };
  for (const r of relaxations(q, c)) {
    const [p] = await findPaths(deps, q.from, q.to, r.constraints, 1);
    if (!p) continue;
    if (r.limit === 'all') blocked.relaxedHops = p.length;
    else blocked.by.push({ limit: r.limit, hops: p.length });
  }
  return blocked;
}

async function sourcesOf(deps: Deps, paths: Path[]) {
  const ids = [...new Set(paths.flatMap((p) => p.segments.map((s) => s.relationship.properties.sourceId)).filter((id): id is string => typeof id === 'string'))];
  if (!ids.length) return [];
  const recs = await read(deps, cypher('reads/path-sources'), { ids });
  return recs.map((r) => sourceRef(r.get('s') as Node)!).sort((a, b) => a.id.localeCompare(b.id));
}

export async function shortestPaths(deps: Deps, q: PathsOptions & { throughSources?: boolean }): Promise<z.output<typeof PathsResult>> {
  const found = await entitiesExist(deps, [q.from, q.to]);
  for (const id of [q.from, q.to]) if (!found.has(id)) throw apiError('NOT_FOUND', `no entity with id "${id}"`);
  if (q.from === q.to) throw apiError('BAD_REQUEST', 'from and to are the same entity: pick two different ones');
  const c = constraintsOf(q);
  if (c.statuses?.length === 0) throw apiError('BAD_REQUEST', `statuses: no status is both in statuses and at least "${q.status}"; widen one of them`);
  const paths = await findPaths(deps, q.from, q.to, c, PATHS_LIMIT);
  const nodes = new Map(paths.flatMap((p) => [p.start, ...p.segments.map((s) => s.end)]).map((n) => [n.elementId, n]));
  const rels = new Map(paths.flatMap((p) => p.segments.map((s) => s.relationship)).map((r) => [r.elementId, r]));
  const graph = graphFrom(nodes.values(), rels.values());
  const relId = (id: unknown, elementId: string) => (typeof id === 'string' ? id : `element:${elementId}`);
  return {
    paths: paths.map((p) => ({
      nodes: [nodeKey(p.start), ...p.segments.map((s) => nodeKey(s.end))],
      edges: p.segments.map((s) => relId(s.relationship.properties.id, s.relationship.elementId)),
    })),
    ...graph,
    sources: await sourcesOf(deps, paths),
    blocked: paths.length ? null : await diagnose(deps, q, c),
  };
}
