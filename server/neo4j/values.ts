/**
 * Neo4j values to JSON, in one place.
 *
 * - Integers: a safe integer becomes a number; one beyond ±(2^53 - 1) becomes
 *   a decimal string, so no digit is ever lost (JSON numbers above 2^53 are
 *   silently rounded by every JavaScript client).
 * - Temporal values (Date, DateTime, LocalDateTime, Time, LocalTime,
 *   Duration): their ISO 8601 string.
 * - Point: `{srid, x, y[, z]}`.
 * - Node, Relationship, Path: the graph JSON shapes below.
 * - Lists and maps: converted recursively.
 */
import neo4j, { type Integer, type Node, type Path, type Relationship } from 'neo4j-driver';
import { labelToKind } from '../model/kinds.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface GraphNode {
  id: string;
  kind: string;
  labels: string[];
  name: string;
  properties: Record<string, Json>;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  status: string | null;
  sourceId: string | null;
  quote: string | null;
  properties: Record<string, Json>;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function integerToJson(i: Integer | bigint): number | string {
  if (typeof i === 'bigint') {
    return i <= BigInt(Number.MAX_SAFE_INTEGER) && i >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(i) : i.toString();
  }
  return neo4j.integer.inSafeRange(i) ? i.toNumber() : i.toString();
}

function isTemporal(v: unknown): boolean {
  return (
    neo4j.isDate(v as never) ||
    neo4j.isDateTime(v as never) ||
    neo4j.isLocalDateTime(v as never) ||
    neo4j.isTime(v as never) ||
    neo4j.isLocalTime(v as never) ||
    neo4j.isDuration(v as never)
  );
}

/** Any value from a record, as JSON. Nodes and relationships use the graph shapes. */
export function toPlain(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
    return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  }
  if (typeof v === 'bigint') return integerToJson(v);
  if (neo4j.isInt(v)) return integerToJson(v as Integer);
  if (isTemporal(v)) return String(v);
  if (neo4j.isPoint(v as never)) {
    const p = v as { srid: Integer | number; x: number; y: number; z?: number };
    return { srid: toPlain(p.srid), x: p.x, y: p.y, ...(p.z !== undefined ? { z: p.z } : {}) };
  }
  if (neo4j.isNode(v as never)) return nodeToJson(v as Node) as unknown as Json;
  if (neo4j.isRelationship(v as never)) return relationshipToJson(v as Relationship) as unknown as Json;
  if (neo4j.isPath(v as never)) {
    const p = v as Path;
    return {
      start: nodeToJson(p.start) as unknown as Json,
      end: nodeToJson(p.end) as unknown as Json,
      segments: p.segments.map((s) => ({
        start: nodeKey(s.start),
        relationship: relationshipToJson(s.relationship) as unknown as Json,
        end: nodeKey(s.end),
      })),
    };
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toPlain(x);
    return out;
  }
  return String(v);
}

function propsToJson(p: Record<string, unknown>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(p)) out[k] = toPlain(x);
  return out;
}

/** The stable key of a node: its `id` property, or its element id when it has none. */
export function nodeKey(n: Node): string {
  const id = n.properties.id;
  return typeof id === 'string' ? id : `element:${n.elementId}`;
}

export function nodeToJson(n: Node): GraphNode {
  const kind = n.properties.kind;
  const labelKind = n.labels.map(labelToKind).find((k) => k !== undefined);
  const name = n.properties.name ?? n.properties.title ?? n.properties.id;
  return {
    id: nodeKey(n),
    kind: typeof kind === 'string' ? kind : (labelKind ?? n.labels[0]?.toLowerCase() ?? 'node'),
    labels: [...n.labels],
    name: name === undefined || name === null ? nodeKey(n) : String(toPlain(name)),
    properties: propsToJson(n.properties),
  };
}

/**
 * A relationship as a graph edge. `endpointKey` maps element ids to node keys;
 * without it the endpoints are `element:<elementId>` until resolved.
 */
export function relationshipToJson(r: Relationship, endpointKey?: (elementId: string) => string | undefined): GraphEdge {
  const p = r.properties;
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  return {
    id: typeof p.id === 'string' ? p.id : `element:${r.elementId}`,
    type: r.type,
    source: endpointKey?.(r.startNodeElementId) ?? `element:${r.startNodeElementId}`,
    target: endpointKey?.(r.endNodeElementId) ?? `element:${r.endNodeElementId}`,
    status: str(p.status),
    sourceId: str(p.sourceId),
    quote: str(p.quote),
    properties: propsToJson(p),
  };
}

/**
 * Collects every node, relationship and path found anywhere in `values`
 * (inside lists and maps too). Relationships whose endpoints are not among the
 * nodes found are reported in `missingEndpoints` (element ids) so the caller
 * can fetch them.
 */
export function collectGraph(values: unknown[]): { nodes: Map<string, Node>; rels: Map<string, Relationship>; missingEndpoints: Set<string> } {
  const nodes = new Map<string, Node>();
  const rels = new Map<string, Relationship>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (neo4j.isNode(v as never)) {
      nodes.set((v as Node).elementId, v as Node);
    } else if (neo4j.isRelationship(v as never)) {
      rels.set((v as Relationship).elementId, v as Relationship);
    } else if (neo4j.isPath(v as never)) {
      const p = v as Path;
      visit(p.start);
      visit(p.end);
      for (const s of p.segments) {
        visit(s.start);
        visit(s.end);
        visit(s.relationship);
      }
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (!neo4j.isInt(v) && !isTemporal(v) && !neo4j.isPoint(v as never)) {
      Object.values(v).forEach(visit);
    }
  };
  values.forEach(visit);
  const missingEndpoints = new Set<string>();
  for (const r of rels.values()) {
    if (!nodes.has(r.startNodeElementId)) missingEndpoints.add(r.startNodeElementId);
    if (!nodes.has(r.endNodeElementId)) missingEndpoints.add(r.endNodeElementId);
  }
  return { nodes, rels, missingEndpoints };
}

export function graphFrom(nodes: Iterable<Node>, rels: Iterable<Relationship>): GraphData {
  const keyOf = new Map<string, string>();
  const outNodes: GraphNode[] = [];
  for (const n of nodes) {
    keyOf.set(n.elementId, nodeKey(n));
    outNodes.push(nodeToJson(n));
  }
  const edges = [...rels].map((r) => relationshipToJson(r, (e) => keyOf.get(e)));
  return { nodes: outNodes, edges };
}
