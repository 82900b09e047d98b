/**
 * A Cypher script that recreates the subgraph in any Neo4j 5: one statement
 * a line, each ending with `;`, runnable with cypher-shell or statement by
 * statement through a driver (every statement is idempotent, so a re-run
 * updates rather than duplicates):
 *
 *   CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
 *   MERGE (n:Entity {id: 'ada'}) SET n:Person, n += {name: 'Ada', aliases: ['A.']};
 *   MATCH (a:Entity {id: 'ada'}), (b:Entity {id: 'org'}) MERGE (a)-[r:LEADS {id: 'c1'}]->(b) SET r += {status: 'reported', ...};
 *
 * Nodes come first (the sources behind the edges included), then edges.
 * String literals are single-quoted with `\\`, `'`, newlines, tabs and other
 * control characters escaped; labels, types and keys that are not plain
 * identifiers are backticked. Floats stay floats (`120000.0`). Temporal values
 * and integers beyond 2^53 arrive as strings and are written as strings.
 * Nodes without an `id` property (a Cypher selection can return them) get
 * their export key (`element:...`) as id so edges can find them.
 */
import type { Json } from '../../neo4j/values.ts';
import type { ExportEdge, ExportMeta, ExportNode, Subgraph } from '../graph.ts';
import { StreamSink } from '../sink.ts';

export function cypherString(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function cypherName(name: string): string {
  return PLAIN.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function cypherFloat(v: number): string {
  if (Number.isNaN(v)) return "toFloat('NaN')";
  if (!Number.isFinite(v)) return v > 0 ? "toFloat('Infinity')" : "toFloat('-Infinity')";
  const s = String(v).replace('e+', 'e');
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

export function cypherValue(v: Json, float = false): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return cypherString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return float || !Number.isInteger(v) ? cypherFloat(v) : String(v);
  if (Array.isArray(v)) return `[${v.map((x) => cypherValue(x, float)).join(', ')}]`;
  // A point ({srid, x, y[, z]}) is the only map Neo4j stores as a property.
  if (typeof v.srid === 'number' && typeof v.x === 'number' && typeof v.y === 'number') {
    return `point({srid: ${v.srid}, x: ${cypherFloat(v.x)}, y: ${cypherFloat(v.y)}${typeof v.z === 'number' ? `, z: ${cypherFloat(v.z)}` : ''}})`;
  }
  return cypherString(JSON.stringify(v));
}

export function cypherMap(props: Record<string, Json>, floatKeys: readonly string[], omit: readonly string[]): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    if (omit.includes(k) || v === null) continue;
    parts.push(`${cypherName(k)}: ${cypherValue(v, floatKeys.includes(k))}`);
  }
  return `{${parts.join(', ')}}`;
}

/** The label a node is matched on: :Entity when it has it, else its first label. */
function matchLabel(labels: readonly string[]): string {
  return labels.includes('Entity') || labels.length === 0 ? 'Entity' : labels[0]!;
}

function nodeStatement(n: ExportNode): string {
  const key = matchLabel(n.labels);
  const others = n.labels.filter((l) => l !== key);
  const set = [...(others.length ? [`n:${others.map(cypherName).join(':')}`] : []), `n += ${cypherMap(n.properties, n.floatKeys, ['id'])}`];
  return `MERGE (n:${cypherName(key)} {id: ${cypherString(n.id)}}) SET ${set.join(', ')};\n`;
}

function edgeStatement(e: ExportEdge, labelOf: (id: string) => string): string {
  const match = `MATCH (a:${cypherName(labelOf(e.source))} {id: ${cypherString(e.source)}}), (b:${cypherName(labelOf(e.target))} {id: ${cypherString(e.target)}})`;
  const props = cypherMap(e.properties, e.floatKeys, ['id']);
  if (typeof e.properties.id === 'string') {
    return `${match} MERGE (a)-[r:${cypherName(e.type)} {id: ${cypherString(e.id)}}]->(b) SET r += ${props};\n`;
  }
  return `${match} CREATE (a)-[r:${cypherName(e.type)}]->(b) SET r += ${props};\n`;
}

export async function writeCypherScript(sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta): Promise<void> {
  const sink = new StreamSink(out);
  await sink.write(
    `// claimgraph export of ${meta.exportedAt} (${meta.selection.type} selection${sub.truncated ? ', truncated' : ''}).\n` +
      '// Recreates the subgraph in any Neo4j 5: run with cypher-shell, or statement by statement (one a line).\n' +
      '// Every relationship is a sourced claim: id, status, quote and sourceId (the id of a :Source node below).\n' +
      'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n',
  );
  // Nodes that are not :Entity (rare: a Cypher selection's) are matched on their own first label.
  const otherLabel = new Map<string, string>();
  let nodes = 0;
  for await (const batch of sub.nodes({ withSources: true })) {
    for (const n of batch) {
      const label = matchLabel(n.labels);
      if (label !== 'Entity') otherLabel.set(n.id, label);
      await sink.write(nodeStatement(n));
      nodes++;
    }
  }
  let edges = 0;
  const labelOf = (id: string) => otherLabel.get(id) ?? 'Entity';
  for await (const batch of sub.edges()) {
    for (const e of batch) {
      await sink.write(edgeStatement(e, labelOf));
      edges++;
    }
  }
  await sink.write(`// ${nodes} nodes, ${edges} relationships.\n`);
  await sink.flush();
}
