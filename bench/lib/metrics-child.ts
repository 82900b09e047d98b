/**
 * The graphology side of bench/metrics.ts, in its own process so that its
 * peak memory is its own: reads every :Entity and claim from Neo4j
 * (BENCH_NEO4J_URI / BENCH_NEO4J_PASSWORD), builds the same two graphs as
 * the GDS projections (directed, and undirected; parallel claims folded into
 * one edge), and computes what `claimgraph metrics` computes in Neo4j:
 * PageRank (GDS's defaults: damping 0.85, 20 iterations, tolerance 1e-7),
 * degree, betweenness (exact with graphology-metrics up to --exact-below
 * entities, else Brandes from --samples seeded sources, as GDS does) and
 * Louvain (graphology-communities-louvain). Then compares with the values
 * GDS stored. Prints `RESULT {json}`.
 *
 *   metrics-child.ts --samples 256 --exact-below 20000
 */
import { parseArgs } from 'node:util';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import neo4j from 'neo4j-driver';
import { cjs } from '../../client/src/internal/cjs.ts';
import { Rng } from '../../server/generate/rng.ts';
import { emitResult, selfPeakRssMiB } from './common.ts';

const pagerank = cjs(pagerankModule);
const betweenness = cjs(betweennessModule);
const louvain = cjs(louvainModule);

const { values } = parseArgs({ options: { samples: { type: 'string' }, 'exact-below': { type: 'string' } } });
const SAMPLES = Number(values.samples ?? 256);
const EXACT_BELOW = Number(values['exact-below'] ?? 20_000);

/**
 * Betweenness from `samples` seeded source nodes (Brandes, unweighted,
 * undirected), over a compact adjacency built from the graphology graph.
 * Written here because graphology-metrics has exact betweenness only
 * (O(nodes x edges): days at 100k entities / 1M claims), and GDS estimates
 * from sampled sources above 20,000 entities.
 */
function sampledBetweenness(g: UndirectedGraph, samples: number, seed: number): Float64Array {
  const ids = g.nodes();
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const start = new Int32Array(n + 1);
  ids.forEach((id, i) => (start[i + 1] = start[i]! + g.degreeWithoutSelfLoops(id)));
  const adj = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  g.forEachEdge((_e, _a, s, t) => {
    if (s === t) return;
    const a = index.get(s)!;
    const b = index.get(t)!;
    adj[fill[a]!++] = b;
    adj[fill[b]!++] = a;
  });
  const bc = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  const rng = new Rng(seed);
  for (let k = 0; k < Math.min(samples, n); k++) {
    const s = Math.floor(rng.next() * n);
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    sigma[s] = 1;
    dist[s] = 0;
    order[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = order[head++]!;
      for (let j = start[v]!; j < start[v + 1]!; j++) {
        const w = adj[j]!;
        if (dist[w] === -1) {
          dist[w] = dist[v]! + 1;
          order[tail++] = w;
        }
        if (dist[w] === dist[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i]!;
      for (let j = start[w]!; j < start[w + 1]!; j++) {
        const v = adj[j]!;
        if (dist[v] === dist[w]! - 1) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      }
      bc[w]! += delta[w]!;
    }
  }
  return bc;
}

const rssAtStart = selfPeakRssMiB();
const driver = neo4j.driver(process.env.BENCH_NEO4J_URI!, neo4j.auth.basic('neo4j', process.env.BENCH_NEO4J_PASSWORD!));
const steps: Record<string, number> = {};
const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const out = await f();
  steps[name] = Math.round(performance.now() - t);
  process.stderr.write(`graphology ${name} ${steps[name]} ms\n`);
  return out;
};
try {
  const directed = new DirectedGraph();
  const undirected = new UndirectedGraph();
  await time('load', async () => {
    const session = driver.session({ defaultAccessMode: 'READ' });
    try {
      for await (const r of session.run('MATCH (n:Entity) RETURN n.id AS id')) {
        const id = r.get('id') as string;
        directed.addNode(id);
        undirected.addNode(id);
      }
      for await (const r of session.run('MATCH (a:Entity)-[]->(b:Entity) RETURN a.id AS a, b.id AS b')) {
        const a = r.get('a') as string;
        const b = r.get('b') as string;
        directed.mergeEdge(a, b);
        undirected.mergeEdge(a, b);
      }
    } finally {
      await session.close();
    }
  });
  const rssAfterLoad = selfPeakRssMiB();
  const t0 = performance.now();
  const pr = await time('pagerank', () => pagerank(directed, { alpha: 0.85, maxIterations: 20, tolerance: 1e-7, getEdgeWeight: null }));
  const degree = await time('degree', () => new Map(undirected.mapNodes((id) => [id, undirected.neighbors(id).length] as const)));
  const exact = undirected.order <= EXACT_BELOW;
  const bc = await time('betweenness', () => (exact ? betweenness(undirected, { normalized: false, getEdgeWeight: null }) : sampledBetweenness(undirected, SAMPLES, 42)));
  const rng = new Rng(7);
  const communities = await time('louvain', () => louvain.detailed(undirected, { rng: () => rng.next() }));
  const computeMs = Math.round(performance.now() - t0);

  // Agreement with what GDS stored: the top 100 by PageRank, degrees equal, Louvain's community count and modularity.
  const stored = await driver.executeQuery('MATCH (n:Entity) RETURN n.id AS id, n.pagerank AS pagerank, n.degree AS degree, n.betweenness AS betweenness');
  const gds = stored.records.map((r) => ({ id: r.get('id') as string, pagerank: Number(r.get('pagerank')), degree: Number(r.get('degree')), betweenness: Number(r.get('betweenness')) }));
  const top = (list: [string, number][]) => new Set(list.sort((a, b) => b[1] - a[1]).slice(0, 100).map(([id]) => id));
  const gdsTop = top(gds.map((r) => [r.id, r.pagerank]));
  const ourTop = top(Object.entries(pr));
  const degreeEqual = gds.filter((r) => degree.get(r.id) === r.degree).length;
  const ids = undirected.nodes();
  const bcOf = (i: number, id: string) => (exact ? (bc as Record<string, number>)[id]! : (bc as Float64Array)[i]!);
  const bcTop = top(ids.map((id, i) => [id, bcOf(i, id)]));
  const gdsBcTop = top(gds.map((r) => [r.id, r.betweenness]));
  emitResult({
    ok: true,
    nodes: undirected.order,
    directedEdges: directed.size,
    undirectedEdges: undirected.size,
    betweenness: exact ? 'exact' : `sampled ${SAMPLES}`,
    steps,
    computeMs,
    rssAtStart,
    rssAfterLoad,
    peakRss: selfPeakRssMiB(),
    communities: communities.count,
    modularity: communities.modularity,
    agreement: {
      pagerankTop100: [...ourTop].filter((id) => gdsTop.has(id)).length,
      betweennessTop100: [...bcTop].filter((id) => gdsBcTop.has(id)).length,
      degreeEqual,
      of: gds.length,
    },
  });
} catch (err) {
  emitResult({ ok: false, error: String((err as Error).stack ?? err) });
} finally {
  await driver.close();
}
