/**
 * The `cypher` selection: the read-only query runs through streamSafeQuery
 * (row cap and timeout from the config); every node, relationship and path
 * anywhere in its rows is kept in memory (bounded by the row cap), with the
 * missing endpoints of relationships read afterwards.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { Selection } from '../../kernel/contract.ts';
import type { Deps } from '../../kernel/deps.ts';
import { collectGraph } from '../../neo4j/values.ts';
import { streamSafeQuery } from '../../reads/cypher/index.ts';
import { toExportEdge, toExportNode, type CitedClaim, type ExportEdge, type ExportNode, type Subgraph } from '../subgraph.ts';
import { chunks, CLAIM_BATCH, EDGE_PAGE, ID_BATCH, memo, NODE_PAGE, nodesById, read, sortedUnique } from './read.ts';

/** A selection held in memory (a Cypher query's results, bounded by the row cap). */
function memorySubgraph(deps: Deps, selection: Selection, slug: string, nodes: ExportNode[], edges: ExportEdge[], truncated: boolean): Subgraph {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const sourceIds = sortedUnique(edges.flatMap((e) => (e.sourceId === null ? [] : [e.sourceId])));
  const sourceNodes = memo(async () => {
    const found: ExportNode[] = [];
    const missing = sourceIds.filter((id) => !byId.has(id));
    for await (const batch of nodesById(deps, missing)) found.push(...batch);
    const all = new Map(found.map((n) => [n.id, n]));
    for (const id of sourceIds) {
      const n = byId.get(id);
      if (n) all.set(id, n);
    }
    return sourceIds.flatMap((id) => all.get(id) ?? []);
  });
  return {
    selection,
    slug,
    truncated,
    async *nodes(opts) {
      for (const batch of chunks(nodes, NODE_PAGE)) yield batch;
      if (opts?.withSources) {
        const extra = (await sourceNodes()).filter((n) => !byId.has(n.id));
        if (extra.length) yield extra;
      }
    },
    async *edges() {
      for (const batch of chunks(edges, EDGE_PAGE)) yield batch;
    },
    async *sources() {
      const s = await sourceNodes();
      if (s.length) yield s;
    },
    async *citedClaims(rank) {
      const unranked = rank.size;
      const name = (id: string) => byId.get(id)?.name ?? id;
      const claims: (CitedClaim & { rank: number })[] = edges.map((e) => ({
        id: e.id,
        type: e.type,
        status: e.status,
        quote: e.quote,
        sourceId: e.sourceId,
        source: e.source,
        target: e.target,
        sourceName: name(e.source),
        targetName: name(e.target),
        paraphrase: e.properties.paraphrase === true,
        anchor: typeof e.properties.anchor === 'string' ? e.properties.anchor : null,
        verification: typeof e.properties.verification === 'string' ? e.properties.verification : null,
        verificationScore: typeof e.properties.verificationScore === 'number' ? e.properties.verificationScore : null,
        rank: e.sourceId === null ? unranked : (rank.get(e.sourceId) ?? unranked),
      }));
      const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
      claims.sort(
        (a, b) =>
          a.rank - b.rank ||
          cmp(a.sourceId, b.sourceId) ||
          cmp(a.type, b.type) ||
          cmp(a.sourceName, b.sourceName) ||
          cmp(a.targetName, b.targetName) ||
          cmp(a.id, b.id),
      );
      for (const batch of chunks(claims, CLAIM_BATCH)) yield batch.map(({ rank: _rank, ...c }) => c);
    },
  };
}

export async function cypherSubgraph(deps: Deps, selection: Extract<Selection, { type: 'cypher' }>, slug: string): Promise<Subgraph> {
  const nodes = new Map<string, Node>();
  const rels = new Map<string, Relationship>();
  const summary = await streamSafeQuery(
    deps,
    selection.query,
    selection.params ?? {},
    { rowCap: deps.config.QUERY_ROW_CAP, timeoutMs: deps.config.QUERY_TIMEOUT_MS },
    (record) => {
      const g = collectGraph(Object.values(record.toObject()));
      for (const [k, n] of g.nodes) nodes.set(k, n);
      for (const [k, r] of g.rels) rels.set(k, r);
    },
  );
  const missing = new Set<string>();
  for (const r of rels.values()) {
    if (!nodes.has(r.startNodeElementId)) missing.add(r.startNodeElementId);
    if (!nodes.has(r.endNodeElementId)) missing.add(r.endNodeElementId);
  }
  for (const batch of chunks([...missing], ID_BATCH)) {
    for (const rec of await read(deps, 'nodes-by-element-id', { ids: batch })) {
      const n = rec.get('n') as Node;
      nodes.set(n.elementId, n);
    }
  }
  const keyOf = new Map<string, string>();
  const kindOf = new Map<string, string>();
  const exportNodes: ExportNode[] = [];
  const seen = new Set<string>();
  for (const n of nodes.values()) {
    const node = toExportNode(n);
    keyOf.set(n.elementId, node.id);
    kindOf.set(node.id, node.kind);
    if (seen.has(node.id)) continue; // two nodes with one id cannot be told apart in any format
    seen.add(node.id);
    exportNodes.push(node);
  }
  const exportEdges: ExportEdge[] = [];
  for (const r of rels.values()) {
    const source = keyOf.get(r.startNodeElementId);
    const target = keyOf.get(r.endNodeElementId);
    if (source === undefined || target === undefined) continue; // endpoint deleted meanwhile
    exportEdges.push(toExportEdge(r, source, target, kindOf.get(source), kindOf.get(target)));
  }
  const byKey = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  exportNodes.sort(byKey);
  exportEdges.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : byKey(a, b)));
  return memorySubgraph(deps, selection, slug, exportNodes, exportEdges, summary.truncated);
}
