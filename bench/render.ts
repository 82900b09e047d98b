/**
 * Benchmark 4: rendering in headless Chromium. Our client drawing a big
 * opening view (default 50k entities / 125k claims) against a bare sigma.js
 * page (bench/render/bare.ts) drawing the same graph, both served by the same
 * server with the same bytes of `GET /api/graph`. See bench/RENDER.md.
 *
 *   npm run bench:render -- [--entities 50000] [--claims 125000] [--seed 1] [--runs 3]
 *                           [--move-ms 3200] [--full-frames 8] [--layout-ms 10000] [--no-layout]
 *                           [--cached | --temp-store] [--importer bench|ours] [--profile] [--label TEXT] [--no-append]
 *
 * Per page and run (pages alternate A B, B A, … in fresh browser contexts):
 * - time to first render: navigation start → the end of the first sigma
 *   render holding every node (performance.now() in the page), and when the
 *   `/api/graph` response ended (so what is the client's own is visible);
 * - main-thread JavaScript per frame while the camera pans and zooms (sigma's
 *   own animation, so sigma knows it is moving), and per frame when the camera
 *   jumps once per animation frame (every frame a full drawing): a sampling
 *   CPU profile of the page over the sequence (CDP Profiler, 200 µs), its
 *   JavaScript samples (garbage collection included) apart from native ones
 *   ("(program)": style, layout, paint, waiting on software WebGL), divided
 *   by the renders sigma did; plus the time inside sigma's render alone;
 * - ForceAtlas2 iterations per second: our worker (started with the Layout
 *   button) against graphology's own FA2 worker on the bare page, same
 *   settings, and the main thread's JavaScript per second meanwhile.
 *
 * The data: generated once into bench/data/render-n<E>-m<M>-s<S>/dataset,
 * loaded once into a local Neo4j whose store is kept in .../neo4j
 * (`--temp-store`: a throwaway store, loaded every run) by bench/render/store.ts
 * (what our importer writes, claims created in batches; `--importer ours`:
 * importDataset, which is quadratic in claims on Neo4j 5.26), then the
 * real server (createApp) answers `/api/graph` once per run; that answer and
 * `/api/schema` are served from memory to every page load (and kept next to
 * the dataset, so `--cached` can rerun the browser part without Neo4j).
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type {} from '../client/src/app/types.ts';
import type { BareHook } from './render/bare.ts';
import { createApp } from '../server/api/app.ts';
import { createLogger } from '../server/kernel/log.ts';
import { loadConfig } from '../server/config.ts';
import { generateDataset } from '../server/generate/generate.ts';
import { importDataset } from '../server/import/index.ts';
import { createDriver } from '../server/neo4j/connection.ts';
import { findFreePort, startLocalNeo4j, type LocalNeo4j } from '../server/neo4j/launcher.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { loadStore } from './render/store.ts';
import { buildIfStale, DATA_DIR, machine, RENDER_DIR, RESULTS_FILE, ROOT, round, sleep, stat, table, type Stat } from './render/lib.ts';

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '50000' },
    claims: { type: 'string', default: '125000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    'move-ms': { type: 'string', default: '3200' },
    'layout-ms': { type: 'string', default: '10000' },
    'no-layout': { type: 'boolean', default: false },
    cached: { type: 'boolean', default: false },
    'temp-store': { type: 'boolean', default: false },
    importer: { type: 'string', default: 'bench' },
    label: { type: 'string' },
    'no-append': { type: 'boolean', default: false },
    'full-frames': { type: 'string', default: '8' },
    profile: { type: 'boolean', default: false },
  },
});
const int = (name: string, v: string) => {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: not a whole number: ${v}`);
  return n;
};
const ENTITIES = int('entities', args.entities);
const CLAIMS = int('claims', args.claims);
const SEED = int('seed', args.seed);
const RUNS = int('runs', args.runs);
const MOVE_MS = int('move-ms', args['move-ms']);
const LAYOUT_MS = args['no-layout'] ? 0 : int('layout-ms', args['layout-ms']);
const FULL_FRAMES = int('full-frames', args['full-frames']);
/** The view asks for every entity (up to the API's 100 000) and ten claims per entity (up to 500 000). */
const LIMIT = Math.min(100_000, ENTITIES);
const EDGE_LIMIT = Math.min(500_000, Math.max(20_000, LIMIT * 10));

