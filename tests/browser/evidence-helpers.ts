/**
 * Helpers of the evidence browser tests (evidence-*.test.ts): the real
 * server over the test Neo4j, a page that waits on the app's state
 * (window.__claimgraph), pointing at entities as a person would (with
 * modifier keys held), downloads and screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import type { SummaryOfView } from '../../client/src/app/types.ts';
import { newPage, type PageProblems } from '../helpers/browser.ts';
import { testConfig, testDriver } from '../helpers/neo4j.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/browser');

function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** Builds the client when client/dist is missing or older than its sources. */
export function ensureClientBuilt(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dist = path.join(ROOT, 'client/dist/index.html');
  const src = Math.max(newest(path.join(ROOT, 'client/src')), newest(path.join(ROOT, 'client/index.html')), newest(path.join(ROOT, 'client/vite.config.ts')));
  if (existsSync(dist) && statSync(dist).mtimeMs >= src) return;
  execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
}

/** The app on a free port of 127.0.0.1 over the test Neo4j; resolves to its base URL and a stop. */
export async function startServer(config: Record<string, string> = {}): Promise<{ base: string; stop: () => Promise<void> }> {
  const app = createApp({ driver: testDriver(), database: undefined, config: testConfig({ RATE_LIMIT_PER_MINUTE: '100000', ...config }), log: createLogger('silent') });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface OpenPage {
  page: Page;
  problems: PageProblems;
  close: () => Promise<void>;
}

export async function open(browser: Browser, base: string, query = '', size: { width?: number; height?: number } = { width: 1440, height: 900 }): Promise<OpenPage> {
  const { context, page, problems } = await newPage(browser, size);
  await page.goto(`${base}/${query}`);
  await page.waitForFunction(() => window.__claimgraph !== undefined);
  await page.evaluate(() => window.__claimgraph!.ready);
  await idle(page);
  return { page, problems, close: () => context.close() };
}

export async function idle(page: Page): Promise<void> {
  await page.evaluate(() => window.__claimgraph!.idle());
}

export async function summary(page: Page): Promise<SummaryOfView> {
  return page.evaluate(() => window.__claimgraph!.summary());
}

/** Where an entity is drawn, in page pixels. */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((nodeId) => window.__claimgraph!.nodePosition(nodeId), id);
  const box = await page.locator('#canvas').boundingBox();
  if (!p || !box) throw new Error(`node ${id} is not drawn`);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Clicks an entity, with modifier keys held down as a person holds them. */
export async function clickNode(page: Page, id: string, modifiers: ('Shift' | 'Control' | 'Alt')[] = []): Promise<void> {
  const p = await nodePoint(page, id);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(p.x, p.y);
  for (const m of modifiers) await page.keyboard.up(m);
}

/** Drags along a polygon (page pixels) with modifier keys held, back to its first point. */
export async function dragPolygon(page: Page, points: { x: number; y: number }[], modifiers: ('Shift' | 'Control' | 'Alt')[]): Promise<void> {
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.move(points[0]!.x, points[0]!.y);
  await page.mouse.down();
  for (const p of [...points.slice(1), points[0]!]) await page.mouse.move(p.x, p.y, { steps: 6 });
  await page.mouse.up();
  for (const m of modifiers) await page.keyboard.up(m);
}

/** Every visible entity's drawn place, in CSS pixels of the canvas. */
export async function drawnPlaces(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const hook = window.__claimgraph!;
    return Object.fromEntries(hook.summary().visibleNodes.map((id) => [id, hook.nodePosition(id)!]));
  });
}

/** Opens the Export menu (unless open) and downloads one of its items. */
export async function download(page: Page, item: string, opts: { scope?: 'view' | 'selection'; scale?: number } = {}): Promise<{ name: string; data: Buffer }> {
  if (await page.locator('#export-menu').isHidden()) await page.locator('#export-button').click();
  if (opts.scope) await page.locator(`#export-scope-${opts.scope}`).check();
  if (opts.scale) await page.locator(`#export-menu [data-scale="${opts.scale}"]`).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-menu [data-export="${item}"]`).click()]);
  return { name: dl.suggestedFilename(), data: readFileSync(await dl.path()) };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Even-odd ray casting, written here apart from the client's, to say what a polygon holds. */
export function inside(p: { x: number; y: number }, poly: { x: number; y: number }[]): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) c = !c;
  }
  return c;
}

/** Distance from a point to a polygon's outline (to keep test polygons clear of entities). */
export function distanceToOutline(p: { x: number; y: number }, poly: { x: number; y: number }[]): number {
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[j]!;
    const b = poly[i]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
  }
  return best;
}

/** Pixel size and spread of a PNG, decoded by the browser. */
export async function pngStats(page: Page, png: Buffer): Promise<{ width: number; height: number; distinct: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colors = new Set<number>();
    for (let i = 0; i < d.length; i += 64) colors.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return { width: c.width, height: c.height, distinct: colors.size };
  }, png.toString('base64'));
}
