/**
 * One export, in its own process so that its peak memory is its own:
 *   export-child.ts <format> <ids.json>   writeExport of the induced subgraph of those ids
 *   export-child.ts raw <ids.json>        the baseline: the same nodes and edges read with the bare driver
 * The output goes to a sink that counts bytes and drops them. Neo4j from
 * BENCH_NEO4J_URI / BENCH_NEO4J_PASSWORD. Prints `RESULT {json}`.
 */
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import neo4j from 'neo4j-driver';
import { createLogger } from '../../server/kernel/log.ts';
import { ExportRequest } from '../../server/kernel/contract.ts';
import { loadConfig } from '../../server/config.ts';
import { writeExport } from '../../server/export/index.ts';
import { createDriver } from '../../server/neo4j/connection.ts';
import { emitResult, selfPeakRssMiB } from './common.ts';

const [format, idsFile] = process.argv.slice(2);
if (!format || !idsFile) throw new Error('usage: export-child.ts <format|raw> <ids.json>');
const ids = JSON.parse(await readFile(idsFile, 'utf8')) as string[];
const uri = process.env.BENCH_NEO4J_URI!;
const password = process.env.BENCH_NEO4J_PASSWORD!;
const driver = createDriver(uri, 'neo4j', password);
const rssAtStart = selfPeakRssMiB();
try {
  let bytes = 0;
  let nodes = 0;
  let edges = 0;
  const t0 = performance.now();
  if (format === 'raw') {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ, fetchSize: 2000 });
    try {
      for await (const r of session.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n', { ids })) {
        nodes++;
        bytes += JSON.stringify((r.get('n') as { properties: unknown }).properties).length;
      }
      const selected = new Set(ids);
      for await (const r of session.run('UNWIND $ids AS id MATCH (a:Entity {id: id})-[r]->(b:Entity) RETURN a.id AS source, b.id AS target, r', { ids })) {
        if (!selected.has(r.get('target') as string)) continue;
        edges++;
        bytes += JSON.stringify((r.get('r') as { properties: unknown }).properties).length;
      }
    } finally {
      await session.close();
    }
  } else {
    const config = loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: password, LOG_LEVEL: 'silent' });
    const req = ExportRequest.parse({ format, selection: { type: 'ids', ids, depth: 0 } });
    const sink = new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    await writeExport({ driver, database: undefined, config, log: createLogger('silent') }, req, sink);
  }
  emitResult({ format, ok: true, ms: Math.round(performance.now() - t0), bytes, nodes, edges, ids: ids.length, rssAtStart, peakRss: selfPeakRssMiB() });
} catch (err) {
  emitResult({ format, ok: false, error: String((err as Error).message).slice(0, 600), peakRss: selfPeakRssMiB() });
} finally {
  await driver.close();
}