const log = (l: string) => process.stderr.write(l + '\n');
const NEO4J_ENV: Record<string, string> = { NEO4J_HEAP: '4g', NEO4J_TX_MEMORY_MAX: '2g', NEO4J_TX_TIMEOUT: '30m' };
const neo4jSettings = () => Object.fromEntries(Object.keys(NEO4J_ENV).map((k) => [k, process.env[k] ?? NEO4J_ENV[k]!]));

// ---- data -----------------------------------------------------------------------------

const dataDir = path.join(DATA_DIR, `render-n${ENTITIES}-m${CLAIMS}-s${SEED}`);
const datasetDir = path.join(dataDir, 'dataset');
const storeDir = path.join(dataDir, 'neo4j');
const STORE_KEY = `render-n${ENTITIES}-m${CLAIMS}-s${SEED}`;
const graphDump = path.join(dataDir, 'api-graph.json');
const schemaDump = path.join(dataDir, 'api-schema.json');

async function ensureDataset(): Promise<void> {
  if (existsSync(path.join(datasetDir, '.generated.json'))) return;
  log(`generating ${ENTITIES} entities / ${CLAIMS} claims (seed ${SEED}) into ${path.relative(ROOT, datasetDir)} ...`);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const t0 = performance.now();
  await generateDataset({ entities: ENTITIES, claims: CLAIMS, seed: SEED, out: datasetDir });
  log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

interface Served {
  base: string;
  graph: Buffer;
  schema: Buffer;
  /** Seconds the live server took to answer /api/graph (Neo4j included), when not --cached. */
  liveGraphSeconds: number | null;
  importSeconds: number | null;
  close(): Promise<void>;
}

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/**
 * One HTTP server on 127.0.0.1: /__bare/ from bench/render/dist, GET
 * /api/graph and /api/schema from memory (the live answers, fetched once),
 * everything else to the app (its built client included).
 */
async function serve(): Promise<Served> {
  let neo4j: LocalNeo4j | undefined;
  let neo4jDir: string | undefined;
  let driver: ReturnType<typeof createDriver> | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  let importSeconds: number | null = null;
  let graph: Buffer | undefined;
  let schema: Buffer | undefined;
  if (args.cached) {
    if (!existsSync(graphDump) || !existsSync(schemaDump)) throw new Error(`--cached: no ${path.relative(ROOT, graphDump)} yet; run once without --cached`);
    graph = await readFile(graphDump);
    schema = await readFile(schemaDump);
    // The app without a database: it serves the client, and the two API answers come from memory.
    driver = createDriver('bolt://127.0.0.1:9', 'neo4j', 'no-database');
    app = createApp({ driver, database: undefined, config: loadConfig({ LOG_LEVEL: 'silent' }), log: createLogger('silent') });
  } else {
    await ensureDataset();
    for (const [k, v] of Object.entries(neo4jSettings())) process.env[k] = v;
    // The imported store is kept next to the dataset and reused (the import is
    // not what this benchmark measures); --temp-store uses a throwaway one.
    const marker = path.join(storeDir, '.render-imported');
    const imported = !args['temp-store'] && existsSync(marker) && (await readFile(marker, 'utf8')).trim() === STORE_KEY;
    if (args['temp-store']) neo4jDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-render-neo4j-'));
    else if (!imported) await rm(storeDir, { recursive: true, force: true });
    const dir = neo4jDir ?? storeDir;
    log(`starting Neo4j (${path.relative(ROOT, dir)}, heap ${process.env.NEO4J_HEAP}) ...`);
    neo4j = await startLocalNeo4j({ port: await findFreePort(), dataDir: dir, password: 'bench-password', startTimeoutMs: 300_000 });
    driver = createDriver(neo4j.uri, neo4j.user, neo4j.password);
    if (!imported) {
      const ours = args.importer === 'ours';
      log(`loading ${path.relative(ROOT, datasetDir)} (${ours ? 'our importer' : 'bench/render/store.ts'}; once, later runs reuse the store) ...`);
      const t0 = performance.now();
      const counts = ours ? (await importDataset(driver, datasetDir)).counts : await loadStore(driver, datasetDir, log);
      importSeconds = round((performance.now() - t0) / 1000, 1);
      log(`  ${counts.entities} entities, ${counts.claims} claims in ${importSeconds} s`);
      if (!neo4jDir) await writeFile(marker, STORE_KEY + '\n');
    }
    // The view is asked for once, and its time is not what this benchmark measures: a generous query timeout on a loaded machine.
    app = createApp({ driver, database: undefined, config: loadConfig({ RATE_LIMIT_PER_MINUTE: '100000', QUERY_TIMEOUT_MS: '300000', LOG_LEVEL: 'silent' }), log: createLogger('silent') });
  }
  const bareDist = path.join(RENDER_DIR, 'dist');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/__blank') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>blank</title>');
      return;
    }
    if (url.pathname.startsWith('/__bare/')) {
      const file = path.join(bareDist, path.normalize(url.pathname.slice('/__bare/'.length)).replace(/^(\.\.[/\\])+/, ''));
      readFile(file).then(
        (body) => res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' }).end(body),
        () => res.writeHead(404).end(),
      );
      return;
    }
    if (req.method === 'GET' && graph && schema && (url.pathname === '/api/graph' || url.pathname === '/api/schema')) {
      const p = url.searchParams;
      if (url.pathname === '/api/graph' && (p.get('limit') !== String(LIMIT) || p.get('edgeLimit') !== String(EDGE_LIMIT) || p.get('includeSources') !== 'true')) {
        log(`  unexpected view requested: ${req.url}`);
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(url.pathname === '/api/graph' ? graph : schema);
      return;
    }
    if (app) app(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let liveGraphSeconds: number | null = null;
  if (!graph) {
    log('asking the live server for the view ...');
    const t0 = performance.now();
    const res = await fetch(`${base}/api/graph?limit=${LIMIT}&edgeLimit=${EDGE_LIMIT}&includeSources=true`);
    if (!res.ok) throw new Error(`GET /api/graph: ${res.status} ${await res.text()}`);
    const g = Buffer.from(await res.arrayBuffer());
    liveGraphSeconds = round((performance.now() - t0) / 1000, 2);
    const s = Buffer.from(await (await fetch(`${base}/api/schema`)).arrayBuffer());
    await writeFile(graphDump, g);
    await writeFile(schemaDump, s);
    graph = g;
    schema = s;
  }
  return {
    base,
    graph,
    schema: schema!,
    liveGraphSeconds,
    importSeconds,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await driver?.close();
      await neo4j?.stop();
      if (neo4jDir) await rm(neo4jDir, { recursive: true, force: true });
    },
  };
}

