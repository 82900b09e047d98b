/**
 * Screenshots of what the rendering benchmark drives, to look at: the
 * shipped dataset's opening view (data/mek-network, imported into a
 * throwaway Neo4j) and the benchmark's big view (the `/api/graph` answer
 * kept by a first `bench/render.ts` run, served from memory), at rest,
 * zoomed in, and with an entity hovered. PNGs go to test-artifacts/render/.
 *
 *   npx tsx bench/render/screens.ts [--big-only] [--entities 50000] [--claims 125000] [--seed 1]
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type {} from '../../client/src/app/types.ts';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { loadConfig } from '../../server/config.ts';
import { importDataset } from '../../server/import/index.ts';
import { createDriver } from '../../server/neo4j/connection.ts';
import { findFreePort, startLocalNeo4j } from '../../server/neo4j/launcher.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { buildIfStale, DATA_DIR, ROOT, sleep } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    'big-only': { type: 'boolean', default: false },
    entities: { type: 'string', default: '50000' },
    claims: { type: 'string', default: '125000' },
    seed: { type: 'string', default: '1' },
  },
});
const OUT = path.join(ROOT, 'test-artifacts/render');
const log = (l: string) => process.stderr.write(l + '\n');

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function listen(handler: Handler): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function open(browser: Browser, url: string): Promise<{ page: Page; close(): Promise<void>; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url, { timeout: 300_000 });
  await page.waitForFunction(() => window.__claimgraph !== undefined, null, { timeout: 300_000 });
  await page.evaluate(() => window.__claimgraph!.ready);
  await page.evaluate(() => window.__claimgraph!.idle());
  return { page, errors, close: () => context.close() };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, name), timeout: 120_000 });
  log(`  ${path.relative(ROOT, path.join(OUT, name))}`);
}

/** Hovers the drawn entity with the largest degree, then waits for the redraw. */
async function hoverHub(page: Page): Promise<void> {
  const at = await page.evaluate(() => {
    const h = window.__claimgraph!;
    const s = h.summary();
    // The first visible node of the API's order is the best connected.
    const id = s.visibleNodes[0];
    return id ? h.nodePosition(id) : null;
  });
  if (!at) return;
  const box = (await page.locator('#canvas').boundingBox())!;
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await sleep(1500);
}

async function bigView(browser: Browser): Promise<void> {
  const dir = path.join(DATA_DIR, `render-n${args.entities}-m${args.claims}-s${args.seed}`);
  const graphFile = path.join(dir, 'api-graph.json');
  if (!existsSync(graphFile)) throw new Error(`no ${path.relative(ROOT, graphFile)}: run bench/render.ts once first`);
  const graph = await readFile(graphFile);
  const schema = await readFile(path.join(dir, 'api-schema.json'));
  const driver = createDriver('bolt://127.0.0.1:9', 'neo4j', 'no-database');
  const app = createApp({ driver, database: undefined, config: loadConfig({ LOG_LEVEL: 'silent' }), log: createLogger('silent') });
  const srv = await listen((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    if (p === '/api/graph' || p === '/api/schema') res.writeHead(200, { 'Content-Type': 'application/json' }).end(p === '/api/graph' ? graph : schema);
    else app(req, res);
  });
  try {
    log('big view ...');
    const { page, close, errors } = await open(browser, `${srv.base}/?limit=${args.entities}&kinds=-&layout=0`);
    await shot(page, 'big-1-opening.png');
    await hoverHub(page);
    await shot(page, 'big-2-hover.png');
    await page.mouse.move(5, 400);
    await page.evaluate(() => window.__claimgraph!.moveCamera({ x: 0.5, y: 0.5, ratio: 0.12 }, 0));
    await sleep(1500);
    await shot(page, 'big-3-zoomed.png');
    await page.evaluate(() => window.__claimgraph!.moveCamera({ x: 0.5, y: 0.5, ratio: 1 }, 0));
    await page.click('#layout-button');
    // No screenshot while it runs: with software WebGL a frame of the whole view takes seconds.
    await page.waitForFunction(() => document.body.dataset.layout === 'idle', null, { timeout: 600_000, polling: 1000 });
    await sleep(1000);
    await shot(page, 'big-4-laid-out.png');
    const took = await page.evaluate(() => window.__claimgraph!.perf().layout);
    log(`  layout: ${JSON.stringify(took)}`);
    if (errors.length) log(`  page errors: ${errors.join(' | ')}`);
    await close();
  } finally {
    await srv.close();
    await driver.close();
  }
}

async function mekView(browser: Browser): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-screens-neo4j-'));
  log('MEK view: starting a throwaway Neo4j ...');
  const neo4j = await startLocalNeo4j({ port: await findFreePort(), dataDir: dir, password: 'screens-password', heap: '1g', startTimeoutMs: 300_000 });
  const driver = createDriver(neo4j.uri, neo4j.user, neo4j.password);
  try {
    await importDataset(driver, path.join(ROOT, 'data/mek-network'));
    const app = createApp({ driver, database: undefined, config: loadConfig({ LOG_LEVEL: 'silent' }), log: createLogger('silent') });
    const srv = await listen((req, res) => app(req, res));
    try {
      const { page, close, errors } = await open(browser, `${srv.base}/`);
      await shot(page, 'mek-1-opening.png');
      await hoverHub(page);
      await shot(page, 'mek-2-hover.png');
      if (errors.length) log(`  page errors: ${errors.join(' | ')}`);
      await close();
    } finally {
      await srv.close();
    }
  } finally {
    await driver.close();
    await neo4j.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await mkdir(OUT, { recursive: true });
buildIfStale(path.join(ROOT, 'client/vite.config.ts'), path.join(ROOT, 'client/dist/index.html'), [path.join(ROOT, 'client/src'), path.join(ROOT, 'client/index.html')], log);
const browser = await launchBrowser();
try {
  await bigView(browser);
  if (!args['big-only']) await mekView(browser);
} finally {
  await browser.close();
}
