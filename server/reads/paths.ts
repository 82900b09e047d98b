/** All shortest paths between two entities, optionally through strong claims only. */
import type { Path } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { PathsQuery, PathsResult } from '../kernel/contract.ts';
import { statusesAtLeast } from '../model/statuses.ts';
import { cypher } from '../neo4j/cypher.ts';
import { graphFrom, nodeKey } from '../neo4j/values.ts';
import { entitiesExist } from './subgraph.ts';
import { read } from '../neo4j/read.ts';

export async function shortestPaths(deps: Deps, q: z.output<typeof PathsQuery> & { throughSources?: boolean }): Promise<z.output<typeof PathsResult>> {
  const found = await entitiesExist(deps, [q.from, q.to]);
  for (const id of [q.from, q.to]) if (!found.has(id)) throw apiError('NOT_FOUND', `no entity with id "${id}"`);
  if (q.from === q.to) throw apiError('BAD_REQUEST', 'from and to are the same entity: pick two different ones');
  const recs = await read(deps, cypher('reads/paths'), {
    from: q.from,
    to: q.to,
    maxHops: q.maxHops,
    statuses: q.status ? statusesAtLeast(q.status) : null,
    throughSources: q.throughSources ?? false,
  });
  const paths = recs.map((r) => r.get('p') as Path);
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
  };
}
