/**
 * Benchmark 1: import. `npm run bench:import -- [--entities 100000] [--claims 1000000] [--runs 3]
 *   [--mode auto|atomic|chunked] [--tx-rows N] [--batch N] [--max-minutes 20] [--seed 1] [--skip-small-ours]`
 *
 * Per run, each on a fresh store of the same Neo4j build, in alternating
 * order (A B, B A, ...), both under the launcher's default memory settings
 * (heap 2 GiB, transaction memory 1 GiB; page cache 2 GiB, and the
 * transaction timeout raised to 60 min for LOAD CSV's long statements — the
 * importer sets its own):
 * - ours: `importDataset`, what `claimgraph import` runs, in its default mode
 *   (or --mode / --tx-rows), in a child process whose peak RSS is measured
 *   (bench/lib/import-run.ts);
 * - baseline: `LOAD CSV` of the same data, same schema, `IN TRANSACTIONS OF
 *   10000 ROWS` (bench/lib/load-csv.ts).
 * Plus: the validation pass alone and our import at a fifth of the size, to
 * show whether the Node process's memory grows with the dataset.
 *
 * With --bulk (#15.1): per run, in rotating order, each on a fresh store,
 * - ours: `importDataset` in bulk mode (what `claimgraph import` runs into an
 *   empty local database): validation, the importer's CSV files written
 *   meanwhile, Neo4j's batch importer into a staging home, the swap and
 *   restart, the schema created and its indexes online (the clock starts
 *   once the empty local Neo4j is up, as it is for the others);
 * - LOAD CSV as above;
 * - Neo4j's import tool itself (`neo4j-admin database import full`, its entry
 *   point org.neo4j.cli.AdminTool from the launcher's classpath) on the same
 *   files our strategy writes (written once, not timed), then Neo4j started
 *   on the store and the same schema created (bench/lib/bulk.ts).
 * Then the equality: the `--equality-size` (small: a tenth of the size,
 * big, or none) dataset imported by the transactional path and by the bulk path,
 * both stores fingerprinted (bench/lib/equality.ts).
 *
 * Prints the figures and ratios, appends them to bench/results.jsonl.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { rm } from 'node:fs/promises';
import { bulkFiles, importTool, type ToolRun } from './lib/bulk.ts';
import { loadCsvImport } from './lib/load-csv.ts';
import {
  appendResult,
  DATA_DIR,
  ensureDataset,
  machine,
  neo4jSettings,
  parseIntArg,
  peakRssMiB,
  round,
  runChild,
  stat,
  startBenchNeo4j,
  type Generated,
} from './lib/common.ts';

const { values } = parseArgs({
  options: {
    entities: { type: 'string' },
    claims: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    mode: { type: 'string', default: 'auto' },
    'tx-rows': { type: 'string' },
    batch: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    'max-minutes': { type: 'string' },
    'skip-small-ours': { type: 'boolean', default: false },
    bulk: { type: 'boolean', default: false },
    'equality-size': { type: 'string', default: 'small' },
  },
});
const ENTITIES = parseIntArg(values.entities, 100_000);
const CLAIMS = parseIntArg(values.claims, 1_000_000);
const RUNS = parseIntArg(values.runs, 3);
const SEED = parseIntArg(values.seed, 1);
/** Bound on one import: a run past it is stopped and reported with its progress. */
const MAX_MINUTES = parseIntArg(values['max-minutes'], 20);
/** Validation alone (bench/lib/import-child.ts) and the importer as a user runs it (bench/lib/import-run.ts). */
const CHILD = path.join('bench', 'lib', 'import-child.ts');
const RUN_CHILD = path.join('bench', 'lib', 'import-run.ts');
const OURS_ARGS = ['--mode', values.mode!, ...(values['tx-rows'] ? ['--tx-rows', values['tx-rows']] : []), ...(values.batch ? ['--batch', values.batch] : [])];
/**
 * The launcher's default memory (server/neo4j/launcher.ts: heap 2g,
 * transaction memory 1g) for both sides, with a transaction timeout long
 * enough for LOAD CSV's statements (the importer sets its own per
 * transaction) and a page cache that holds the 1M store (2g, as in the
 * earlier runs; NEO4J_PAGECACHE=512m for the launcher's default).
 */