// ---- main-thread time from CPU profiles --------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface MainThread {
  /** JavaScript (functions and the garbage collector), ms. */
  js: number;
  /** The garbage collector alone, ms. */
  gc: number;
  /** Native work outside JavaScript on the main thread ("(program)": style, layout, paint, and waiting on WebGL), ms. */
  native: number;
  top: { fn: string; ms: number; share: number }[];
}

/**
 * Where the main thread's time went, from a sampling CPU profile of the page
 * (CDP Profiler, 200 µs): JavaScript, including its garbage collection,
 * versus native work, and the functions with the most self time.
 */
function mainThread(profile: CpuProfile, n = 15): MainThread {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let js = 0;
  let gc = 0;
  let native = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const cf = byId.get(id)?.callFrame;
    if (!cf || cf.functionName === '(idle)' || cf.functionName === '(root)') return;
    if (cf.functionName === '(program)') native += dt;
    else js += dt;
    if (cf.functionName === '(garbage collector)') gc += dt;
    const key = cf.url ? `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}:${cf.columnNumber + 1}` : cf.functionName;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const busy = js + native;
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, ms]) => ({ fn, ms: round(ms, 1), share: round(ms / busy, 3) }));
  return { js, gc, native, top };
}

async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

async function stopProfile(cdp: CDPSession): Promise<MainThread> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  return mainThread(profile);
}

