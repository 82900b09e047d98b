/**
 * Benchmark 2: queries through the API. `npm run bench:api -- [--entities 100000] [--claims 1000000]
 *   [--runs 3] [--connections 4] [--requests 200] [--only name,...] [--profile] [--cpu-prof]`
 *
 * On the generated graph (imported once into bench/data/neo4j-api-<name> by
 * our importer, LOAD CSV if our importer cannot; the store is reused), for
 * each scenario (search, entity detail, neighbourhood depth 1 and 2 of a hub
 * and of a typical node, shortest paths, an ad-hoc Cypher query, the opening view):
 * - the API (createApp in its own process, as `npm start` serves it) under a
 *   bounded concurrent load from autocannon on 127.0.0.1;
 * - the baseline: exactly the Cypher statements the API sends for that request
 *   (recorded through a wrapped driver), replayed with the bare driver at the
 *   same concurrency and request count.
 * Latency p50/p95/p99 of each, the API / driver ratio per run (median over
 * runs), errors, and the hub / typical ratio for neighbourhoods. With
 * --profile, the PROFILE of every statement (operators, db hits, whether an
 * index was used).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Deps } from '../server/kernel/deps.ts';
import { NeighborhoodQuery, OverviewQuery, PathsQuery, SearchQuery } from '../server/kernel/contract.ts';
import { createLogger } from '../server/kernel/log.ts';
import { loadConfig } from '../server/config.ts';
import { entityDetail } from '../server/reads/entity.ts';
import { neighborhood } from '../server/reads/neighborhood.ts';
import { overview } from '../server/reads/overview.ts';
import { shortestPaths } from '../server/reads/paths.ts';
import { search } from '../server/reads/search.ts';
import { runSafeQuery } from '../server/reads/cypher/index.ts';
import { DENSE_DEGREE } from '../server/import/derived/index.ts';
import type { LocalNeo4j } from '../server/neo4j/launcher.ts';
import { appendResult, ensureDataset, machine, parseIntArg, quantile, ROOT, round, stat, type Generated } from './lib/common.ts';
import { ensureApiStore } from './lib/store.ts';
import { summarizeCpuProfile } from './lib/cpu-profile.ts';
import { recordingDriver, replay, type Statement } from './lib/recording.ts';

const { values } = parseArgs({
  options: {
    'store-importer': { type: 'string' },
    entities: { type: 'string' },
    claims: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    connections: { type: 'string' },
    requests: { type: 'string' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-alternatives': { type: 'boolean', default: false },
    'max-seconds': { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const ENTITIES = parseIntArg(values.entities, 100_000);
const CLAIMS = parseIntArg(values.claims, 1_000_000);
const SEED = parseIntArg(values.seed, 1);
const RUNS = parseIntArg(values.runs, 3);
const CONNECTIONS = parseIntArg(values.connections, 4);
const REQUESTS = parseIntArg(values.requests, 200);
/** Bound on one load of one scenario (API or driver), whatever the request count. */
const MAX_SECONDS = parseIntArg(values['max-seconds'], 20);
/** The API's query timeout (its default unless QUERY_TIMEOUT_MS is set); the baseline gets the same. */
const QUERY_TIMEOUT_MS = parseIntArg(process.env.QUERY_TIMEOUT_MS, 10_000);
const log = (s: string) => console.log(s);

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Fraction of --requests (heavy scenarios get fewer). */
  share: number;
  /** Calls the API's own function with a recording driver. */
  record: (deps: Deps) => Promise<unknown>;
}

const ADHOC = `MATCH (p:Person {id: $id})-[:MEMBER_OF|EMPLOYED_BY|LEADS]->(o:Organization)
OPTIONAL MATCH (o)<-[f:FUNDED]-(funder)
RETURN o.name AS organization, count(f) AS grants, sum(f.amount) AS total
ORDER BY total DESC LIMIT 25`;

/**
 * A node below the dense degree (so its hops are ranked in Cypher, not read
 * from the dense index) with the most claims: its depth-1 neighbourhood fills
 * the same caps as the hub's (150 nodes, 2,000 claims), so the two answers
 * are the same size and the ratio says what being a supernode costs.
 */