const DEFAULT_SETTINGS = { NEO4J_HEAP: '2g', NEO4J_TX_MEMORY_MAX: '1g', NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '2g', NEO4J_TX_TIMEOUT: '60m' };
/** The store of the transactional runs (its own with --bulk, so both benches can run at once). */
const STORE = path.join(DATA_DIR, values.bulk ? 'neo4j-import-bulk-bench' : 'neo4j-import');
/** A fixed V8 heap for the memory check: streamed work fits it at any size. */
const HEAP_CAP_MIB = 128;

interface ChildOut {
  ok: boolean;
  error?: string;
  validateMs: number;
  writeMs?: number;
  totalMs?: number;
  /** Recomputing the dense index after the commit (part of totalMs). */
  derivedMs?: number;
  records: number;
  peakRss: number;
  rssAfterValidate: number;
  rssAtStart: number;
  relationshipsCreated?: number;
  mode?: string;
  transactions?: number;
  /** For a run stopped at the time bound. */
  progress?: { phase?: string; done: number; total: number; writeMs: number };
}

const log = (s: string) => console.log(s);

async function withNeo4j<T>(
  fn: (uri: string, password: string) => Promise<T>,
  settings: Record<string, string> = DEFAULT_SETTINGS,
): Promise<{ value: T; neo4jPeakRss: number | null; counts: { nodes: number; rels: number } }> {
  const neo = await startBenchNeo4j(STORE, { fresh: true, settings });
  try {
    const value = await fn(neo.uri, neo.password);
    const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
    let counts = { nodes: 0, rels: 0 };
    try {
      const n = await driver.executeQuery('MATCH (n:Entity) RETURN count(n) AS c');
      const r = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS c');
      counts = { nodes: Number(n.records[0]!.get('c')), rels: Number(r.records[0]!.get('c')) };
    } finally {
      await driver.close();
    }
    return { value, neo4jPeakRss: peakRssMiB(neo.pid), counts };
  } finally {
    await neo.stop();
  }
}

async function ours(data: Generated) {
  return withNeo4j(async (uri, password) => {
    const t0 = performance.now();
    const res = await runChild<ChildOut>(RUN_CHILD, [data.dataset, ...OURS_ARGS], { BENCH_NEO4J_URI: uri, BENCH_NEO4J_PASSWORD: password }, undefined, MAX_MINUTES * 60_000);
    if (res.timedOut) {
      // What it had done when stopped: the last progress line (phase, done, total, ms since writing began).
      const last = res.stderr
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('PROGRESS '));
      const [, phase, done, total, ms] = last?.split(' ') ?? [];
      const elapsed = performance.now() - t0;
      return {
        ok: false,
        error: `stopped at the ${MAX_MINUTES} min bound${last ? ` during ${phase}: ${done}/${total} after ${Math.round(Number(ms) / 1000)} s of writing` : ''}`,
        validateMs: NaN,
        writeMs: Math.round(elapsed),
        records: data.manifest.entities + data.manifest.sources + data.manifest.claims,
        peakRss: NaN,
        rssAfterValidate: NaN,
        rssAtStart: NaN,
        progress: last ? { phase, done: Number(done), total: Number(total), writeMs: Number(ms) } : undefined,
      } satisfies ChildOut;
    }
    if (!res.result) throw new Error(`import child failed (exit ${res.code}):\n${res.stderr.slice(-3000)}`);
    return res.result;
  });
}

async function baseline(data: Generated) {
  return withNeo4j(async (uri, password) => {
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
    try {
      return await loadCsvImport(driver, data.csv, data.manifest);
    } finally {
      await driver.close();
    }
  });
}

/** Our bulk import into an empty local Neo4j that bench/lib/import-run.ts starts (under DEFAULT_SETTINGS). */
async function oursBulk(data: Generated): Promise<ChildOut & { bulk?: Record<string, number | boolean> }> {
  const dir = path.join(DATA_DIR, 'neo4j-bulk');
  await rm(dir, { recursive: true, force: true });
  const res = await runChild<ChildOut & { bulk?: Record<string, number | boolean> }>(RUN_CHILD, [data.dataset, '--bulk', '--data-dir', dir], DEFAULT_SETTINGS, undefined, MAX_MINUTES * 60_000);
  await rm(dir, { recursive: true, force: true });
  if (!res.result) throw new Error(`bulk import child failed (exit ${res.code}${res.timedOut ? ', timed out' : ''}):\n${res.stderr.slice(-3000)}`);
  return res.result;
}

