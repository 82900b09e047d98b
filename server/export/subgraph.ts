/**
 * What an export reads (a `Subgraph`: server/formats/graph.ts, the shape
 * every writer takes), converted from Neo4j records. Built by select.ts from
 * a `Selection`.
 */
import type { Node, Record as Neo4jRecord, Relationship } from 'neo4j-driver';
import type { CitedClaim, ExportEdge, ExportNode } from '../formats/graph.ts';
import { nodeToJson, relationshipToJson } from '../neo4j/values.ts';

export type { CitedClaim, ExportEdge, ExportNode, Subgraph } from '../formats/graph.ts';

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

function num(v: unknown): number | null {
  if (typeof v === 'number') return v;
  return v !== null && typeof v === 'object' && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : null;
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
    paraphrase: rec.get('paraphrase') === true,
    anchor: str(rec.get('anchor')),
    verification: str(rec.get('verification')),
    verificationScore: num(rec.get('verificationScore')),
  };
}
