/**
 * The importer as a user runs it, in its own process so that its peak memory
 * is its own: `importDataset` (what `claimgraph import` calls: validation,
 * then writing in the default mode unless told otherwise).
 *
 *   import-run.ts <folder> [--mode auto|atomic|chunked] [--tx-rows N] [--batch N]
 *   import-run.ts <folder> --bulk --data-dir DIR     the bulk load into the local Neo4j this process runs
 *
 * Neo4j from BENCH_NEO4J_URI / BENCH_NEO4J_PASSWORD; with --bulk, a local
 * Neo4j started here on DIR (fresh), as `claimgraph import` does, before the
 * clock starts. Progress on stderr
 * (`PROGRESS phase done total ms-since-writing-began`); prints `RESULT {json}`:
 * validation and writing times, the mode and transactions used, the
 * process's peak RSS after validation and at the end.
 */
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { importDataset, type WriteMode } from '../../server/import/index.ts';
import { findFreePort } from '../../server/neo4j/launcher.ts';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../../server/neo4j/supervisor.ts';
import { emitResult, selfPeakRssMiB } from './common.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { mode: { type: 'string', default: 'auto' }, 'tx-rows': { type: 'string' }, batch: { type: 'string' }, bulk: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
});
const folder = positionals[0];
if (!folder) throw new Error('usage: import-run.ts <folder> [--mode auto|atomic|chunked] [--tx-rows N] [--batch N]');

const rssAtStart = selfPeakRssMiB();
let local: SupervisedNeo4j | undefined;
if (values.bulk) {
  if (!values['data-dir']) throw new Error('--bulk needs --data-dir');
  local = await superviseLocalNeo4j({ port: await findFreePort(), dataDir: values['data-dir'], password: 'bench-password', startTimeoutMs: 600_000, report: (l) => console.error(l) });
}
const driver = local
  ? neo4j.driver(local.uri, neo4j.auth.basic('neo4j', 'bench-password'))
  : neo4j.driver(process.env.BENCH_NEO4J_URI!, neo4j.auth.basic('neo4j', process.env.BENCH_NEO4J_PASSWORD!));
const t0 = performance.now();
let validateMs: number | undefined;
let rssAfterValidate = NaN;
let last = 0;
try {
  const s = await importDataset(driver, folder, {
    mode: (values.bulk ? 'bulk' : values.mode) as WriteMode,
    offline: local,
    txRows: values['tx-rows'] ? Number(values['tx-rows']) : undefined,
    batchSize: values.batch ? Number(values.batch) : undefined,
    onProgress: (p) => {
      const now = performance.now();
      if (validateMs === undefined) {
        validateMs = Math.round(now - t0);
        rssAfterValidate = selfPeakRssMiB();
      }
      if (now - last > 2000 || p.done === p.total) {
        last = now;
        console.error(`PROGRESS ${p.phase} ${p.done} ${p.total} ${Math.round(now - t0 - validateMs)}`);
      }
    },
  });
  const totalMs = Math.round(performance.now() - t0);
  emitResult({
    ok: true,
    validateMs,
    writeMs: totalMs - (validateMs ?? 0),
    totalMs,
    records: s.counts.entities + s.counts.sources + s.counts.claims,
    mode: s.mode,
    transactions: s.transactions,
    bulk: s.bulk,
    derivedMs: s.derivedMs,
    nodesCreated: s.nodesCreated,
    relationshipsCreated: s.relationshipsCreated,
    rssAtStart,
    rssAfterValidate,
    peakRss: selfPeakRssMiB(),
    /** CPU this process used (user + system), against totalMs: how much of the machine the JavaScript side takes. */
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  });
} catch (err) {
  const totalMs = Math.round(performance.now() - t0);
  emitResult({ ok: false, error: String((err as Error).message).slice(0, 600), validateMs, writeMs: totalMs - (validateMs ?? 0), totalMs, records: 0, rssAtStart, rssAfterValidate, peakRss: selfPeakRssMiB() });
} finally {
  await driver.close();
  await local?.stop();
}
