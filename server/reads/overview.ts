/**
 * The opening view: the best-connected entities (up to a limit) and the
 * claims among them. Sources stay out unless asked for: they are the
 * evidence, shown in the side panel.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import type { Deps } from '../kernel/deps.ts';
import type { Overview, OverviewQuery } from '../kernel/contract.ts';
import { cypher } from '../neo4j/cypher.ts';
import { nodeToJson, relationshipToJson, toPlain } from '../neo4j/values.ts';
import { read } from '../neo4j/read.ts';

export async function overview(deps: Deps, q: z.output<typeof OverviewQuery>): Promise<z.output<typeof Overview>> {
  const filters = { includeSources: q.includeSources, kinds: q.kinds ?? null, dataset: q.dataset ?? null };
  const [nodeRecs, totalRecs] = await Promise.all([
    read(deps, cypher('reads/overview-nodes'), { ...filters, limit: q.limit }),
    read(deps, cypher('reads/overview-total'), filters),
  ]);
  const nodes = nodeRecs.map((r) => nodeToJson(r.get('n') as Node));
  const ids = nodes.map((n) => n.id);
  const edgeRecs = ids.length
    ? await read(deps, cypher('reads/overview-edges'), {
        ids,
        types: q.types ?? null,
        statuses: q.status ?? null,
        dataset: q.dataset ?? null,
        edgeLimit: q.edgeLimit + 1,
      })
    : [];
  const edges = edgeRecs.slice(0, q.edgeLimit).map((r) => {
    const source = String(r.get('source'));
    const target = String(r.get('target'));
    const rel = r.get('r') as Relationship;
    return relationshipToJson(rel, (e) => (e === rel.startNodeElementId ? source : target));
  });
  const totalNodes = Number(toPlain(totalRecs[0]?.get('count') ?? 0));
  return { nodes, edges, totalNodes, truncated: totalNodes > nodes.length || edgeRecs.length > q.edgeLimit };
}