// ---- one page ----------------------------------------------------------------------------

type Kind = 'ours' | 'bare';

interface PageRun {
  /** Navigation start → end of the first render drawing every node, ms. */
  firstRenderMs: number;
  /** Navigation start → end of the /api/graph response, ms. */
  responseEndMs: number;
  /** Navigation start → the view parsed from JSON (performance mark), and the graph built from it (ours: merged into the store), ms. */
  receivedMs: number;
  builtMs: number;
  /** Navigation start → ready (ours: the hook's ready, then idle; bare: its first render), ms. */
  readyMs: number;
  /** Main-thread JavaScript and native time from navigation to ready, ms. */
  loadJsMs: number;
  loadNativeMs: number;
  /** JavaScript heap in use once ready, after a forced full garbage collection, MiB. */
  heapMiB: number;
  /** The camera path animated (sigma knows the camera moves). */
  move: FramePhase;
  /** The same path jumped to once per animation frame: every frame a full drawing. */
  full: FramePhase;
  layout: { iterations: number; seconds: number; perSecond: number; computePerSecond: number | null; jsMsPerSecond: number } | null;
  nodes: number;
  edges: number;
  top?: Record<'load' | 'move' | 'full', MainThread['top']>;
}

interface FramePhase {
  frames: number;
  /** Per rendered frame: main-thread JavaScript and native time, time inside sigma's render (in-page clock), ms. */
  jsPerFrameMs: number;
  /** The garbage collector's part of jsPerFrameMs. */
  gcPerFrameMs: number;
  nativePerFrameMs: number;
  renderPerFrameMs: number;
  fps: number;
}

/** The camera's path: pans and zooms (crossing the app's edge-label zoom threshold), from and back to the overview. */
const MOVES: State[] = [
  { x: 0.62, y: 0.5, ratio: 1 },
  { x: 0.62, y: 0.5, ratio: 0.45 },
  { x: 0.45, y: 0.6, ratio: 0.45 },
  { x: 0.45, y: 0.6, ratio: 0.2 },
  { x: 0.55, y: 0.42, ratio: 0.2 },
  { x: 0.5, y: 0.5, ratio: 0.7 },
  { x: 0.38, y: 0.5, ratio: 0.7 },
  { x: 0.5, y: 0.5, ratio: 1 },
];

/** The path as `n` camera states (linear between the moves, zoom geometric), for the full-frame phase. */
function pathStates(n: number): State[] {
  const pts = [{ x: 0.5, y: 0.5, ratio: 1 }, ...MOVES];
  const out: State[] = [];
  for (let i = 1; i <= n; i++) {
    const t = (i / n) * (pts.length - 1);
    const k = Math.min(pts.length - 2, Math.floor(t));
    const f = t - k;
    const a = pts[k]!;
    const b = pts[k + 1]!;
    out.push({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, ratio: a.ratio * (b.ratio / a.ratio) ** f });
  }
  return out;
}

function pageUrl(base: string, kind: Kind): string {
  return kind === 'ours' ? `${base}/?limit=${LIMIT}&kinds=-&layout=0` : `${base}/__bare/bare.html?limit=${LIMIT}&edgeLimit=${EDGE_LIMIT}`;
}

interface InPage {
  renders: { at: number; nodes: number; visible: number }[];
  renderCount: number;
  renderMs: number;
}

