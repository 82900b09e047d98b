/**
 * A fingerprint of a whole database, for "nothing changed" assertions: counts
 * of everything a write could change, and a hash of every node and
 * relationship (element id, labels or type, properties), index and constraint.
 */
import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { toPlain } from '../../server/neo4j/values.ts';

export interface Fingerprint {
  nodes: number;
  relationships: number;
  labels: number;
  relationshipTypes: number;
  propertyKeys: number;
  indexes: number;
  constraints: number;
  checksum: string;
}

/** The fingerprint of `database` (default: the server's default database) through `driver`. */
export async function fingerprintOf(driver: Driver, database?: string): Promise<Fingerprint> {
  const q = async <T = Record<string, unknown>>(text: string): Promise<T[]> =>
    (await driver.executeQuery(text, {}, { database, routing: 'READ' })).records.map((r) => toPlain(r.toObject()) as T);
  const [c] = await q<Omit<Fingerprint, 'checksum' | 'indexes' | 'constraints'>>(
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL () { CALL db.labels() YIELD label RETURN count(label) AS labels }
     CALL () { CALL db.relationshipTypes() YIELD relationshipType RETURN count(relationshipType) AS relationshipTypes }
     CALL () { CALL db.propertyKeys() YIELD propertyKey RETURN count(propertyKey) AS propertyKeys }
     RETURN nodes, relationships, labels, relationshipTypes, propertyKeys`,
  );
  const indexes = await q('SHOW INDEXES YIELD name RETURN name ORDER BY name');
  const constraints = await q('SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name');
  const nodes = await q('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id');
  const rels = await q('MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS type, properties(r) AS props ORDER BY id');
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)])) : v;
  const checksum = createHash('sha256').update(JSON.stringify(sorted({ nodes, rels, indexes, constraints }))).digest('hex');
  return { ...c!, indexes: indexes.length, constraints: constraints.length, checksum };
}
