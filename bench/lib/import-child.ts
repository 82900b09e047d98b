/**
 * One import, in its own process so that its peak memory is its own:
 *
 *   validate <folder>                      the validation pass alone
 *   import <folder> [--batch N]            our importer: validateDataset + writeDataset (one transaction)
 *   proto <folder> --batch N --tx-rows N [--overlap] [--skip-files] [--shape importer|oncreate]   the prototype writer (bench/lib/proto-writer.ts)
 *
 * Neo4j from BENCH_NEO4J_URI / BENCH_NEO4J_PASSWORD. Prints `RESULT {json}`:
 * times, counts, and the process's peak RSS after validation and at the end.
 */
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { validateDataset } from '../../server/import/load.ts';
import { existingIds, writeDataset } from '../../server/import/write.ts';
import { emitResult, selfPeakRssMiB } from './common.ts';
import { protoWrite } from './proto-writer.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    batch: { type: 'string' },
    'tx-rows': { type: 'string' },
    overlap: { type: 'boolean', default: false },
    'skip-files': { type: 'boolean', default: false },
    shape: { type: 'string', default: 'importer' },
    'dynamic-types': { type: 'boolean', default: false },
  },
});
const [mode, folder] = positionals;
if (!mode || !folder) throw new Error('usage: import-child.ts validate|import|proto <folder> [options]');

const rssAtStart = selfPeakRssMiB();
const driver =
  mode === 'validate'
    ? undefined
    : neo4j.driver(process.env.BENCH_NEO4J_URI!, neo4j.auth.basic('neo4j', process.env.BENCH_NEO4J_PASSWORD!), { disableLosslessIntegers: false });
try {
  const t0 = performance.now();
  const plan = await validateDataset(folder, driver ? { knownIds: (ids) => existingIds(driver, ids) } : {});
  const validateMs = Math.round(performance.now() - t0);
  const rssAfterValidate = selfPeakRssMiB();
  const records = plan.counts.entities + plan.counts.sources + plan.counts.claims;
  const base = { mode, validateMs, records, counts: { entities: plan.counts.entities, sources: plan.counts.sources, claims: plan.counts.claims }, rssAtStart, rssAfterValidate };
  if (!driver) {
    emitResult({ ...base, ok: true, peakRss: selfPeakRssMiB() });
  } else {
    const batchSize = values.batch ? Number(values.batch) : undefined;
    const t1 = performance.now();
    try {
      let extra: Record<string, unknown> = {};
      if (mode === 'import') {
        let last = 0;
        const s = await writeDataset(driver, plan, {
          batchSize,
          // Progress on stderr: what a run that is stopped at the time bound had done.
          onProgress: (p) => {
            const now = performance.now();
            if (now - last > 2000 || p.done === p.total) {
              last = now;
              console.error(`PROGRESS ${p.phase} ${p.done} ${p.total} ${Math.round(now - t1)}`);
            }
          },
        });
        extra = { nodesCreated: s.nodesCreated, relationshipsCreated: s.relationshipsCreated };
      } else if (mode === 'proto') {
        extra = await protoWrite(driver, plan, {
          batchSize: batchSize ?? 5000,
          txRows: Number(values['tx-rows'] ?? 0),
          overlap: values.overlap ?? false,
          skipFiles: values['skip-files'] ?? false,
          shape: values.shape === 'oncreate' ? 'oncreate' : 'importer',
          staticTypes: !(values['dynamic-types'] ?? false),
        });
      } else throw new Error(`unknown mode ${mode}`);
      const writeMs = Math.round(performance.now() - t1);
      emitResult({ ...base, ...extra, ok: true, writeMs, totalMs: validateMs + writeMs, peakRss: selfPeakRssMiB() });
    } catch (err) {
      const writeMs = Math.round(performance.now() - t1);
      const rowsSent = (err as { rowsSent?: number }).rowsSent;
      emitResult({ ...base, ok: false, error: String((err as Error).message).slice(0, 600), writeMs, rowsSent, peakRss: selfPeakRssMiB() });
    }
  }
} finally {
  await driver?.close();
}
