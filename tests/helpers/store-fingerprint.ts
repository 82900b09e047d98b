/**
 * A fingerprint of a whole database's content, to prove two stores equal
 * whatever wrote them (the bulk import against the transactional one): every
 * node with its labels and every property with its Neo4j type (valueType:
 * FLOAT vs INTEGER, LIST<STRING> vs an empty LIST<NOTHING>), every
 * relationship with its type, endpoints and typed properties, the counts,
 * and the indexes and constraints with their definitions. Records are keyed
 * by their `id` property (a :Dataset node by its name), not by element id,
 * which depends on the order of writing. Values that depend on the time of
 * the import (`importedAt`, `since`, `refreshedAt`) are compared by type only.
 */
import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { toPlain } from '../../server/neo4j/values.ts';

/** Properties compared by their type alone. */
// importedAt: when the import ran; since: when the dataset was first imported (layers); refreshedAt: when the dense index was.
const TIME_DEPENDENT = new Set(['importedAt', 'since', 'refreshedAt']);

export interface Fingerprint {
  nodes: number;
  relationships: number;
  labels: string[];
  relationshipTypes: string[];
  /** label set or relationship type -> property key -> Neo4j types seen. */
  propertyTypes: Record<string, Record<string, string[]>>;
  indexes: string[];
  constraints: string[];
  /** SHA-256 of every record, sorted. */
  checksum: string;
  /** Record key -> its canonical text (for a readable diff when checksums differ). */
  records: Map<string, string>;
}

async function rows(driver: Driver, database: string | undefined, query: string): Promise<Record<string, unknown>[]> {
  const res = await driver.executeQuery(query, {}, { database, routing: 'READ' });
  return res.records.map((r) => toPlain(r.toObject()) as Record<string, unknown>);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, canonical(x)]));
  return v;
}

function typedProps(props: Record<string, unknown>, types: [string, string][]): Record<string, [string, unknown]> {
  const typeOf = new Map(types);
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, [typeOf.get(k) ?? '?', TIME_DEPENDENT.has(k) ? '(time)' : v]]));
}

export async function fingerprint(driver: Driver, database?: string): Promise<Fingerprint> {
  const records = new Map<string, string>();
  const propertyTypes: Record<string, Record<string, Set<string>>> = {};
  const note = (owner: string, types: [string, string][]) => {
    const m = (propertyTypes[owner] ??= {});
    for (const [k, t] of types) (m[k] ??= new Set()).add(t);
  };
  const nodes = await rows(
    driver,
    database,
    // Not the dense index's entries: derived from the graph after the import, and keyed by element ids, which differ between stores.
    'MATCH (n) WHERE NOT n:DenseIndex RETURN labels(n) AS labels, properties(n) AS props, [k IN keys(n) | [k, valueType(n[k])]] AS types',
  );
  for (const n of nodes) {
    const labels = [...(n.labels as string[])].sort();
    const props = n.props as Record<string, unknown>;
    const types = n.types as [string, string][];
    const key = `node ${labels.join(':')} ${String(props.id ?? props.name)}`;
    if (records.has(key)) throw new Error(`two nodes with the key ${key}`);
    records.set(key, JSON.stringify(canonical({ labels, props: typedProps(props, types) })));
    note(labels.join(':'), types);
  }
  const rels = await rows(
    driver,
    database,
    'MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props, [k IN keys(r) | [k, valueType(r[k])]] AS types',
  );
  for (const r of rels) {
    const props = r.props as Record<string, unknown>;
    const types = r.types as [string, string][];
    const key = `rel ${String(r.type)} ${String(props.id)}`;
    if (records.has(key)) throw new Error(`two relationships with the key ${key}`);
    records.set(key, JSON.stringify(canonical({ type: r.type, from: r.from, to: r.to, props: typedProps(props, types) })));
    note(String(r.type), types);
  }
  const indexes = (
    await rows(
      driver,
      database,
      'SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint, indexProvider, options, state RETURN *',
    )
  )
    .map((i) => JSON.stringify(canonical(i)))
    .sort();
  const constraints = (await rows(driver, database, 'SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, ownedIndex RETURN *'))
    .map((c) => JSON.stringify(canonical(c)))
    .sort();
  const labels = (await rows(driver, database, 'MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l ORDER BY l')).map((r) => r.l as string);
  const relationshipTypes = (await rows(driver, database, 'MATCH ()-[r]->() RETURN DISTINCT type(r) AS t ORDER BY t')).map((r) => r.t as string);
  const hash = createHash('sha256');
  for (const k of [...records.keys()].sort()) hash.update(`${k}\n${records.get(k)}\n`);
  return {
    nodes: nodes.length,
    relationships: rels.length,
    labels,
    relationshipTypes,
    propertyTypes: Object.fromEntries(
      Object.entries(propertyTypes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([o, m]) => [o, Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, [...s].sort()]))]),
    ),
    indexes,
    constraints,
    checksum: hash.digest('hex'),
    records,
  };
}

/** The first differences between two fingerprints' records, readable (for an assertion message). */
export function recordDiff(a: Fingerprint, b: Fingerprint, max = 5): string[] {
  const out: string[] = [];
  for (const [k, v] of a.records) {
    if (out.length >= max) break;
    const w = b.records.get(k);
    if (w === undefined) out.push(`only in the first: ${k} ${v}`);
    else if (w !== v) out.push(`${k}\n  first:  ${v}\n  second: ${w}`);
  }
  for (const k of b.records.keys()) {
    if (out.length >= max) break;
    if (!a.records.has(k)) out.push(`only in the second: ${k} ${b.records.get(k)}`);
  }
  return out;
}