async function bulkComparison() {
  for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) process.env[k] = v;
  log(`bench:import --bulk — ${ENTITIES} entities / ${CLAIMS} claims, ${RUNS} runs; Neo4j ${JSON.stringify({ ...neo4jSettings(), ...DEFAULT_SETTINGS })}; ${JSON.stringify(machine())}`);
  const big = await ensureDataset(ENTITIES, CLAIMS, SEED, log);
  const records = big.manifest.entities + big.manifest.sources + big.manifest.claims;
  const files = await bulkFiles(big, log);
  const toolHome = path.join(DATA_DIR, 'neo4j-admin-home');
  const runs: { ours?: ChildOut & { bulk?: Record<string, number | boolean> }; loadCsv?: number; tool?: ToolRun; order: string[] }[] = [];
  const kinds = ['ours', 'loadCsv', 'tool'] as const;
  for (let run = 0; run < RUNS; run++) {
    const order = [...kinds.slice(run % 3), ...kinds.slice(0, run % 3)];
    const r: (typeof runs)[number] = { order };
    for (const which of order) {
      if (which === 'ours') {
        r.ours = await oursBulk(big);
        log(`run ${run + 1} ours (bulk): ${r.ours.ok ? `${r.ours.totalMs} ms (validate ${r.ours.validateMs}; ${JSON.stringify(r.ours.bulk)})` : `FAILED ${r.ours.error}`}`);
      } else if (which === 'loadCsv') {
        if (values['no-baseline']) continue;
        const b = await baseline(big);
        r.loadCsv = b.value.ms;
        log(`run ${run + 1} LOAD CSV: ${b.value.ms} ms; store ${b.counts.nodes} entities / ${b.counts.rels} rels`);
      } else {
        r.tool = await importTool(files, toolHome);
        log(`run ${run + 1} neo4j-admin import: ${r.tool.totalMs} ms (tool ${r.tool.toolMs}, start + schema ${r.tool.startSchemaMs}); ${r.tool.nodes} nodes / ${r.tool.relationships} rels`);
      }
    }
    runs.push(r);
  }
  await rm(toolHome, { recursive: true, force: true });

  let eq: { result?: Record<string, unknown> } = {};
  const eqData = values['equality-size'] === 'none' ? null : values['equality-size'] === 'big' ? big : await ensureDataset(Math.round(ENTITIES / 10), Math.round(CLAIMS / 10), SEED, log);
  if (eqData) {
    log(`equality: ${eqData.manifest.claims} claims, transactional vs bulk, fingerprints ...`);
    const res = await runChild<Record<string, unknown>>(path.join('bench', 'lib', 'equality.ts'), [eqData.dataset, path.join(DATA_DIR, 'neo4j-equality')], { ...DEFAULT_SETTINGS, NODE_OPTIONS: '--max-old-space-size=12288' });
    if (!res.result) throw new Error(`equality child failed (exit ${res.code}):\n${res.stderr.slice(-3000)}`);
    eq = res;
    log(`equality: ${JSON.stringify(eq.result)}`);
  }

  const ok = runs.filter((r) => r.ours?.ok);
  const oursS = stat(ok.map((r) => r.ours!.totalMs! / 1000));
  const loadS = runs.some((r) => r.loadCsv) ? stat(runs.filter((r) => r.loadCsv).map((r) => r.loadCsv! / 1000)) : null;
  const toolS = stat(runs.map((r) => r.tool!.totalMs / 1000));
  const toolOnlyS = stat(runs.map((r) => r.tool!.toolMs / 1000));
  const overLoad = loadS ? stat(ok.filter((r) => r.loadCsv).map((r) => r.loadCsv! / r.ours!.totalMs!)) : null;
  const overTool = stat(ok.map((r) => r.ours!.totalMs! / r.tool!.totalMs));
  const phase = (k: string) => stat(ok.map((r) => Number(r.ours!.bulk?.[k] ?? NaN) / 1000));
  // The dense index (derived data, recomputed after every import) is ours alone: neither baseline computes it.
  const loading = (r: (typeof runs)[number]) => r.ours!.totalMs! - (r.ours!.derivedMs ?? 0);
  const overLoadLoading = loadS ? stat(ok.filter((r) => r.loadCsv).map((r) => r.loadCsv! / loading(r))) : null;
  const overToolLoading = stat(ok.map((r) => loading(r) / r.tool!.totalMs));
  const result = {
    mode: 'bulk',
    size: { entities: big.manifest.entities + big.manifest.sources, claims: big.manifest.claims, records },
    ours: { totalS: oursS, validateS: stat(ok.map((r) => r.ours!.validateMs / 1000)), filesS: phase('filesMs'), importS: phase('importMs'), swapS: phase('swapMs'), schemaS: phase('schemaMs'), derivedS: stat(ok.map((r) => (r.ours!.derivedMs ?? NaN) / 1000)), nodePeakRssMiB: stat(ok.map((r) => r.ours!.peakRss)), errors: runs.filter((r) => !r.ours?.ok).map((r) => r.ours?.error) },
    loadCsv: loadS ? { totalS: loadS } : null,
    importTool: { totalS: toolS, toolS: toolOnlyS, startSchemaS: stat(runs.map((r) => r.tool!.startSchemaMs / 1000)) },
    ratio: { loadCsvOverOurs: overLoad, oursOverImportTool: overTool, withoutDenseIndex: { loadCsvOverOurs: overLoadLoading, oursOverImportTool: overToolLoading }, targets: 'LOAD CSV / ours >= 5; ours / import tool <= 1.3' },
    equality: eq.result ?? null,
    runs,
    settings: DEFAULT_SETTINGS,
  };
  log('\n=== bulk import benchmark ===');
  log(`dataset: ${result.size.entities} nodes, ${result.size.claims} claims`);
  log(`ours (bulk, validate + files + importer + swap + schema): ${oursS.median} s median (min ${oursS.min}, max ${oursS.max})`);
  if (loadS) log(`LOAD CSV: ${loadS.median} s median (min ${loadS.min}, max ${loadS.max})`);
  log(`neo4j-admin database import full + start + schema: ${toolS.median} s median (min ${toolS.min}, max ${toolS.max}); the tool alone ${toolOnlyS.median} s`);
  if (overLoad) log(`LOAD CSV / ours, pair by pair: ${overLoad.median} (min ${overLoad.min}, max ${overLoad.max}); target >= 5: ${overLoad.median >= 5 ? 'MET' : 'NOT MET'}`);
  log(`ours / import tool, pair by pair: ${overTool.median} (min ${overTool.min}, max ${overTool.max}); target <= 1.3: ${overTool.median <= 1.3 ? 'MET' : 'NOT MET'}`);
  log(`ours without the dense index (${result.ours.derivedS.median} s, which neither baseline computes): LOAD CSV / ours ${overLoadLoading?.median ?? 'n/a'}, ours / import tool ${overToolLoading.median}`);
  if (eqData) log(`equality (${eqData.manifest.claims} claims): ${(eq.result as { equal?: boolean }).equal ? 'EQUAL' : 'DIFFERENT'}`);
  await appendResult('import-bulk', result);
  log('appended to bench/results.jsonl');
}

