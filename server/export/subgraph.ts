/**
 * What an export reads: a `Subgraph` (the selected nodes and claims, read
 * afresh on every pass, in batches), its node and edge shapes, and their
 * conversion from Neo4j records. Built by select.ts from a `Selection`.
 */
import type { Node, Record as Neo4jRecord, Relationship } from 'neo4j-driver';
import type { Selection } from '../kernel/contract.ts';
import { nodeToJson, relationshipToJson, type GraphEdge, type GraphNode } from '../neo4j/values.ts';

/** A node, with the keys of properties Neo4j stores as floats (JSON numbers lose that). */
export interface ExportNode extends GraphNode {
  floatKeys: string[];
}

/** An edge (one claim), with the kinds of its endpoints. */
export interface ExportEdge extends GraphEdge {
  sourceKind: string | null;
  targetKind: string | null;
  floatKeys: string[];
}

/** What a citation list needs of one claim. */
export interface CitedClaim {
  id: string;
  type: string;
  status: string | null;
  quote: string | null;
  sourceId: string | null;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
}

export interface Subgraph {
  selection: Selection;
  /** A short slug naming the selection (file names). */
  slug: string;
  /** The selection was cut short (neighborhood limit, query row cap). */
  truncated: boolean;
  /**
   * The selected nodes in batches; with `withSources`, followed by the sources
   * behind the edges that are not selected nodes themselves. Each node once.
   */
  nodes(opts?: { withSources?: boolean }): AsyncGenerator<ExportNode[]>;
  /** The edges in batches; both endpoints of each are selected nodes. */
  edges(): AsyncGenerator<ExportEdge[]>;
  /** The source nodes behind the edges, each once, in id order. */
  sources(): AsyncGenerator<ExportNode[]>;
  /**
   * Every edge for a citation list, ordered by `rank` of its source id
   * (unranked and missing sources last), then type, endpoint names and id.
   */
  citedClaims(rank: ReadonlyMap<string, number>): AsyncGenerator<CitedClaim[]>;
}


// ---- conversions ------------------------------------------------------------

function floatKeysOf(props: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === 'number' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number'))) keys.push(k);
  }
  return keys;
}

export function toExportNode(n: Node): ExportNode {
  return { ...nodeToJson(n), floatKeys: floatKeysOf(n.properties) };
}

export function toExportEdge(r: Relationship, source: string, target: string, sourceKind: unknown, targetKind: unknown): ExportEdge {
  const e = relationshipToJson(r, (eid) => (eid === r.startNodeElementId ? source : target));
  return {
    ...e,
    source,
    target,
    sourceKind: typeof sourceKind === 'string' ? sourceKind : null,
    targetKind: typeof targetKind === 'string' ? targetKind : null,
    floatKeys: floatKeysOf(r.properties),
  };
}

export function edgeFromRecord(rec: Neo4jRecord): ExportEdge {
  return toExportEdge(rec.get('r') as Relationship, rec.get('source') as string, rec.get('target') as string, rec.get('sourceKind'), rec.get('targetKind'));
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function claimFromRecord(rec: Neo4jRecord): CitedClaim {
  return {
    id: String(rec.get('id')),
    type: String(rec.get('type')),
    status: str(rec.get('status')),
    quote: str(rec.get('quote')),
    sourceId: str(rec.get('sourceId')),
    source: String(rec.get('source')),
    target: String(rec.get('target')),
    sourceName: String(rec.get('sourceName')),
    targetName: String(rec.get('targetName')),
  };
}