async function fullNode(driver: Driver): Promise<{ id: string; degree: number }> {
  const { records } = await driver.executeQuery(
    'MATCH (n:Entity) WITH n, COUNT { (n)--(:Entity) } AS d WHERE d < $dense RETURN n.id AS id, d ORDER BY d DESC, id LIMIT 1',
    { dense: neo4j.int(DENSE_DEGREE) },
  );
  return { id: String(records[0]!.get('id')), degree: Number(records[0]!.get('d')) };
}

function scenarios(g: Generated, full: string): Scenario[] {
  const hub = g.manifest.hubs[0]!.id;
  const typ = g.manifest.typical.id;
  const other = g.manifest.typicalOthers[0]?.id ?? g.manifest.hubs[1]!.id;
  const q = 'freedom council';
  const enc = encodeURIComponent;
  return [
    { name: 'search', method: 'GET', path: `/api/search?q=${enc(q)}`, share: 1, record: (d) => search(d, SearchQuery.parse({ q })) },
    { name: 'entity-typical', method: 'GET', path: `/api/entities/${typ}`, share: 1, record: (d) => entityDetail(d, typ) },
    { name: 'entity-hub', method: 'GET', path: `/api/entities/${hub}`, share: 0.2, record: (d) => entityDetail(d, hub) },
    ...[1, 2].flatMap((depth): Scenario[] => [
      { name: `neighborhood-typical-d${depth}`, method: 'GET', path: `/api/entities/${typ}/neighborhood?depth=${depth}`, share: 1, record: (d) => neighborhood(d, typ, NeighborhoodQuery.parse({ depth })) },
      { name: `neighborhood-hub-d${depth}`, method: 'GET', path: `/api/entities/${hub}/neighborhood?depth=${depth}`, share: 0.5, record: (d) => neighborhood(d, hub, NeighborhoodQuery.parse({ depth })) },
    ]),
    { name: 'neighborhood-full-d1', method: 'GET', path: `/api/entities/${full}/neighborhood?depth=1`, share: 0.5, record: (d) => neighborhood(d, full, NeighborhoodQuery.parse({ depth: 1 })) },
    { name: 'paths', method: 'GET', path: `/api/paths?from=${typ}&to=${other}`, share: 0.5, record: (d) => shortestPaths(d, PathsQuery.parse({ from: typ, to: other })) },
    { name: 'cypher', method: 'POST', path: '/api/cypher', body: { query: ADHOC, params: { id: typ } }, share: 1, record: (d) => runSafeQuery(d, ADHOC, { id: typ }) },
    { name: 'overview', method: 'GET', path: '/api/graph?limit=500', share: 0.5, record: (d) => overview(d, OverviewQuery.parse({ limit: '500' })) },
  ];
}

// ---- the API process ----