async function inPage(page: Page, kind: Kind): Promise<InPage> {
  return kind === 'ours'
    ? page.evaluate(() => {
        const p = window.__claimgraph!.perf();
        return { renders: p.renders, renderCount: p.renderCount, renderMs: p.renderMs };
      })
    : page.evaluate(() => {
        const b = (window as unknown as { __bare: BareHook }).__bare;
        return { renders: b.renders, renderCount: b.renderCount, renderMs: b.renderMs };
      });
}

type State = { x: number; y: number; ratio: number };

/** Runs the camera over the states in the page: animated (`ms` per state) or jumped to once per animation frame (`ms` = 0). */
async function drive(page: Page, kind: Kind, states: State[], ms: number): Promise<void> {
  await page.evaluate(
    async ([k, list, d]) => {
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const move =
        k === 'ours'
          ? (s: State, t: number) => window.__claimgraph!.moveCamera(s, t)
          : (s: State, t: number) => {
              const cam = (window as unknown as { __bare: BareHook }).__bare.sigma!.getCamera();
              if (t > 0) return cam.animate(s, { duration: t });
              cam.setState(s);
              return Promise.resolve();
            };
      for (const s of list) {
        await move(s, d);
        if (d === 0) await frame();
      }
      // The last frame is drawn on the animation frame after the camera arrives.
      await frame();
      await frame();
    },
    [kind, states, ms] as const,
  );
}

async function phase(page: Page, cdp: CDPSession, kind: Kind, states: State[], ms: number): Promise<{ phase: FramePhase; top: MainThread['top'] }> {
  const before = await inPage(page, kind);
  await startProfile(cdp);
  const t0 = Date.now();
  await drive(page, kind, states, ms);
  const wall = (Date.now() - t0) / 1000;
  const main = await stopProfile(cdp);
  const after = await inPage(page, kind);
  const frames = Math.max(1, after.renderCount - before.renderCount);
  return {
    phase: {
      frames,
      jsPerFrameMs: main.js / frames,
      gcPerFrameMs: main.gc / frames,
      nativePerFrameMs: main.native / frames,
      renderPerFrameMs: (after.renderMs - before.renderMs) / frames,
      fps: frames / wall,
    },
    top: main.top,
  };
}