async function main() {
  log(`bench:import — ${ENTITIES} entities / ${CLAIMS} claims, ${RUNS} runs; ours: ${OURS_ARGS.join(' ')}; Neo4j ${JSON.stringify({ ...neo4jSettings(), ...DEFAULT_SETTINGS })}; ${JSON.stringify(machine())}`);
  const big = await ensureDataset(ENTITIES, CLAIMS, SEED, log);
  const small = await ensureDataset(Math.round(ENTITIES / 5), Math.round(CLAIMS / 5), SEED, log);
  const records = big.manifest.entities + big.manifest.sources + big.manifest.claims;

  // Validation alone, at two sizes (throughput and peak RSS).
  const validation: Record<string, ChildOut> = {};
  for (const [label, data] of [['small', small], ['big', big]] as const) {
    const res = await runChild<ChildOut>(CHILD, ['validate', data.dataset]);
    if (!res.result) throw new Error(`validation child failed:\n${res.stderr.slice(-3000)}`);
    validation[label] = res.result;
    log(`validate ${label}: ${res.result.records} records in ${res.result.validateMs} ms = ${Math.round(res.result.records / (res.result.validateMs / 1000))} records/s, peak RSS ${res.result.peakRss} MiB`);
  }

  // The same with the V8 heap capped: does validation fit a fixed heap at both sizes?
  const capped: Record<string, boolean> = {};
  for (const [label, data] of [['small', small], ['big', big]] as const) {
    const res = await runChild<ChildOut>(CHILD, ['validate', data.dataset], { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}` });
    capped[label] = res.result?.ok === true;
    log(`validate ${label} with a ${HEAP_CAP_MIB} MiB V8 heap: ${capped[label] ? 'fits' : 'runs out of memory'}`);
  }

  // Our import at the small size (memory at two sizes).
  const skipped = { value: { ok: false, error: 'skipped (--skip-small-ours)', records: 0, validateMs: NaN, peakRss: NaN, rssAfterValidate: NaN, rssAtStart: NaN } as ChildOut, neo4jPeakRss: null, counts: { nodes: 0, rels: 0 } };
  const smallImport = values['skip-small-ours'] ? skipped : await ours(small);
  log(`ours small: ${smallImport.value.ok ? `${smallImport.value.totalMs} ms (${smallImport.value.mode}, ${smallImport.value.transactions} tx), peak RSS ${smallImport.value.peakRss} MiB; Neo4j peak RSS ${smallImport.neo4jPeakRss} MiB` : `FAILED ${smallImport.value.error}`}`);

  const oursRuns: { child: ChildOut; neo4jPeakRss: number | null; counts: { nodes: number; rels: number } }[] = [];
  const baseRuns: { ms: number; neo4jPeakRss: number | null; counts: { nodes: number; rels: number } }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
    for (const which of order) {
      if (which === 'ours') {
        const r = await ours(big);
        oursRuns.push({ child: r.value, neo4jPeakRss: r.neo4jPeakRss, counts: r.counts });
        log(`run ${run + 1} ours: ${r.value.ok ? `${r.value.totalMs} ms (validate ${r.value.validateMs}, write ${r.value.writeMs}; ${r.value.mode}, ${r.value.transactions} tx)` : `FAILED after ${r.value.writeMs} ms of writing: ${r.value.error}`}; node peak RSS ${r.value.peakRss} MiB; Neo4j peak RSS ${r.neo4jPeakRss} MiB; store ${r.counts.nodes} nodes / ${r.counts.rels} rels`);
      } else if (!values['no-baseline']) {
        const r = await baseline(big);
        baseRuns.push({ ms: r.value.ms, neo4jPeakRss: r.neo4jPeakRss, counts: r.counts });
        log(`run ${run + 1} LOAD CSV: ${r.value.ms} ms; Neo4j peak RSS ${r.neo4jPeakRss} MiB; store ${r.counts.nodes} nodes / ${r.counts.rels} rels`);
      }
    }
  }

  // ---- figures ----
  const okOurs = oursRuns.filter((r) => r.child.ok);
  const oursTotal = okOurs.length ? stat(okOurs.map((r) => r.child.totalMs! / 1000)) : null;
  const oursWrite = okOurs.length ? stat(okOurs.map((r) => r.child.writeMs! / 1000)) : null;
  const oursValidate = stat(oursRuns.map((r) => r.child.validateMs / 1000));
  const base = baseRuns.length ? stat(baseRuns.map((r) => r.ms / 1000)) : null;
  // Ratio pair by pair (run i of ours with run i of the baseline), so drift cancels.
  const pairs = okOurs.length === oursRuns.length && baseRuns.length === oursRuns.length ? oursRuns.map((r, i) => r.child.totalMs! / baseRuns[i]!.ms) : [];
  const ratio = pairs.length ? stat(pairs) : null;
  const writePairs = pairs.length ? oursRuns.map((r, i) => r.child.writeMs! / baseRuns[i]!.ms) : [];
  // The dense index (recomputed after every import) is ours alone: LOAD CSV does not compute it.
  const loadingPairs = pairs.length ? oursRuns.map((r, i) => (r.child.totalMs! - (r.child.derivedMs ?? 0)) / baseRuns[i]!.ms) : [];
  const result = {
    size: { entities: big.manifest.entities + big.manifest.sources, claims: big.manifest.claims, records },
    ours: {
      ok: okOurs.length === oursRuns.length,
      errors: oursRuns.filter((r) => !r.child.ok).map((r) => r.child.error),
      totalS: oursTotal,
      validateS: oursValidate,
      writeS: oursWrite,
      derivedS: okOurs.length ? stat(okOurs.map((r) => (r.child.derivedMs ?? NaN) / 1000)) : null,
      recordsPerS: oursTotal ? Math.round(records / oursTotal.median) : null,
      nodePeakRssMiB: stat(oursRuns.map((r) => r.child.peakRss)),
      neo4jPeakRssMiB: stat(oursRuns.map((r) => r.neo4jPeakRss ?? NaN)),
      failedAfterS: oursRuns.filter((r) => !r.child.ok).map((r) => round((r.child.writeMs ?? 0) / 1000)),
      stoppedProgress: oursRuns.filter((r) => r.child.progress).map((r) => ({
        ...r.child.progress,
        claimsPerS: r.child.progress!.phase === 'claims' ? Math.round(r.child.progress!.done / 1 / Math.max(1, r.child.progress!.writeMs / 1000)) : null,
      })),
    },
    loadCsv: base
      ? { totalS: base, recordsPerS: Math.round(records / base.median), neo4jPeakRssMiB: stat(baseRuns.map((r) => r.neo4jPeakRss ?? NaN)) }
      : null,
    ratio: { oursOverLoadCsv: ratio, writeOnlyOverLoadCsv: writePairs.length ? stat(writePairs) : null, withoutDenseIndexOverLoadCsv: loadingPairs.length ? stat(loadingPairs) : null, target: '<= 0.6 (issue 15.2)' },
    memory: {
      validateSmall: { records: validation.small!.records, ms: validation.small!.validateMs, peakRssMiB: validation.small!.peakRss },
      validateBig: { records: validation.big!.records, ms: validation.big!.validateMs, peakRssMiB: validation.big!.peakRss },
      validateRecordsPerS: {
        small: Math.round(validation.small!.records / (validation.small!.validateMs / 1000)),
        big: Math.round(validation.big!.records / (validation.big!.validateMs / 1000)),
      },
      importSmall: { records: smallImport.value.records, ok: smallImport.value.ok, totalMs: smallImport.value.totalMs, peakRssMiB: smallImport.value.peakRss, neo4jPeakRssMiB: smallImport.neo4jPeakRss },
      importBigPeakRssMiB: oursRuns.length ? stat(oursRuns.map((r) => r.child.peakRss)).median : null,
      validateFitsHeapMiB: { heapMiB: HEAP_CAP_MIB, small: capped.small, big: capped.big },
    },
    storeCounts: { ours: oursRuns.map((r) => r.counts), loadCsv: baseRuns.map((r) => r.counts) },
    settings: DEFAULT_SETTINGS,
    oursArgs: OURS_ARGS,
    oursMode: oursRuns.map((r) => ({ mode: r.child.mode, transactions: r.child.transactions })),
  };

  log('\n=== import benchmark ===');
  log(`dataset: ${result.size.entities} nodes, ${result.size.claims} claims`);
  if (oursTotal) log(`ours (validate + write, ${OURS_ARGS.join(' ')}): ${oursTotal.median} s median (min ${oursTotal.min}, max ${oursTotal.max}) = ${result.ours.recordsPerS} entities+claims/s; write alone ${oursWrite!.median} s; validation ${oursValidate.median} s`);
  else log(`ours: FAILED in every run: ${result.ours.errors[0]}`);
  if (base) log(`LOAD CSV (IN TRANSACTIONS OF 10000 ROWS): ${base.median} s median (min ${base.min}, max ${base.max}) = ${result.loadCsv!.recordsPerS} entities+claims/s`);
  if (ratio) log(`ratio ours / LOAD CSV (pairwise): ${ratio.median} median (min ${ratio.min}, max ${ratio.max}); target <= 0.6: ${ratio.median <= 0.6 ? 'MET' : 'NOT MET'}`);
  if (loadingPairs.length) log(`ratio ours without the dense index (${result.ours.derivedS?.median} s, which LOAD CSV does not compute) / LOAD CSV: ${stat(loadingPairs).median} median (min ${stat(loadingPairs).min}, max ${stat(loadingPairs).max})`);
  log(`node peak RSS: validate ${validation.small!.peakRss} MiB at ${validation.small!.records} records vs ${validation.big!.peakRss} MiB at ${validation.big!.records}; import ${smallImport.value.peakRss} MiB vs ${result.memory.importBigPeakRssMiB} MiB`);
  log(`validation in a ${HEAP_CAP_MIB} MiB V8 heap: small ${capped.small ? 'fits' : 'does not fit'}, big ${capped.big ? 'fits' : 'does not fit'}`);
  log(`validation throughput: ${result.memory.validateRecordsPerS.small} records/s (small), ${result.memory.validateRecordsPerS.big} records/s (big)`);
  if (oursWrite) log(`ours claims/s (claims / total time): ${Math.round(result.size.claims / oursTotal!.median)}; write alone: ${Math.round(result.size.claims / oursWrite.median)} claims/s`);
  log(`Neo4j peak RSS: ours ${JSON.stringify(result.ours.neo4jPeakRssMiB)} MiB, LOAD CSV ${JSON.stringify(result.loadCsv?.neo4jPeakRssMiB ?? null)} MiB`);
  await appendResult('import', result);
  log(`appended to bench/results.jsonl`);
}

if (values.bulk) await bulkComparison();
else await main();