async function startApi(neo: LocalNeo4j, cpuProfile?: string): Promise<{ port: number; child: ChildProcess; stop(): Promise<void>; startProfile(): Promise<void> }> {
  let stopping = false;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'lib', 'api-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password, RATE_LIMIT_PER_MINUTE: '100000000', CYPHER_CONCURRENCY_PER_CLIENT: '1000', LOG_LEVEL: 'info', ...(cpuProfile ? { API_CPU_PROFILE: cpuProfile } : {}) },
    // Its stderr (a crash's stack, a warning) goes to bench/data/api-server.log, and an exit during the loads is reported.
    stdio: ['pipe', 'pipe', openSync(path.join(ROOT, 'bench', 'data', 'api-server.log'), 'a')],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) log(`the API process exited during the loads (code ${code}, signal ${signal}); its stderr is in bench/data/api-server.log`);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start within 60 s')), 60_000);
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l === 'PROFILING') child.emit('profiling');
      const m = /^LISTENING (\d+)/.exec(l);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the API exited (${code})`)));
  });
  return {
    port,
    child,
    startProfile: () =>
      new Promise<void>((resolve) => {
        child.once('profiling', () => resolve());
        child.kill('SIGUSR2');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---- where the API's time goes ----

/**
 * --cpu-prof: for each scenario, a fresh API process, warmed up, is profiled
 * (V8's CPU profiler) through one load, and its CPU time is summed per
 * package and per function, per request: what each millisecond of the API's
 * side is (HTTP, Express, zod, the driver, our conversion, GC).
 */
async function profileApi(neo: LocalNeo4j, all: Scenario[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const sc of all) {
    const dir = await mkdtemp(path.join(tmpdir(), 'claimgraph-cpuprof-'));
    try {
      const file = path.join(dir, 'api.cpuprofile');
      const api = await startApi(neo, file);
      await apiLoad(api.port, sc, 5);
      const amount = Math.max(20, Math.round(REQUESTS * sc.share));
      await api.startProfile();
      const load = await apiLoad(api.port, sc, amount);
      await api.stop();
      const sum = await summarizeCpuProfile(file, 15);
      const n = load.requests;
      const per = (ms: number) => round(ms / n, 3);
      out[sc.name] = { requests: n, busyMsPerRequest: per(sum.busyMs), byPackage: sum.byPackage.slice(0, 12).map((p) => ({ ...p, ms: per(p.ms) })), topFunctions: sum.topFunctions.map((f) => ({ ...f, ms: per(f.ms) })) };
      log(`CPU of the API process per request, ${sc.name} (${n} requests): ${per(sum.busyMs)} ms busy; ${sum.byPackage.slice(0, 10).map((p) => `${p.name} ${per(p.ms)}`).join(', ')}`);
      for (const f of sum.topFunctions.slice(0, 8)) log(`    ${per(f.ms)} ms  ${f.name}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}

// ---- load ----

interface Load {
  latencies: number[];
  errors: number;
  non2xx: number;
  requests: number;
  seconds: number;
}

function summarize(l: Load) {
  const s = [...l.latencies].sort((a, b) => a - b);
  return {
    p50: round(quantile(s, 0.5)),
    p95: round(quantile(s, 0.95)),
    p99: round(quantile(s, 0.99)),
    requests: l.requests,
    errors: l.errors,
    non2xx: l.non2xx,
    rps: round(l.requests / l.seconds, 1),
  };
}

