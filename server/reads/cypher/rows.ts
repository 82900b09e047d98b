/**
 * An ad-hoc query's rows as JSON and as a graph: every node and
 * relationship anywhere in the rows (alone, in paths, lists and maps), the
 * missing endpoints of relationships read afterwards, and relationships in
 * the rows naming their endpoints by the same node ids as the graph.
 */
import neo4j, { type Node, type Path, type Relationship } from 'neo4j-driver';
import type { Deps } from '../../kernel/deps.ts';
import { cypher } from '../../neo4j/cypher.ts';
import { read } from '../../neo4j/read.ts';
import { collectGraph, graphFrom, nodeKey, relationshipToJson, toPlain, type GraphData, type Json } from '../../neo4j/values.ts';

const ENDPOINT_BATCH = 1000;

/** The node id (graph key) of a node's element id. */
export type KeyOf = (elementId: string) => string | undefined;

/**
 * Every node and relationship found in `values`, with the endpoint nodes of
 * relationships read afterwards (through the read path, `timeoutMs` each
 * batch), and the map from element ids to node ids.
 */
export async function graphOfRows(deps: Deps, values: unknown[][], timeoutMs: number): Promise<{ graph: GraphData; keyOf: KeyOf }> {
  const { nodes, rels, missingEndpoints } = collectGraph(values);
  const all = new Map<string, Node>(nodes);
  const ids = [...missingEndpoints];
  for (let k = 0; k < ids.length; k += ENDPOINT_BATCH) {
    for (const r of await read(deps, cypher('reads/nodes-by-element-id'), { ids: ids.slice(k, k + ENDPOINT_BATCH) }, { timeoutMs })) {
      const n = r.get('n') as Node;
      all.set(n.elementId, n);
    }
  }
  const keys = new Map<string, string>();
  for (const n of all.values()) keys.set(n.elementId, nodeKey(n));
  const graph = graphFrom(all.values(), rels.values() as Iterable<Relationship>);
  // One node per id, and only edges whose both ends are among the nodes.
  const seen = new Set<string>();
  const outNodes = graph.nodes.filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
  const seenEdges = new Set<string>();
  const outEdges = graph.edges.filter(
    (e) => seen.has(e.source) && seen.has(e.target) && (seenEdges.has(e.id) ? false : (seenEdges.add(e.id), true)),
  );
  return { graph: { nodes: outNodes, edges: outEdges }, keyOf: (e) => keys.get(e) };
}

const isPlainMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/**
 * A row value as JSON: toPlain, except that relationships (alone, in paths,
 * lists and maps) name their endpoints by the same node ids as the graph.
 */
export function rowValueToJson(v: unknown, keyOf: KeyOf): Json {
  if (neo4j.isRelationship(v as never)) return relationshipToJson(v as Relationship, keyOf) as unknown as Json;
  if (neo4j.isPath(v as never)) {
    const path = v as Path;
    const plain = toPlain(path) as { segments: Record<string, Json>[] } & Record<string, Json>;
    plain.segments = plain.segments.map((seg, i) => ({
      ...seg,
      relationship: relationshipToJson(path.segments[i]!.relationship, keyOf) as unknown as Json,
    }));
    return plain;
  }
  if (Array.isArray(v)) return v.map((x) => rowValueToJson(x, keyOf));
  if (isPlainMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rowValueToJson(x, keyOf)]));
  return toPlain(v);
}
