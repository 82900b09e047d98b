/**
 * Graph metrics over the whole graph, computed in Neo4j by the Graph Data
 * Science library (community edition; the local launcher loads it, a remote
 * Neo4j may not have it) and stored as plain node properties of every
 * :Entity, so that the client sizes and colours by them and ad-hoc Cypher
 * reads them (`MATCH (n:Person) RETURN n.name, n.pagerank ORDER BY n.pagerank DESC`):
 *
 * - `pagerank`: PageRank over the claims as directed edges, parallel claims
 *   between two entities folded into one edge (as the client's projection);
 * - `degree`: distinct neighbours (claims undirected, folded);
 * - `betweenness`: betweenness centrality over the same undirected graph:
 *   exact up to BETWEENNESS_EXACT_NODES entities, above that estimated from
 *   BETWEENNESS_SAMPLES source nodes (GDS's sampled Brandes; exact
 *   betweenness is O(nodes x claims): at 100k entities / 1M claims, 1,000
 *   samples took 8 minutes on 2 loaded cores);
 * - `community`: Louvain community id over the undirected graph.
 *
 * A `:GraphMetrics` node records when and over what they were computed.
 * Without GDS, `computeMetrics` says so (`available: false`) and writes
 * nothing: the client then computes its metrics over what it draws.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { cypher } from '../../neo4j/cypher.ts';

/** Up to this many entities, betweenness is exact; above, sampled. */
export const BETWEENNESS_EXACT_NODES = 20_000;
/** Source nodes of sampled betweenness. */
export const BETWEENNESS_SAMPLES = 256;
/** The properties written. */
export const METRIC_PROPERTIES = ['pagerank', 'degree', 'betweenness', 'community'] as const;

export interface MetricsOptions {
  database?: string;
  /** Source nodes for sampled betweenness (default BETWEENNESS_SAMPLES, used above BETWEENNESS_EXACT_NODES entities). */
  samples?: number;
  onStep?: (step: string) => void;
}

export interface MetricsSummary {
  /** False when the Neo4j server has no Graph Data Science procedures; nothing was written. */
  available: boolean;
  gdsVersion?: string;
  entities: number;
  relationships: number;
  /** Source nodes betweenness was estimated from, or null when exact. */
  betweennessSamples: number | null;
  communities: number;
  modularity: number;
  /** Milliseconds per step (and, for the algorithms, GDS's own split: computing, writing the property), and in all. */
  steps: { step: string; ms: number; computeMs?: number; writeMs?: number }[];
  ms: number;
}

const num = (v: unknown): number => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v));
const GRAPHS = { directed: 'claimgraph-metrics-directed', undirected: 'claimgraph-metrics-undirected' };

/** The GDS version when the server has Graph Data Science, else null (no such procedure, or not allowed). */
export async function gdsVersion(driver: Driver, database?: string): Promise<string | null> {
  try {
    const res = await driver.executeQuery(cypher('derived/gds-version'), {}, { database, routing: 'READ' });
    const v = res.records[0]?.get('version') as unknown;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Computes and stores the metrics (see the module comment); `available:
 * false` when the server has no GDS. The in-memory projections are dropped
 * afterwards, also on failure.
 */
export async function computeMetrics(driver: Driver, opts: MetricsOptions = {}): Promise<MetricsSummary> {
  const t0 = performance.now();
  const { database } = opts;
  const version = await gdsVersion(driver, database);
  const out: MetricsSummary = { available: version !== null, entities: 0, relationships: 0, betweennessSamples: null, communities: 0, modularity: 0, steps: [], ms: 0 };
  if (!version) return { ...out, ms: Math.round(performance.now() - t0) };
  out.gdsVersion = version;
  const session = driver.session({ database, defaultAccessMode: 'WRITE' });
  const step = async (name: string, text: string, params: Record<string, unknown> = {}) => {
    opts.onStep?.(name);
    const s = performance.now();
    const res = await session.run(text, params);
    const r = res.records[0];
    const split = r?.has('computeMillis') ? { computeMs: num(r.get('computeMillis')), writeMs: num(r.get('writeMillis')) } : {};
    out.steps.push({ step: name, ms: Math.round(performance.now() - s), ...split });
    return r;
  };
  try {
    await dropGraphs(session);
    const p = await step('project', cypher('derived/metrics-project'), GRAPHS);
    out.entities = num(p?.get('nodes'));
    out.relationships = num(p?.get('relationships'));
    await step('pagerank', cypher('derived/metrics-pagerank'), { graph: GRAPHS.directed });
    await step('degree', cypher('derived/metrics-degree'), { graph: GRAPHS.undirected });
    const sampled = out.entities > BETWEENNESS_EXACT_NODES;
    out.betweennessSamples = sampled ? Math.max(1, Math.floor(opts.samples ?? BETWEENNESS_SAMPLES)) : null;
    await step('betweenness', cypher('derived/metrics-betweenness'), {
      graph: GRAPHS.undirected,
      config: sampled ? { writeProperty: 'betweenness', samplingSize: neo4j.int(out.betweennessSamples!), samplingSeed: neo4j.int(42) } : { writeProperty: 'betweenness' },
    });
    const l = await step('louvain', cypher('derived/metrics-louvain'), { graph: GRAPHS.undirected });
    out.communities = num(l?.get('communities'));
    out.modularity = Number(l?.get('modularity') ?? 0);
    out.ms = Math.round(performance.now() - t0);
    await step('record', cypher('derived/metrics-state'), {
      version,
      entities: neo4j.int(out.entities),
      relationships: neo4j.int(out.relationships),
      samples: out.betweennessSamples === null ? null : neo4j.int(out.betweennessSamples),
      communities: neo4j.int(out.communities),
      ms: neo4j.int(out.ms),
    });
    return out;
  } finally {
    await dropGraphs(session).catch(() => undefined);
    await session.close();
  }
}

async function dropGraphs(session: ReturnType<Driver['session']>): Promise<void> {
  for (const g of Object.values(GRAPHS)) await session.run(cypher('derived/metrics-drop'), { graph: g });
}

export interface MetricsState {
  computedAt: string;
  entities: number;
  gdsVersion: string;
  betweennessSamples: number | null;
  communities: number;
}

/** When and over what the stored metrics were computed, or null (never). */
export async function metricsState(driver: Driver, database?: string): Promise<MetricsState | null> {
  const res = await driver.executeQuery(cypher('derived/metrics-read-state'), {}, { database, routing: 'READ' });
  const r = res.records[0];
  if (!r) return null;
  const samples = r.get('betweennessSamples') as unknown;
  return {
    computedAt: String(r.get('computedAt')),
    entities: num(r.get('entities')),
    gdsVersion: String(r.get('gdsVersion')),
    betweennessSamples: samples === null ? null : num(samples),
    communities: num(r.get('communities')),
  };
}
