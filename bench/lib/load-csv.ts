/**
 * The import baseline a Neo4j user would reach for: `LOAD CSV` of the same
 * data, with the same constraint and indexes (cypher/schema.cypher) created
 * first, `CALL { ... } IN TRANSACTIONS OF 10000 ROWS`, one statement per
 * label file and per relationship-type file (static labels and types, so the
 * unique-id index is used), writing the same properties our importer writes
 * (defaults included) and the same MERGE semantics (an upsert, like ours).
 *
 * The launcher turns file-URL LOAD CSV off (a security setting), so the
 * files are served over HTTP by a static file server on 127.0.0.1 for the
 * duration of the load; Neo4j reads `http://127.0.0.1:<port>/<file>`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { GenerateManifest } from '../../server/generate/generate.ts';
import { applySchema } from '../../server/import/write.ts';
import { KIND_LABELS, type EntityKind } from '../../server/model/kinds.ts';
import { withLabel, withType } from '../../server/neo4j/cypher.ts';

export const TX_ROWS = 10_000;

/** Serves the files of one folder (no listing, no parent paths) on 127.0.0.1. */
export async function serveFolder(dir: string): Promise<{ url: (file: string) => string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1));
    if (!/^[\w.-]+$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    const file = path.join(dir, name);
    stat(file).then(
      (s) => {
        res.writeHead(200, { 'content-type': 'text/csv', 'content-length': s.size });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (file) => `http://127.0.0.1:${port}/${encodeURIComponent(file)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const list = (col: string) => `CASE WHEN row.${col} IS NULL THEN [] ELSE split(row.${col}, ';') END`;

/** Node statement: the same properties (and defaults) as the importer's entityProps. */
const NODES = `
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:Entity {id: row.id})
  SET n:__LABEL__,
      n += {
        kind: row.kind, name: row.name, aliases: ${list('aliases')}, description: coalesce(row.description, ''),
        anonymous: coalesce(toBoolean(row.anonymous), false), born: row.born, died: row.died, nationality: row.nationality,
        founded: row.founded, dissolved: row.dissolved, country: row.country, orgType: row.orgType, count: toInteger(row.count),
        date: row.date, start: row.start, end: row.end, placeType: row.placeType, category: row.category,
        sourceKind: row.sourceKind, authors: CASE WHEN row.kind = 'source' THEN ${list('authors')} END, publisher: row.publisher,
        url: row.url, accessed: row.accessed, citation: row.citation, note: row.note, datasets: [$dataset]
      }
} IN TRANSACTIONS OF ${TX_ROWS} ROWS`;

/** Claim statement: the same properties as the importer's claimProps (dateMin/dateMax precomputed in the CSV). */
const CLAIMS = `
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
  SET r += {
    sourceId: row.sourceId, status: row.status, quote: row.quote, claimant: row.claimant, citedIn: row.citedIn,
    date: row.date, start: row.start, end: row.end, role: row.role, amount: toFloat(row.amount), currency: row.currency,
    purpose: row.purpose, note: row.note, dateMin: row.dateMin, dateMax: row.dateMax, datasets: [$dataset]
  }
} IN TRANSACTIONS OF ${TX_ROWS} ROWS`;

export async function loadCsvImport(driver: Driver, csvDir: string, manifest: GenerateManifest): Promise<{ ms: number; nodes: number; relationships: number }> {
  const csv = manifest.csv;
  if (!csv) throw new Error('the dataset was generated without CSV files');
  const t0 = performance.now();
  const server = await serveFolder(csvDir);
  let nodes = 0;
  let relationships = 0;
  const session = driver.session({ defaultAccessMode: 'WRITE' });
  try {
    await applySchema(driver);
    for (const [label, f] of Object.entries(csv.nodes)) {
      const kind = (Object.keys(KIND_LABELS) as EntityKind[]).find((k) => KIND_LABELS[k] === label)!;
      if (!kind) throw new Error(`unknown label ${label}`);
      const res = await session.run(withLabel(NODES, label), { url: server.url(f.file), dataset: manifest.name });
      nodes += res.summary.counters.updates().nodesCreated;
    }
    for (const [type, f] of Object.entries(csv.claims)) {
      const res = await session.run(withType(CLAIMS, type), { url: server.url(f.file), dataset: manifest.name });
      relationships += res.summary.counters.updates().relationshipsCreated;
    }
    await session.run('MERGE (d:Dataset {name: $name}) SET d.title = $name, d.importedAt = toString(datetime())', { name: manifest.name });
  } finally {
    await session.close();
    await server.close();
  }
  return { ms: Math.round(performance.now() - t0), nodes, relationships };
}
