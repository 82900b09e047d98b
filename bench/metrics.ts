/**
 * Benchmark 5: graph metrics. `npm run bench:metrics -- [--entities 100000] [--claims 1000000]
 *   [--runs 1] [--samples 256] [--max-minutes 30]`
 *
 * On the API benchmark's graph (bench/data/neo4j-api-<name>, imported on
 * first use): PageRank, degree, betweenness and Louvain communities over the
 * whole graph,
 *
 * - **GDS**: `computeMetrics` (server/import/derived/metrics.ts), what
 *   `claimgraph metrics` runs: two projections, four algorithms writing node
 *   properties, the projections dropped. Memory: Neo4j's resident memory
 *   sampled during the run (peak less the level before), and the
 *   projections' own size as GDS reports it (gds.graph.list sizeInBytes);
 * - **graphology**: the same in Node, in its own process
 *   (bench/lib/metrics-child.ts): the graph read from the same Neo4j,
 *   built as two graphology graphs, the same four metrics; its peak RSS.
 *
 * Betweenness is exact up to 20,000 entities on both sides; above it GDS
 * estimates from --samples source nodes and so does the child (Brandes from
 * as many seeded sources). The child also checks agreement with what GDS
 * stored (top 100 by PageRank and by betweenness, degrees equal).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { BETWEENNESS_EXACT_NODES, computeMetrics, type MetricsSummary } from '../server/import/derived/metrics.ts';
import { appendResult, ensureDataset, machine, parseIntArg, round, runChild, stat } from './lib/common.ts';
import { ensureApiStore } from './lib/store.ts';

const { values } = parseArgs({
  options: {
    entities: { type: 'string' },
    claims: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    samples: { type: 'string' },
    'max-minutes': { type: 'string' },
  },
});
const ENTITIES = parseIntArg(values.entities, 100_000);
const CLAIMS = parseIntArg(values.claims, 1_000_000);
const SEED = parseIntArg(values.seed, 1);
const RUNS = parseIntArg(values.runs, 1);
const SAMPLES = parseIntArg(values.samples, 256);
const MAX_MINUTES = parseIntArg(values['max-minutes'], 30);
const CHILD = path.join('bench', 'lib', 'metrics-child.ts');
const log = (s: string) => console.log(s);

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

interface ChildOut {
  ok: boolean;
  error?: string;
  nodes: number;
  undirectedEdges: number;
  betweenness: string;
  steps: Record<string, number>;
  computeMs: number;
  rssAtStart: number;
  rssAfterLoad: number;
  peakRss: number;
  communities: number;
  modularity: number;
  agreement: { pagerankTop100: number; betweennessTop100: number; degreeEqual: number; of: number };
}

async function gdsRun(uri: string, password: string, pid: number): Promise<{ m: MetricsSummary; rssBefore: number; rssPeak: number; projectionMiB: number }> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
  try {
    const rssBefore = rssMiB(pid);
    let rssPeak = rssBefore;
    const timer = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(pid))), 250);
    let sizing: Promise<number> | undefined;
    try {
      const m = await computeMetrics(driver, {
        samples: SAMPLES,
        onStep: (s) => {
          log(`  gds ${s} ...`);
          // Right after the projections: their size in memory.
          if (s === 'pagerank')
            sizing = driver
              .executeQuery('CALL gds.graph.list() YIELD sizeInBytes RETURN sum(sizeInBytes) AS bytes')
              .then((r) => Number(r.records[0]?.get('bytes') ?? NaN) / 2 ** 20)
              .catch(() => NaN);
        },
      });
      return { m, rssBefore, rssPeak: Math.max(rssPeak, rssMiB(pid)), projectionMiB: round((await sizing) ?? NaN, 1) };
    } finally {
      clearInterval(timer);
    }
  } finally {
    await driver.close();
  }
}

async function main() {
  log(`bench:metrics — ${ENTITIES}/${CLAIMS}, ${RUNS} run(s), betweenness sampled from ${SAMPLES} sources above ${BETWEENNESS_EXACT_NODES} entities; ${JSON.stringify(machine())}`);
  const g = await ensureDataset(ENTITIES, CLAIMS, SEED, log);
  const neo = await ensureApiStore(g, log);
  const env = { BENCH_NEO4J_URI: neo.uri, BENCH_NEO4J_PASSWORD: neo.password };
  const gds: Awaited<ReturnType<typeof gdsRun>>[] = [];
  const ours: ChildOut[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // GDS first: it writes the properties the child compares with.
      const r = await gdsRun(neo.uri, neo.password, neo.pid);
      gds.push(r);
      log(`run ${run + 1} GDS ${r.m.ms} ms (${r.m.steps.map((s) => `${s.step} ${s.ms}${s.writeMs !== undefined ? ` [compute ${s.computeMs}, write ${s.writeMs}]` : ''}`).join(', ')}); Neo4j RSS ${r.rssBefore} -> peak ${r.rssPeak} MiB; projections ${r.projectionMiB} MiB`);
      const c = await runChild<ChildOut>(CHILD, ['--samples', String(SAMPLES), '--exact-below', String(BETWEENNESS_EXACT_NODES)], env, (l) => log(`  ${l}`), MAX_MINUTES * 60_000);
      const out = c.result ?? ({ ok: false, error: c.timedOut ? `stopped after ${MAX_MINUTES} min` : c.stderr.slice(-800) } as ChildOut);
      ours.push(out);
      log(out.ok ? `run ${run + 1} graphology load ${out.steps.load} ms, compute ${out.computeMs} ms (${Object.entries(out.steps).map(([k, v]) => `${k} ${v}`).join(', ')}); peak RSS ${out.peakRss} MiB` : `run ${run + 1} graphology FAILED: ${out.error}`);
    }
  } finally {
    await neo.stop();
  }

  const ok = ours.filter((o) => o.ok);
  const m0 = gds[0]!.m;
  const gdsSec = stat(gds.map((r) => r.m.ms / 1000));
  const step = (name: string) => stat(gds.map((r) => r.m.steps.find((s) => s.step === name)?.ms ?? NaN).map((ms) => ms / 1000));
  const ourCompute = stat(ok.map((o) => o.computeMs / 1000));
  const ourTotal = stat(ok.map((o) => (o.computeMs + o.steps.load!) / 1000));
  const ourStep = (name: string) => stat(ok.map((o) => (o.steps[name] ?? NaN) / 1000));
  const gdsMem = stat(gds.map((r) => r.rssPeak - r.rssBefore), 0);
  const ourMem = stat(ok.map((o) => o.peakRss), 0);
  const ratio = (a: number, b: number) => round(a / b, 2);

  log('\n=== graph metrics benchmark ===');
  log(`graph: ${m0.entities} entities, ${m0.relationships} distinct entity pairs (claims folded); betweenness ${m0.betweennessSamples === null ? 'exact' : `sampled from ${m0.betweennessSamples} sources`}`);
  log(`${'step'.padEnd(14)}${'GDS s'.padStart(10)}${'graphology s'.padStart(14)}${'graphology/GDS'.padStart(16)}`);
  const rows: Record<string, unknown> = {};
  for (const [name, ourName] of [['project', 'load'], ['pagerank', 'pagerank'], ['degree', 'degree'], ['betweenness', 'betweenness'], ['louvain', 'louvain']] as const) {
    const a = step(name);
    const b = ourStep(ourName);
    rows[name] = { gdsSeconds: a, graphologySeconds: b, ratio: ratio(b.median, a.median) };
    log(`${(name === 'project' ? 'project/load' : name).padEnd(14)}${String(a.median).padStart(10)}${String(b.median).padStart(14)}${String(ratio(b.median, a.median)).padStart(16)}`);
  }
  log(`${'all'.padEnd(14)}${String(gdsSec.median).padStart(10)}${String(ourTotal.median).padStart(14)}${String(ratio(ourTotal.median, gdsSec.median)).padStart(16)}   (graphology without the load: ${ourCompute.median} s)`);
  log(`memory: GDS: Neo4j resident memory +${gdsMem.median} MiB during the run (projections ${gds[0]!.projectionMiB} MiB); graphology: Node peak RSS ${ourMem.median} MiB (${ok[0]?.rssAfterLoad ?? NaN} MiB after the load)`);
  if (ok[0]) {
    const a = ok[0].agreement;
    log(`agreement: PageRank top 100 ${a.pagerankTop100}/100, betweenness top 100 ${a.betweennessTop100}/100, degree equal on ${a.degreeEqual}/${a.of}; communities GDS ${m0.communities} (modularity ${round(m0.modularity, 3)}) vs graphology ${ok[0].communities} (${round(ok[0].modularity, 3)})`);
  }
  await appendResult('metrics', {
    size: { entities: g.manifest.entities + g.manifest.sources, claims: g.manifest.claims },
    runs: RUNS,
    samples: m0.betweennessSamples,
    gds: { version: m0.gdsVersion, seconds: gdsSec, steps: gds.map((r) => r.m.steps), rssDeltaMiB: gdsMem, projectionMiB: gds[0]!.projectionMiB, communities: m0.communities, modularity: m0.modularity },
    graphology: ok.length ? { computeSeconds: ourCompute, totalSeconds: ourTotal, peakRssMiB: ourMem, runs: ok } : { failed: ours.map((o) => o.error) },
    steps: rows,
    ratioTotal: ratio(ourTotal.median, gdsSec.median),
  });
  log('appended to bench/results.jsonl');
}

await main();
