/**
 * Benchmark 3: export. `npm run bench:export -- [--entities 100000] [--claims 1000000] [--nodes 50000]
 *   [--runs 3] [--formats graphology,gexf,...] [--store NAME]`
 *
 * On the API benchmark's graph (bench/data/neo4j-api-<name>, imported on
 * first use), two induced subgraphs chosen by a seeded sample of node ids:
 * --nodes ids (about 50k nodes / 250k edges at 100k/1M) and a quarter of
 * that (about 12.5k / 16k edges). Each export runs in its own process
 * (`writeExport` to a byte-counting sink) so that its peak RSS is its own;
 * the baseline reads the same nodes and edges with the bare driver. Memory
 * must stay flat as the subgraph grows (streamed): the big/small peak RSS
 * ratio is reported per format.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS } from '../server/kernel/contract.ts';
import { Rng } from '../server/generate/rng.ts';
import { appendResult, DATA_DIR, ensureDataset, machine, parseIntArg, round, runChild, stat } from './lib/common.ts';
import { ensureApiStore } from './lib/store.ts';

const { values } = parseArgs({
  options: {
    'store-importer': { type: 'string' },
    store: { type: 'string' },
    entities: { type: 'string' },
    claims: { type: 'string' },
    seed: { type: 'string' },
    nodes: { type: 'string' },
    runs: { type: 'string' },
    formats: { type: 'string' },
  },
});
const ENTITIES = parseIntArg(values.entities, 100_000);
const CLAIMS = parseIntArg(values.claims, 1_000_000);
const SEED = parseIntArg(values.seed, 1);
const NODES = Math.min(50_000, parseIntArg(values.nodes, Math.round(ENTITIES / 2)));
const RUNS = parseIntArg(values.runs, 3);
const FORMATS = values.formats ? values.formats.split(',') : [...EXPORT_FORMATS];
const CHILD = path.join('bench', 'lib', 'export-child.ts');
const log = (s: string) => console.log(s);

const PREFIX: Record<string, string> = { person: 'per', organization: 'org', event: 'evt', place: 'plc', concept: 'cpt', source: 'src' };

interface Out {
  ok: boolean;
  error?: string;
  ms: number;
  bytes: number;
  peakRss: number;
  rssAtStart: number;
  nodes: number;
  edges: number;
}

async function main() {
  log(`bench:export — ${ENTITIES}/${CLAIMS}, subgraphs of ${NODES} and ${Math.round(NODES / 4)} nodes, ${RUNS} runs; ${JSON.stringify(machine())}`);
  const g = await ensureDataset(ENTITIES, CLAIMS, SEED, log);
  // Every id of the graph (the generator's scheme), then a seeded sample.
  const all: string[] = [];
  for (const [kind, n] of Object.entries(g.manifest.byKind)) for (let i = 0; i < n; i++) all.push(`${PREFIX[kind]}-${String(i).padStart(6, '0')}`);
  const rng = new Rng(SEED + 1000);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const sizes = { big: all.slice(0, NODES), small: all.slice(0, Math.round(NODES / 4)) };
  const files: Record<string, string> = {};
  for (const [k, ids] of Object.entries(sizes)) {
    files[k] = path.join(DATA_DIR, `export-ids-${g.manifest.name}-${k}.json`);
    await writeFile(files[k], JSON.stringify(ids));
  }

  const neo = await ensureApiStore(g, log, values['store-importer'] === 'ours' ? 'ours' : 'loadcsv', values.store ?? '');
  const env = { BENCH_NEO4J_URI: neo.uri, BENCH_NEO4J_PASSWORD: neo.password };
  const results: Record<string, Record<string, Out[]>> = {};
  try {
    // The baseline first (also warms the page cache), then every format; A/B alternation per run.
    for (let run = 0; run < RUNS; run++) {
      for (const size of ['small', 'big'] as const) {
        if (size === 'small' && run > 0) continue; // the small size is for the memory comparison: one run
        for (const format of ['raw', ...FORMATS]) {
          const res = await runChild<Out>(CHILD, [format, files[size]!], env);
          const out = res.result ?? { ok: false, error: res.stderr.slice(-500), ms: NaN, bytes: 0, peakRss: NaN, rssAtStart: NaN, nodes: 0, edges: 0 };
          ((results[size] ??= {})[format] ??= []).push(out);
          log(`run ${run + 1} ${size} ${format.padEnd(10)} ${out.ok ? `${out.ms} ms, ${round(out.bytes / 2 ** 20, 1)} MiB out, peak RSS ${out.peakRss} MiB${format === 'raw' ? ` (${out.nodes} nodes, ${out.edges} edges)` : ''}` : `FAILED ${out.error}`}`);
        }
      }
    }
  } finally {
    await neo.stop();
  }

  const raw = results.big!.raw!;
  const summary: Record<string, unknown> = {};
  log('\n=== export benchmark ===');
  log(`subgraphs: big ${raw[0]!.nodes} nodes / ${raw[0]!.edges} edges; small ${results.small!.raw![0]!.nodes} nodes / ${results.small!.raw![0]!.edges} edges`);
  log(`${'format'.padEnd(12)}${'time s (min-max)'.padStart(22)}${'vs raw read'.padStart(14)}${'output MiB'.padStart(12)}${'peak RSS big'.padStart(14)}${'small'.padStart(8)}${'big/small'.padStart(11)}`);
  for (const format of ['raw', ...FORMATS]) {
    const big = results.big![format]!.filter((o) => o.ok);
    const small = results.small![format]!.filter((o) => o.ok);
    if (!big.length) {
      log(`${format.padEnd(12)} FAILED: ${results.big![format]![0]!.error}`);
      summary[format] = { ok: false, error: results.big![format]![0]!.error };
      continue;
    }
    const time = stat(big.map((o) => o.ms / 1000));
    const pairs = big.map((o, i) => o.ms / (raw[i]?.ms ?? NaN));
    const ratio = stat(pairs);
    const rssBig = stat(big.map((o) => o.peakRss));
    const rssSmall = small.length ? small[0]!.peakRss : NaN;
    summary[format] = {
      ok: true,
      seconds: time,
      ratioToRawRead: ratio,
      outputMiB: round(big[0]!.bytes / 2 ** 20, 1),
      peakRssMiB: { big: rssBig, small: rssSmall, bigOverSmall: round(rssBig.median / rssSmall, 2) },
      smallSeconds: small.length ? round(small[0]!.ms / 1000) : null,
    };
    log(
      `${format.padEnd(12)}${`${time.median} (${time.min}-${time.max})`.padStart(22)}${String(ratio.median).padStart(14)}${String(round(big[0]!.bytes / 2 ** 20, 1)).padStart(12)}` +
        `${String(rssBig.median).padStart(14)}${String(rssSmall).padStart(8)}${String(round(rssBig.median / rssSmall, 2)).padStart(11)}`,
    );
  }
  await appendResult('export', {
    size: { entities: g.manifest.entities + g.manifest.sources, claims: g.manifest.claims },
    subgraphs: {
      big: { ids: sizes.big.length, nodes: raw[0]!.nodes, edges: raw[0]!.edges },
      small: { ids: sizes.small.length, nodes: results.small!.raw![0]!.nodes, edges: results.small!.raw![0]!.edges },
    },
    runs: RUNS,
    formats: summary,
  });
  log('appended to bench/results.jsonl');
}

await main();