async function runPage(browser: Browser, base: string, kind: Kind, expect: { nodes: number }): Promise<PageRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  try {
    // tsx compiles this file with esbuild's keepNames: functions passed to page.evaluate may call its __name helper.
    await context.addInitScript({ content: 'window.__name = (f) => f;' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const cdp = await context.newCDPSession(page);
    // A blank page of the same origin first, so that the profiler started here sees the whole load.
    await page.goto(`${base}/__blank`);
    await startProfile(cdp);
    await page.goto(pageUrl(base, kind), { waitUntil: 'commit', timeout: 300_000 });
    if (kind === 'ours') {
      await page.waitForFunction(() => window.__claimgraph !== undefined, null, { timeout: 300_000 });
      await page.evaluate(() => window.__claimgraph!.ready);
      await page.evaluate(() => window.__claimgraph!.idle());
    } else {
      await page.waitForFunction(
        () => {
          const b = (window as unknown as { __bare?: BareHook }).__bare;
          return !!b && (b.renders.length > 0 || b.error !== null);
        },
        null,
        { timeout: 300_000, polling: 100 },
      );
    }
    const readyMs = await page.evaluate(() => performance.now());
    const load = await stopProfile(cdp);
    // The JavaScript heap once drawn (after a full collection): a bigger live heap makes each major GC during the frames longer.
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.send('HeapProfiler.disable');
    const first = await inPage(page, kind);
    const full = first.renders.find((r) => r.visible === expect.nodes);
    if (!full) throw new Error(`${kind}: no render drawing all ${expect.nodes} nodes (renders: ${JSON.stringify(first.renders)}; errors: ${errors.join(' | ')})`);
    const { responseEndMs, receivedMs, builtMs } = await page.evaluate(() => {
      const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/graph'));
      const mark = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
      return { responseEndMs: e ? (e as PerformanceResourceTiming).responseEnd : NaN, receivedMs: mark('claimgraph:opening-received'), builtMs: mark('claimgraph:opening-merged') };
    });
    const drawn =
      kind === 'ours'
        ? await page.evaluate(() => {
            const s = window.__claimgraph!.summary();
            return { nodes: s.visibleNodes.length, edges: s.visibleEdges.length };
          })
        : await page.evaluate(() => {
            const b = (window as unknown as { __bare: BareHook }).__bare;
            return { nodes: b.nodes, edges: b.edges };
          });

    // Settle, warm up with a short move, then measure.
    await sleep(300);
    await drive(page, kind, [{ x: 0.52, y: 0.5, ratio: 1 }, { x: 0.5, y: 0.5, ratio: 1 }], 200);
    const move = await phase(page, cdp, kind, MOVES, Math.round(MOVE_MS / MOVES.length));
    const still = await phase(page, cdp, kind, pathStates(FULL_FRAMES), 0);

    let layout: PageRun['layout'] = null;
    if (LAYOUT_MS > 0) {
      await startProfile(cdp);
      if (kind === 'ours') {
        await page.click('#layout-button');
        await sleep(LAYOUT_MS);
        const main = await stopProfile(cdp);
        const st = await page.evaluate(() => window.__claimgraph!.perf().layout);
        if (!st) throw new Error('ours: the layout did not start');
        const seconds = (st.lastAt - st.startedAt) / 1000;
        layout = {
          iterations: st.iterations,
          seconds: round(seconds, 2),
          perSecond: round(st.iterations / seconds, 2),
          computePerSecond: st.fa2Ms > 0 ? round(st.iterations / (st.fa2Ms / 1000), 2) : null,
          jsMsPerSecond: round(main.js / (LAYOUT_MS / 1000), 1),
        };
      } else {
        const r = await page.evaluate((ms) => (window as unknown as { __bare: BareHook }).__bare.fa2(ms), LAYOUT_MS);
        const main = await stopProfile(cdp);
        layout = {
          iterations: r.iterations,
          seconds: round(r.ms / 1000, 2),
          perSecond: round(r.iterations / (r.ms / 1000), 2),
          computePerSecond: null,
          jsMsPerSecond: round(main.js / (r.ms / 1000), 1),
        };
      }
    }
    if (errors.length) log(`  ${kind}: page errors: ${errors.slice(0, 3).join(' | ')}`);
    return {
      firstRenderMs: full.at,
      responseEndMs,
      receivedMs,
      builtMs,
      readyMs,
      loadJsMs: load.js,
      loadNativeMs: load.native,
      heapMiB: heap.usedSize / 2 ** 20,
      move: move.phase,
      full: still.phase,
      layout,
      nodes: drawn.nodes,
      edges: drawn.edges,
      top: { load: load.top, move: move.top, full: still.top },
    };
  } finally {
    await context.close();
  }
}

// ---- main -----------------------------------------------------------------------------------

const served = await serve();
let browser: Browser | undefined;
try {
  const view = JSON.parse(served.graph.toString('utf8')) as { nodes: unknown[]; edges: unknown[]; truncated: boolean };
  log(`view: ${view.nodes.length} entities, ${view.edges.length} claims (${(served.graph.length / 2 ** 20).toFixed(1)} MiB of JSON)${served.liveGraphSeconds !== null ? `, live answer in ${served.liveGraphSeconds} s` : ''}`);
  buildIfStale(path.join(ROOT, 'client/vite.config.ts'), path.join(ROOT, 'client/dist/index.html'), [path.join(ROOT, 'client/src'), path.join(ROOT, 'client/index.html'), path.join(ROOT, 'client/vite.config.ts')], log);
  buildIfStale(path.join(RENDER_DIR, 'vite.config.ts'), path.join(RENDER_DIR, 'dist/bare.html'), [RENDER_DIR, path.join(ROOT, 'client/src/graph'), path.join(ROOT, 'client/src/layout/settings.ts'), path.join(ROOT, 'client/src/theme')], log);
  browser = await launchBrowser();
  const expect = { nodes: view.nodes.length };

  const runs: Record<Kind, PageRun[]> = { ours: [], bare: [] };
  for (let r = 0; r < RUNS; r++) {
    const order: Kind[] = r % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
    for (const kind of order) {
      const t0 = Date.now();
      const res = await runPage(browser, served.base, kind, expect);
      runs[kind].push(res);
      log(
        `run ${r + 1}/${RUNS} ${kind.padEnd(4)}: first render ${Math.round(res.firstRenderMs)} ms (response ${Math.round(res.responseEndMs)}), ready ${Math.round(res.readyMs)} ms, JS ${Math.round(res.loadJsMs)} ms; ` +
          `moving: ${res.move.frames} frames, JS ${res.move.jsPerFrameMs.toFixed(1)} ms/frame; ` +
          `full: ${res.full.frames} frames, JS ${res.full.jsPerFrameMs.toFixed(1)} ms/frame` +
          (res.layout ? `; FA2 ${res.layout.iterations} it in ${res.layout.seconds} s, main JS ${res.layout.jsMsPerSecond} ms/s` : '') +
          ` (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      );
      if (args.profile) {
        for (const [name, top] of Object.entries(res.top ?? {})) {
          console.log(`\nprofile, ${kind}, ${name}: main-thread self time`);
          console.log(table(['function', 'ms', 'share'], top.map((t) => [t.fn, t.ms, t.share])));
        }
      }
    }
  }

  const pick = (k: Kind, f: (p: PageRun) => number | null | undefined) => stat(runs[k].map((p) => f(p) ?? NaN));
  const ratio = (f: (p: PageRun) => number | null | undefined) => stat(runs.ours.map((p, i) => (f(p) ?? NaN) / (f(runs.bare[i]!) ?? NaN)), 3);
  const figure = (f: (p: PageRun) => number | null | undefined) => ({ ours: pick('ours', f), bare: pick('bare', f), ratio: ratio(f) });
  const frameFigures = (get: (p: PageRun) => FramePhase) => ({
    jsPerFrameMs: figure((p) => get(p).jsPerFrameMs),
    gcPerFrameMs: figure((p) => get(p).gcPerFrameMs),
    nativePerFrameMs: figure((p) => get(p).nativePerFrameMs),
    renderPerFrameMs: figure((p) => get(p).renderPerFrameMs),
    frames: figure((p) => get(p).frames),
    fps: figure((p) => get(p).fps),
  });
  const figures = {
    firstRenderMs: figure((p) => p.firstRenderMs),
    afterResponseMs: figure((p) => p.firstRenderMs - p.responseEndMs),
    responseEndMs: figure((p) => p.responseEndMs),
    parsedMs: figure((p) => p.receivedMs - p.responseEndMs),
    buildMs: figure((p) => p.builtMs - p.receivedMs),
    drawMs: figure((p) => p.firstRenderMs - p.builtMs),
    readyMs: figure((p) => p.readyMs),
    loadJsMs: figure((p) => p.loadJsMs),
    loadNativeMs: figure((p) => p.loadNativeMs),
    heapMiB: figure((p) => p.heapMiB),
    move: frameFigures((p) => p.move),
    full: frameFigures((p) => p.full),
    fa2IterationsPerSecond: figure((p) => p.layout?.perSecond),
    fa2JsMsPerSecond: figure((p) => p.layout?.jsMsPerSecond),
    fa2ComputeIterationsPerSecond: { ours: pick('ours', (p) => p.layout?.computePerSecond) },
  };
  const TARGET = 1.25;
  const f = (st: Stat) => `${st.median} (${st.min}–${st.max})`;
  const row = (name: string, fig: { ours: Stat; bare: Stat; ratio: Stat }): (string | number)[] => [name, f(fig.ours), f(fig.bare), `${fig.ratio.median} (${fig.ratio.min}–${fig.ratio.max})`];
  const rows: (string | number)[][] = [
    row('time to first render, ms', figures.firstRenderMs),
    row('  /api/graph response ends, ms', figures.responseEndMs),
    row('  then: JSON parsed, ms', figures.parsedMs),
    row('  then: graph built (ours: merged), ms', figures.buildMs),
    row('  then: first render drawn, ms', figures.drawMs),
    row('ready (ours: hook ready, idle), ms', figures.readyMs),
    row('  main-thread JS until ready, ms', figures.loadJsMs),
    row('  main-thread native until ready, ms', figures.loadNativeMs),
    row('JS heap once ready (after a full GC), MiB', figures.heapMiB),
    row('moving: main-thread JS per frame, ms', figures.move.jsPerFrameMs),
    row('  of which garbage collection, ms', figures.move.gcPerFrameMs),
    row('  native per frame, ms', figures.move.nativePerFrameMs),
    row('  inside sigma render per frame, ms', figures.move.renderPerFrameMs),
    row('  frames drawn', figures.move.frames),
    row('full frames: main-thread JS per frame, ms', figures.full.jsPerFrameMs),
    row('  of which garbage collection, ms', figures.full.gcPerFrameMs),
    row('  native per frame, ms', figures.full.nativePerFrameMs),
    row('  inside sigma render per frame, ms', figures.full.renderPerFrameMs),
  ];
  if (LAYOUT_MS > 0) {
    rows.push(
      row('FA2 iterations/s (bare: graphology FA2 worker)', figures.fa2IterationsPerSecond),
      ['  FA2 iterations/s, compute inside our worker', f(figures.fa2ComputeIterationsPerSecond.ours), '', ''],
      row('  main-thread JS during layout, ms/s', figures.fa2JsMsPerSecond),
    );
  }
  const o = runs.ours[0]!;
  const b = runs.bare[0]!;
  console.log(
    `\nRendering: ${view.nodes.length} entities / ${view.edges.length} claims; drawn: ours ${o.nodes} nodes / ${o.edges} edges, bare ${b.nodes} / ${b.edges}; ` +
      `${RUNS} runs each (median, min–max; ratios run by run); camera path ${MOVE_MS} ms animated, then ${FULL_FRAMES} full frames${LAYOUT_MS ? `; layout ${LAYOUT_MS} ms` : ''}\n`,
  );
  console.log(table(['', 'ours', 'bare sigma.js', 'ours/bare'], rows));
  const checked = { firstRender: figures.firstRenderMs.ratio.median, movingJsPerFrame: figures.move.jsPerFrameMs.ratio.median, fullJsPerFrame: figures.full.jsPerFrameMs.ratio.median };
  const worst = Math.max(...Object.values(checked));
  console.log(`\ntarget: ours/bare ≤ ${TARGET} for time to first render and main-thread JS per frame (moving, full) — ${worst <= TARGET ? 'met' : 'NOT met'} (worst median ratio ${worst})`);

  const result = {
    bench: 'render',
    at: new Date().toISOString(),
    machine: machine(),
    neo4jSettings: args.cached ? null : neo4jSettings(),
    label: args.label ?? null,
    size: { entities: ENTITIES, claims: CLAIMS, seed: SEED, viewNodes: view.nodes.length, viewClaims: view.edges.length, drawn: { ours: { nodes: o.nodes, edges: o.edges }, bare: { nodes: b.nodes, edges: b.edges } }, jsonMiB: round(served.graph.length / 2 ** 20, 1) },
    setup: { runs: RUNS, moveMs: MOVE_MS, moves: MOVES.length, fullFrames: FULL_FRAMES, layoutMs: LAYOUT_MS, viewport: '1280x800', cached: args.cached, importSeconds: served.importSeconds, liveGraphSeconds: served.liveGraphSeconds },
    figures,
    targets: { ratioTarget: TARGET, ...checked, met: worst <= TARGET },
  };
  if (!args['no-append']) {
    await appendFile(RESULTS_FILE, JSON.stringify(result) + '\n');
    log(`appended to ${path.relative(ROOT, RESULTS_FILE)}`);
  }
} finally {
  await browser?.close();
  await served.close();
}
