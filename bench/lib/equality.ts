/**
 * The bulk import's equality check, for bench/import.ts --bulk: the same
 * dataset imported twice, each into a fresh local Neo4j, once by the
 * transactional importer (chunked or atomic, what `claimgraph import
 * --no-bulk` runs) and once by the bulk strategy, then both stores
 * fingerprinted (tests/helpers/store-fingerprint.ts: every node and relationship
 * with its labels or type and its typed properties, the indexes and the
 * constraints) and compared.
 *
 *   equality.ts <folder> <work-dir>
 *
 * Prints `RESULT {json}`: equal or not, both checksums and counts, the first
 * differences. The fingerprint holds every record's text in memory (about
 * 1 KiB a claim): give this process a heap to match at 1M claims.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { importDataset } from '../../server/import/index.ts';
import { findFreePort } from '../../server/neo4j/launcher.ts';
import { superviseLocalNeo4j } from '../../server/neo4j/supervisor.ts';
import { fingerprint, recordDiff, type Fingerprint } from '../../tests/helpers/store-fingerprint.ts';
import { emitResult } from './common.ts';

const [folder, work] = process.argv.slice(2);
if (!folder || !work) throw new Error('usage: equality.ts <folder> <work-dir>');

async function one(bulk: boolean): Promise<{ fp: Fingerprint; mode?: string; ms: number }> {
  const dir = path.join(work!, bulk ? 'bulk' : 'transactional');
  await rm(dir, { recursive: true, force: true });
  const neo = await superviseLocalNeo4j({ port: await findFreePort(), dataDir: dir, password: 'bench-password', startTimeoutMs: 600_000, report: (l) => console.error(l) });
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic('neo4j', 'bench-password'));
  try {
    const t0 = performance.now();
    const s = await importDataset(driver, folder!, bulk ? { mode: 'bulk', offline: neo } : { mode: 'auto', offline: neo, bulk: false });
    const ms = Math.round(performance.now() - t0);
    console.error(`${bulk ? 'bulk' : 'transactional'} import: ${s.mode}, ${ms} ms; fingerprinting ...`);
    return { fp: await fingerprint(driver), mode: s.mode, ms };
  } finally {
    await driver.close();
    await neo.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const tx = await one(false);
const bulk = await one(true);
const strip = (f: Fingerprint) => JSON.stringify({ ...f, records: undefined });
emitResult({
  equal: strip(tx.fp) === strip(bulk.fp),
  transactional: { mode: tx.mode, ms: tx.ms, nodes: tx.fp.nodes, relationships: tx.fp.relationships, checksum: tx.fp.checksum },
  bulk: { mode: bulk.mode, ms: bulk.ms, nodes: bulk.fp.nodes, relationships: bulk.fp.relationships, checksum: bulk.fp.checksum },
  indexes: bulk.fp.indexes.length,
  constraints: bulk.fp.constraints.length,
  labels: bulk.fp.labels,
  relationshipTypes: bulk.fp.relationshipTypes.length,
  differences: tx.fp.checksum === bulk.fp.checksum ? [] : recordDiff(tx.fp, bulk.fp),
});
