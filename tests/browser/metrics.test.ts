/**
 * Graph metrics in the UI, in real Chromium against the real server and a
 * real Neo4j holding the fixture: before `claimgraph metrics` the client
 * sizes and colours by what it computes over the drawn graph (graphology);
 * after it, by the whole-graph values GDS stored (degree sizes the nodes,
 * the stored community picks each node's colour). Screenshots under
 * test-artifacts/browser/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { computeMetrics } from '../../server/import/derived/metrics.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { COMMUNITY_PALETTE } from '../../client/src/graph/metrics.ts';
import { launchBrowser, newPage } from '../helpers/browser.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts/browser');
let server: Server;
let base: string;
let browser: Browser;

function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dist = path.join(ROOT, 'client/dist/index.html');
  if (!existsSync(dist) || statSync(dist).mtimeMs < newest(path.join(ROOT, 'client/src'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 90_000 });
  }
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  const app = createApp({ driver: testDriver(), database: undefined, config: testConfig({ RATE_LIMIT_PER_MINUTE: '100000', QUERY_TIMEOUT_MS: '120000' }), log: createLogger('silent') });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await closeTestDriver();
});

async function open(): Promise<{ page: Page; close: () => Promise<void>; errors: string[] }> {
  const { context, page, problems } = await newPage(browser);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__claimgraph !== undefined);
  await page.evaluate(() => window.__claimgraph!.ready);
  await page.evaluate(() => window.__claimgraph!.idle());
  return { page, close: () => context.close(), errors: [...problems.consoleErrors, ...problems.pageErrors] };
}

type Look = { size: number; color: string; hidden: boolean };
async function looks(page: Page): Promise<Record<string, Look>> {
  return page.evaluate(() => {
    const h = window.__claimgraph!;
    return Object.fromEntries(h.summary().visibleNodes.map((id) => [id, h.nodeLook(id)!]));
  });
}

async function colourByCommunity(page: Page): Promise<void> {
  await page.selectOption('#f-color', 'community');
  await page.evaluate(() => window.__claimgraph!.idle());
}

describe('sizes and community colours', () => {
  it('without stored metrics: computed over what is drawn, coloured by graphology Louvain', async () => {
    const { page, close, errors } = await open();
    try {
      const before = await looks(page);
      await colourByCommunity(page);
      const after = await looks(page);
      const colours = new Set(Object.values(after).map((l) => l.color));
      for (const c of colours) expect(COMMUNITY_PALETTE).toContain(c);
      expect(Object.values(before).some((l) => !COMMUNITY_PALETTE.includes(l.color))).toBe(true); // by kind before
      expect(await page.locator('#f-metric-scope').textContent()).toContain('Over what is drawn');
      await page.screenshot({ path: path.join(ARTIFACTS, 'metrics-community-view.png') });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('after claimgraph metrics: sizes by the stored degree, colours by the stored community', async () => {
    await computeMetrics(testDriver(), { database: testNeo4j().database });
    const stored = await query<{ id: string; degree: number; community: number }>('MATCH (n:Entity) RETURN n.id AS id, n.degree AS degree, n.community AS community');
    const byId = new Map(stored.map((r) => [r.id, r]));
    const { page, close, errors } = await open();
    try {
      expect(await page.locator('#f-metric-scope').textContent()).toContain('whole graph');
      await colourByCommunity(page);
      const drawn = await looks(page);
      const ids = Object.keys(drawn);
      expect(ids.length).toBeGreaterThan(3);
      // Same stored community, same colour; different communities, different colours (fewer than the palette here).
      for (const a of ids)
        for (const b of ids) {
          const same = byId.get(a)!.community === byId.get(b)!.community;
          expect(drawn[a]!.color === drawn[b]!.color, `${a} ${b}`).toBe(same);
        }
      // A higher stored degree never draws smaller.
      const bySize = [...ids].sort((a, b) => byId.get(a)!.degree - byId.get(b)!.degree);
      for (let i = 1; i < bySize.length; i++) {
        const [lo, hi] = [bySize[i - 1]!, bySize[i]!];
        if (byId.get(hi)!.degree > byId.get(lo)!.degree) expect(drawn[hi]!.size, `${hi} vs ${lo}`).toBeGreaterThan(drawn[lo]!.size);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, 'metrics-community-graph.png') });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