async function apiLoad(port: number, sc: Scenario, amount: number): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  let finish!: (r: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${sc.path}`,
    method: sc.method,
    connections: Math.min(CONNECTIONS, amount),
    amount,
    timeout: MAX_SECONDS,
    ...(sc.body ? { body: JSON.stringify(sc.body), headers: { 'content-type': 'application/json' } } : {}),
  }, (err, result) => {
    if (err) errors++;
    finish(result);
  });
  instance.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  instance.on('reqError', () => errors++);
  const guard = setTimeout(() => (instance as unknown as { stop(): void }).stop(), MAX_SECONDS * 1000);
  const result = await done;
  clearTimeout(guard);
  return { latencies, errors: errors + result.errors + result.timeouts, non2xx: result.non2xx, requests: result.requests.total, seconds: (performance.now() - t0) / 1000 };
}

async function driverLoad(driver: Driver, statements: Statement[], amount: number): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const t0 = performance.now();
  const deadline = t0 + MAX_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (issued < amount && performance.now() < deadline) {
        issued++;
        const s = performance.now();
        try {
          await replay(driver, statements, QUERY_TIMEOUT_MS);
          latencies.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, non2xx: 0, requests: latencies.length + errors, seconds: (performance.now() - t0) / 1000 };
}

// ---- PROFILE ----

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
  arguments?: Record<string, unknown>;
}

async function profile(driver: Driver, s: Statement) {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const text = s.text.replace(/^\s*(EXPLAIN|PROFILE)\s+/i, '');
    const res = await session.run(`PROFILE ${text}`, s.params);
    const ops: string[] = [];
    let dbHits = 0;
    const walk = (p: PlanNode) => {
      ops.push(p.operatorType.replace(/@.*$/, ''));
      dbHits += Number(p.dbHits ?? 0);
      p.children.forEach(walk);
    };
    walk(res.summary.profile as unknown as PlanNode);
    const scans = ops.filter((o) => /AllNodesScan|NodeByLabelScan|DirectedAllRelationshipsScan|UndirectedAllRelationshipsScan/.test(o));
    return { statement: text.split('\n').filter((l) => !l.trim().startsWith('//'))[0]!.slice(0, 80), operators: [...new Set(ops)], dbHits, scans };
  } finally {
    await session.close();
  }
}

// ---- alternatives: the same statement rewritten, timed on the bare driver ----

interface Alternative {
  name: string;
  scenario: string;
  /** Index of the statement among those the scenario sends. */
  index: number;
  /** The rewritten text, or undefined when the original no longer has that shape. */
  rewrite: (text: string) => string | undefined;
  params?: (p: Record<string, unknown>) => Record<string, unknown>;
}

const swap = (from: string, to: string) => (t: string) => (t.includes(from) ? t.replace(from, to) : undefined);
// The rewrites measured in the first report (claim source through :Entity(id), top ids kept in Cypher,
// left-out summary counted in Cypher, Expand(Into) for the subgraph) are applied or were rejected;
// their statements no longer have the old shape. What is left to compare:
const ALTERNATIVES: Alternative[] = [
  {
    name: 'ad-hoc query anchored on :Entity(id) instead of :Person {id} (with the per-kind id indexes of cypher/schema.cypher both seek an index)',
    scenario: 'cypher',
    index: 0,
    rewrite: swap('MATCH (p:Person {id: $id})', 'MATCH (p:Entity:Person {id: $id})'),
  },
];

async function sequentialMs(driver: Driver, s: Statement, most: number): Promise<number> {
  const t0 = performance.now();
  await replay(driver, [s]);
  const first = performance.now() - t0;
  // Slow statements get fewer runs, so that this stays within minutes.
  const n = first > 2000 ? 3 : first > 300 ? Math.min(most, 7) : most;
  if (first < 2000) await replay(driver, [s]);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await replay(driver, [s]);
    xs.push(performance.now() - t);
  }
  return round(quantile(xs.sort((a, b) => a - b), 0.5));
}

async function alternatives(driver: Driver, recorded: Map<string, Statement[]>) {
  const out: { name: string; scenario: string; originalP50: number; rewrittenP50: number; ratio: number }[] = [];
  for (const alt of ALTERNATIVES) {
    const original = recorded.get(alt.scenario)?.[alt.index];
    const text = original ? alt.rewrite(original.text) : undefined;
    if (!original || !text) {
      log(`alternative "${alt.name}" (${alt.scenario}): n/a (the statement no longer has that shape)`);
      continue;
    }
    const rewritten = { text, params: alt.params ? alt.params(original.params) : original.params };
    const a = await sequentialMs(driver, original, 15);
    const b = await sequentialMs(driver, rewritten, 15);
    out.push({ name: alt.name, scenario: alt.scenario, originalP50: a, rewrittenP50: b, ratio: round(b / a, 3) });
    log(`alternative (${alt.scenario} statement ${alt.index}): ${alt.name}: ${a} ms -> ${b} ms p50 sequential (x${round(b / a, 3)})`);
  }
  return out;
}

// ---- main ----

async function main() {
  log(`bench:api — ${ENTITIES}/${CLAIMS}, ${RUNS} runs, ${CONNECTIONS} connections, ${REQUESTS} requests per load (bounded to ${MAX_SECONDS} s); ${JSON.stringify(machine())}`);
  const g = await ensureDataset(ENTITIES, CLAIMS, SEED, log);
  const neo = await ensureApiStore(g, log, values['store-importer'] === 'ours' ? 'ours' : 'loadcsv');
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password), { maxConnectionPoolSize: 50 });
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  try {
    // Recording asks "which statements does this request send", so it runs without the query
    // timeout; the API under load keeps the default timeout (QUERY_TIMEOUT_MS), as users get it.
    const config = loadConfig({ NEO4J_URI: neo.uri, NEO4J_PASSWORD: neo.password, LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '600000' });
    const full = await fullNode(driver);
    log(`full node (below the dense degree, most claims): ${full.id}, ${full.degree} claims`);
    const all = scenarios(g, full.id).filter((s) => !values.only || values.only.split(',').includes(s.name));
    // Record what the API sends for each scenario (and warm the plan cache and page cache).
    const recorded = new Map<string, Statement[]>();
    const sizes: Record<string, string> = {};
    for (const sc of all) {
      const logStatements: Statement[] = [];
      const deps: Deps = { driver: recordingDriver(driver, logStatements), database: undefined, config, log: createLogger('silent') };
      const t0 = performance.now();
      let failure = '';
      let size = '';
      try {
        const answer = (await sc.record(deps)) as { nodes?: unknown[]; edges?: unknown[] } | undefined;
        if (answer?.nodes && answer.edges) size = `, answer ${answer.nodes.length} nodes / ${answer.edges.length} edges / ${Math.round(JSON.stringify(answer).length / 1024)} KiB`;
        sizes[sc.name] = size;
      } catch (err) {
        failure = ` — FAILED: ${String((err as Error).message).split('\n')[0]}`;
      }
      const ms = performance.now() - t0;
      // The safety check's EXPLAIN is API overhead, not part of "the same Cypher".
      recorded.set(sc.name, logStatements.filter((s) => !/^\s*EXPLAIN\s/i.test(s.text)));
      log(`${sc.name}: ${logStatements.length} statements (${recorded.get(sc.name)!.length} replayed by the baseline), first call ${Math.round(ms)} ms${size}${failure}`);
    }
    const profiles: Record<string, unknown> = {};
    if (values.profile) {
      for (const sc of all) {
        profiles[sc.name] = await Promise.all(recorded.get(sc.name)!.map((s) => profile(driver, s)));
        log(`PROFILE ${sc.name}: ${JSON.stringify(profiles[sc.name])}`);
      }
    }
    const alts = values['no-alternatives'] ? [] : await alternatives(driver, recorded);
    api = await startApi(neo);
    // Warm-up: a few requests per scenario through each path.
    for (const sc of all) {
      await apiLoad(api.port, sc, 3);
      await driverLoad(driver, recorded.get(sc.name)!, 3);
    }

    const perRun = new Map<string, { api: ReturnType<typeof summarize>; driver: ReturnType<typeof summarize> }[]>();
    for (let run = 0; run < RUNS; run++) {
      for (const sc of all) {
        const amount = Math.max(20, Math.round(REQUESTS * sc.share));
        const statements = recorded.get(sc.name)!;
        let a: Load;
        let d: Load;
        if (run % 2 === 0) {
          a = await apiLoad(api.port, sc, amount);
          d = await driverLoad(driver, statements, amount);
        } else {
          d = await driverLoad(driver, statements, amount);
          a = await apiLoad(api.port, sc, amount);
        }
        const entry = { api: summarize(a), driver: summarize(d) };
        perRun.set(sc.name, [...(perRun.get(sc.name) ?? []), entry]);
        log(`run ${run + 1} ${sc.name.padEnd(24)} API p50 ${entry.api.p50} p95 ${entry.api.p95} p99 ${entry.api.p99} ms (${entry.api.requests} req, ${entry.api.errors} errors, ${entry.api.non2xx} non-2xx) | driver p50 ${entry.driver.p50} p95 ${entry.driver.p95} p99 ${entry.driver.p99} ms | ratio p50 ${round(entry.api.p50 / entry.driver.p50, 3)}`);
      }
    }

    const cpu = values['cpu-prof'] ? await profileApi(neo, all) : undefined;

    const table: Record<string, unknown> = {};
    for (const [name, runs] of perRun) {
      // A ratio only where both sides answered every request (a timed-out side has no latency to compare).
      const clean = runs.filter((r) => r.api.errors + r.api.non2xx + r.driver.errors === 0);
      const ratio = clean.length ? stat(clean.map((r) => r.api.p50 / r.driver.p50)) : null;
      table[name] = {
        api: { p50: stat(runs.map((r) => r.api.p50)), p95: stat(runs.map((r) => r.api.p95)), p99: stat(runs.map((r) => r.api.p99)), rps: stat(runs.map((r) => r.api.rps)) },
        driver: { p50: stat(runs.map((r) => r.driver.p50)), p95: stat(runs.map((r) => r.driver.p95)), p99: stat(runs.map((r) => r.driver.p99)) },
        ratioP50: ratio,
        errors: runs.reduce((n, r) => n + r.api.errors + r.api.non2xx, 0),
        driverErrors: runs.reduce((n, r) => n + r.driver.errors, 0),
        statements: recorded.get(name)!.length,
      };
    }
    const p50 = (n: string) => (table[n] as { api: { p50: { median: number } } } | undefined)?.api.p50.median;
    const supernode = [1, 2].map((d) => {
      const hub = p50(`neighborhood-hub-d${d}`);
      const typ = p50(`neighborhood-typical-d${d}`);
      const same = d === 1 ? p50('neighborhood-full-d1') : undefined;
      return { depth: d, hubP50: hub, typicalP50: typ, ratio: hub && typ ? round(hub / typ, 2) : null, fullP50: same, ratioToFull: hub && same ? round(hub / same, 2) : null };
    });
    const worstRatio = Math.max(...Object.values(table).map((t) => (t as { ratioP50: { median: number } | null }).ratioP50?.median ?? 0));
    const totalErrors = Object.values(table).reduce((n: number, t) => n + (t as { errors: number }).errors, 0);

    log('\n=== API benchmark (latency in ms; median over runs) ===');
    log(`${'scenario'.padEnd(26)}${'API p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'drv p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'ratio p50 (min-max)'.padStart(24)}${'err api/drv'.padStart(12)}`);
    for (const [name, t] of Object.entries(table) as [string, { api: Record<string, { median: number }>; driver: Record<string, { median: number }>; ratioP50: { median: number; min: number; max: number } | null; errors: number; driverErrors: number }][]) {
      log(
        `${name.padEnd(26)}${String(t.api.p50!.median).padStart(9)}${String(t.api.p95!.median).padStart(9)}${String(t.api.p99!.median).padStart(9)}` +
          `${String(t.driver.p50!.median).padStart(9)}${String(t.driver.p95!.median).padStart(9)}${String(t.driver.p99!.median).padStart(9)}` +
          `${(t.ratioP50 ? `${t.ratioP50.median} (${t.ratioP50.min}-${t.ratioP50.max})` : 'n/a (timeouts)').padStart(24)}${`${t.errors}/${t.driverErrors}`.padStart(8)}`,
      );
    }
    for (const s of supernode) {
      log(`supernode: neighbourhood depth ${s.depth}: hub p50 ${s.hubP50} ms vs typical ${s.typicalP50} ms = ${s.ratio}x`);
      if (s.fullP50) log(`supernode: neighbourhood depth ${s.depth}: hub p50 ${s.hubP50} ms vs a node below the dense degree with an answer as big (${full.id}) ${s.fullP50} ms = ${s.ratioToFull}x`);
    }
    log(`targets: API/driver p50 <= 1.15 in every scenario: ${worstRatio <= 1.15 ? 'MET' : `NOT MET (worst ${worstRatio})`}; no errors: ${totalErrors === 0 ? 'MET' : `NOT MET (${totalErrors})`}`);
    await appendResult('api', {
      size: { entities: g.manifest.entities + g.manifest.sources, claims: g.manifest.claims, hub: g.manifest.hubs[0], typical: g.manifest.typical },
      load: { connections: CONNECTIONS, requests: REQUESTS, maxSeconds: MAX_SECONDS, runs: RUNS, queryTimeoutMs: QUERY_TIMEOUT_MS },
      scenarios: table,
      supernode,
      full,
      answers: sizes,
      targets: { worstRatioP50: worstRatio, ratioTarget: 1.15, errors: totalErrors },
      profiles: values.profile ? profiles : undefined,
      cpu,
      alternatives: alts,
    });
    log('appended to bench/results.jsonl');
  } finally {
    await api?.stop();
    await driver.close();
    await neo.stop();
  }
}

await main();
