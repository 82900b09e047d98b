/**
 * The graph the API and export benchmarks query: the generated dataset
 * imported once into bench/data/neo4j-api-<name>, then reused while the
 * dataset is the same. It is loaded with the LOAD CSV baseline (the same
 * nodes, claims and properties as our importer writes; see load-csv.ts)
 * because that is the fastest way to build it; `--store-importer ours` uses
 * our importer instead (import speed is bench:import's subject, not theirs).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { LocalNeo4j } from '../../server/neo4j/launcher.ts';
import { DATA_DIR, ROOT, runChild, startBenchNeo4j, type Generated } from './common.ts';
import { loadCsvImport } from './load-csv.ts';
import { refreshDerived } from '../../server/import/derived/index.ts';
import { cypher } from '../../server/neo4j/cypher.ts';

/**
 * What the importer's last step computes (the dense index of supernodes,
 * server/import/derived/): LOAD CSV does not, so the bench does it once, as
 * the importer would, unless the store's index is already valid at its
 * counts. Without it the hub's neighbourhood is computed in full.
 */
async function ensureDerived(neo: LocalNeo4j, log: (l: string) => void): Promise<void> {
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
  try {
    // The reads' own freshness check (valid, at the graph's counts), for no entity in particular.
    const { records } = await driver.executeQuery(cypher('reads/dense-fresh'), { id: '', room: neo4j.int(0), keep: neo4j.int(0) });
    if (records[0]?.get('fresh') === true) return;
    log("computing the dense index, as the importer's last step does (once) ...");
    const { dense } = await refreshDerived(driver);
    log(`  ${dense.dense} dense entities in ${(dense.ms / 1000).toFixed(0)} s`);
  } finally {
    await driver.close();
  }
}

export async function ensureApiStore(
  g: Generated,
  log: (l: string) => void = console.log,
  importer: 'ours' | 'loadcsv' = 'loadcsv',
  /** Another copy of the graph (e.g. `--store export` while the API bench holds the first). */
  suffix = '',
): Promise<LocalNeo4j> {
  const store = path.join(DATA_DIR, `neo4j-api-${g.manifest.name}${suffix ? `-${suffix}` : ''}`);
  const marker = path.join(store, '.bench-imported');
  const ready = existsSync(marker) && (await readFile(marker, 'utf8')).trim() === g.manifest.name;
  const neo = await startBenchNeo4j(store, { fresh: !ready });
  if (ready) {
    try {
      await ensureDerived(neo, log);
    } catch (err) {
      await neo.stop();
      throw err;
    }
    return neo;
  }
  try {
    log(`importing ${g.manifest.name} into ${path.relative(ROOT, store)} (once; reused by later runs) ...`);
    const t0 = performance.now();
    const res =
      importer === 'ours'
        ? await runChild<{ ok: boolean; error?: string }>(path.join('bench', 'lib', 'import-child.ts'), ['import', g.dataset], {
            BENCH_NEO4J_URI: neo.uri,
            BENCH_NEO4J_PASSWORD: neo.password,
          })
        : undefined;
    let how = 'our importer';
    if (!res?.result?.ok) {
      if (res) log(`  our importer could not (${res.result?.error ?? res.stderr.slice(-500)}); using LOAD CSV`);
      how = 'LOAD CSV';
      const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
      try {
        await driver.executeQuery('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
        await loadCsvImport(driver, g.csv, g.manifest);
      } finally {
        await driver.close();
      }
    }
    log(`  imported with ${how} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    await ensureDerived(neo, log);
    await writeFile(marker, g.manifest.name + '\n');
    return neo;
  } catch (err) {
    await neo.stop();
    throw err;
  }
}
