/**
 * Selection, keyboard, exports that keep the picture, and small screens, in
 * real Chromium against the real server and Neo4j (the mini fixture). Each
 * test asserts what a person sees or gets, and waits on the app's state.
 */
import { XMLValidator } from 'fast-xml-parser';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../client/src/app/keys.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { closeTestDriver, importDataset, resetDatabase } from '../helpers/neo4j.ts';
import { clickNode, distanceToOutline, download, drawnPlaces, dragPolygon, ensureClientBuilt, idle, inside, nodePoint, open, pngStats, shot, startServer, summary } from './evidence-helpers.ts';

let browser: Browser;
let base: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ensureClientBuilt();
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  ({ base, stop } = await startServer());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stop?.();
  await closeTestDriver();
});

/** A polygon around part of the picture with no entity within 8 px of its outline, holding at least two entities and not all. */
function lassoAround(places: Record<string, { x: number; y: number }>, width: number, height: number) {
  const entries = Object.entries(places);
  for (const [cx, cy, r] of [[0.5, 0.5, 0.22], [0.4, 0.45, 0.25], [0.6, 0.5, 0.2], [0.5, 0.4, 0.3], [0.35, 0.6, 0.25], [0.55, 0.55, 0.28]] as const) {
    // A concave, star-like outline (every other vertex pulled in): a lasso, not a box.
    const poly = Array.from({ length: 10 }, (_, i) => {
      const a = (i / 10) * Math.PI * 2;
      const rr = (i % 2 ? 0.6 : 1) * r * Math.min(width, height);
      return { x: cx * width + rr * Math.cos(a), y: cy * height + rr * Math.sin(a) };
    });
    if (entries.some(([, p]) => distanceToOutline(p, poly) < 8)) continue;
    const held = entries.filter(([, p]) => inside(p, poly)).map(([id]) => id);
    if (held.length >= 2 && held.length < entries.length) return { poly, held: held.sort() };
  }
  throw new Error('no clean lasso found over this layout');
}

async function canvasBox(page: Page) {
  return (await page.locator('#canvas').boundingBox())!;
}

describe('selection', () => {
  it('a lasso selects exactly the entities inside it, and the selection bar hides, pins and removes them', async () => {
    const { page, problems, close } = await open(browser, base);
    const box = await canvasBox(page);
    const { poly, held } = lassoAround(await drawnPlaces(page), box.width, box.height);
    await dragPolygon(page, poly.map((p) => ({ x: box.x + p.x, y: box.y + p.y })), ['Alt']);
    await page.waitForFunction(() => window.__claimgraph!.summary().selection.nodes.length > 0);
    let s = await summary(page);
    expect(s.selection.nodes.sort()).toEqual(held);
    // What a person sees: the bar counts them, a ring is drawn around each.
    await expect(page.locator('#selection-bar .selection-count').textContent()).resolves.toBe(`${held.length} entities selected`);
    await expect(page.locator('.selection-ring:not([visibility])').count()).resolves.toBe(held.length);
    // The lasso did not move the camera.
    expect(s.camera).toEqual({ x: 0.5, y: 0.5, ratio: 1 });
    await shot(page, 'evidence-01-lasso-1440');

    // Pin all, then hide all (one undoable step each).
    await page.locator('#selection-bar [data-action="pin"]').click();
    await page.waitForFunction((n) => window.__claimgraph!.summary().pinned.length === n, held.length);
    expect((await summary(page)).pinned.sort()).toEqual(held);
    await expect(page.locator('#selection-bar [data-action="pin"]').textContent()).resolves.toBe('Unpin');
    await page.locator('#selection-bar [data-action="hide"]').click();
    await page.waitForFunction(() => window.__claimgraph!.summary().hidden.length > 0);
    s = await summary(page);
    expect(s.hidden.sort()).toEqual(held);
    expect(s.visibleNodes.filter((id) => held.includes(id))).toEqual([]);
    expect(s.selection.nodes).toEqual([]);
    await expect(page.locator('#selection-bar').isHidden()).resolves.toBe(true);
    await page.locator('#undo-button').click();
    await page.waitForFunction(() => window.__claimgraph!.summary().hidden.length === 0);

    // Shift+drag: a box adds what it holds; Remove takes them all off the canvas.
    const before = (await summary(page)).nodes;
    const a = await nodePoint(page, held[0]!);
    const b = await nodePoint(page, held[1]!);
    await clickNode(page, held[0]!);
    await clickNode(page, held[1]!, ['Shift']);
    await page.waitForFunction(() => window.__claimgraph!.summary().selection.nodes.length === 2);
    expect((await summary(page)).selection.nodes.sort()).toEqual([held[0], held[1]].sort());
    await page.locator('#selection-bar [data-action="remove"]').click();
    await page.waitForFunction((n) => window.__claimgraph!.summary().nodes === n - 2, before);
    s = await summary(page);
    expect(s.visibleNodes).not.toContain(held[0]);
    expect(s.visibleNodes).not.toContain(held[1]);
    expect(a).not.toEqual(b);
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('Shift-click adds, Ctrl-click takes out; the selection expands as one step, exports as a GEXF of exactly it, and finds paths between two', async () => {
    const { page, close } = await open(browser, base, '?remove=org-company,place-camp');
    await clickNode(page, 'org-hub');
    await page.waitForSelector('#panel[data-content="entity"]');
    await clickNode(page, 'person-leader', ['Shift']);
    await clickNode(page, 'org-front', ['Control']);
    await page.waitForFunction(() => window.__claimgraph!.summary().selection.nodes.length === 3);
    await clickNode(page, 'org-front', ['Control']);
    await page.waitForFunction(() => window.__claimgraph!.summary().selection.nodes.length === 2);
    let s = await summary(page);
    expect(s.selection.nodes.sort()).toEqual(['org-hub', 'person-leader']);
    // The panel shows the last one added.
    await expect(page.locator('#panel .entity-name').textContent()).resolves.toBe('Ada Quill');

    // Export… in the bar opens the menu on the selection.
    await page.locator('#selection-bar [data-action="export"]').click();
    await expect(page.locator('#export-scope-selection').isChecked()).resolves.toBe(true);
    const gexf = await download(page, 'gexf');
    const g = parseGexf(MultiDirectedGraph, gexf.data.toString('utf8'));
    const entities = g.filterNodes((_, a) => a.kind !== 'source').sort();
    expect(entities).toEqual(['org-hub', 'person-leader']);

    // E expands both: what the expansion left off the canvas comes back, in one undo step.
    const nodesBefore = s.nodes;
    await page.locator('#canvas').focus();
    await page.keyboard.press('e');
    await page.waitForFunction(() => window.__claimgraph!.summary().visibleNodes.includes('org-company'));
    await idle(page);
    s = await summary(page);
    expect(s.visibleNodes).toEqual(expect.arrayContaining(['org-company', 'place-camp']));
    expect(s.selection.nodes.sort()).toEqual(['org-hub', 'person-leader']);
    await page.locator('#undo-button').click();
    await page.waitForFunction((n) => window.__claimgraph!.summary().nodes === n, nodesBefore);

    // Path between two selected entities.
    await page.keyboard.press('Escape');
    // The undo redraws the view: aim once it is still.
    await idle(page);
    await clickNode(page, 'person-xss');
    await clickNode(page, 'org-gov', ['Shift']);
    await page.waitForFunction(() => window.__claimgraph!.summary().selection.nodes.length === 2);
    await page.locator('#selection-bar [data-action="path"]').click();
    await page.waitForSelector('#panel[data-content="paths"]');
    await idle(page);
    s = await summary(page);
    expect(s.highlight?.kind).toBe('path');
    expect(s.highlight?.nodes.sort()).toEqual(['org-front', 'org-gov', 'org-hub', 'person-xss']);
    await close();
  });
});

describe('keyboard', () => {
  it('the canvas takes the focus with Tab and shows it; arrows pan, + and - zoom, 0 fits; p, h, Delete act on the selection; Esc clears; ? lists every shortcut', async () => {
    const { page, close } = await open(browser, base);
    // Tab through the page until the canvas has the focus (it is in the tab order).
    for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.id === 'canvas')); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('canvas');
    const ring = await page.locator('#canvas').evaluate((el) => getComputedStyle(el).boxShadow);
    expect(ring).toMatch(/inset/);
    await shot(page, 'evidence-02-canvas-focus');

    const cam = async () => (await summary(page)).camera;
    const c0 = await cam();
    await page.keyboard.press('ArrowRight');
    await idle(page);
    expect((await cam()).x).toBeGreaterThan(c0.x);
    await page.keyboard.press('ArrowDown');
    await idle(page);
    // Down moves the view down the picture: sigma's y grows upwards.
    expect((await cam()).y).toBeLessThan(c0.y);
    await page.keyboard.press('+');
    await idle(page);
    expect((await cam()).ratio).toBeLessThan(c0.ratio);
    const zoomed = (await cam()).ratio;
    await page.keyboard.press('-');
    await idle(page);
    expect((await cam()).ratio).toBeGreaterThan(zoomed);
    await page.keyboard.press('0');
    await idle(page);
    expect(await cam()).toEqual({ x: 0.5, y: 0.5, ratio: 1 });

    await clickNode(page, 'org-lobby');
    await page.waitForSelector('#panel[data-content="entity"]');
    await page.locator('#canvas').focus();
    await page.keyboard.press('p');
    await page.waitForFunction(() => window.__claimgraph!.summary().pinned.includes('org-lobby'));
    await page.keyboard.press('h');
    await page.waitForFunction(() => window.__claimgraph!.summary().hidden.includes('org-lobby'));
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !window.__claimgraph!.summary().hidden.includes('org-lobby'));
    await clickNode(page, 'org-lobby');
    await page.locator('#canvas').focus();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => !window.__claimgraph!.summary().visibleNodes.includes('org-lobby'));
    await clickNode(page, 'org-hub');
    await page.waitForFunction(() => window.__claimgraph!.summary().selected?.id === 'org-hub');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.__claimgraph!.summary().selected === null);

    // ?: every shortcut of the table the keys run on, each with its keys.
    await page.keyboard.press('?');
    const dialog = page.locator('#shortcuts');
    await dialog.waitFor({ state: 'visible' });
    const rows = await dialog.locator('dd').allTextContents();
    expect(rows).toEqual(SHORTCUTS.map((x) => x.what));
    const keys = await dialog.locator('dt').evaluateAll((dts) => dts.map((dt) => [...dt.querySelectorAll('.chord')].map((c) => c.textContent)));
    expect(keys).toEqual(SHORTCUTS.map((x) => x.keys));
    await shot(page, 'evidence-03-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await close();
  });
});

describe('exports keep the picture', () => {
  it('GEXF carries each entity’s place, size and colour as drawn (graphology-gexf reads them back)', async () => {
    const { page, close } = await open(browser, base);
    const gexf = await download(page, 'gexf', { scope: 'view' });
    const xml = gexf.data.toString('utf8');
    expect(xml).toContain('xmlns:viz="http://gexf.net/1.3/viz"');
    const g = parseGexf(MultiDirectedGraph, xml);
    const s = await summary(page);
    const places = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, window.__claimgraph!.graphPosition(id)!])), s.visibleNodes);
    for (const id of s.visibleNodes) {
      const a = g.getNodeAttributes(id);
      expect(a.x, id).toBeCloseTo(places[id]!.x, 1);
      expect(a.y, id).toBeCloseTo(places[id]!.y, 1);
      expect(a.size, id).toBeGreaterThan(0);
      expect(a.color, id).toMatch(/^(#|rgb)/);
    }
    const graphml = await download(page, 'graphml');
    expect(XMLValidator.validate(graphml.data.toString('utf8'))).toBe(true);
    await close();
  });

  it('SVG of the view: one circle per drawn entity, status dashes, the legend, text escaped, no script', async () => {
    const { page, close } = await open(browser, base);
    const svg = await download(page, 'svg');
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.data.toString('utf8');
    expect(XMLValidator.validate(text)).toBe(true);
    const s = await summary(page);
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const circles = [...doc.querySelectorAll('g.nodes circle')].map((c) => c.getAttribute('data-id'));
      const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'));
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        circles,
        allCircles: doc.querySelectorAll('circle').length,
        scripts: doc.querySelectorAll('script').length + doc.querySelectorAll('foreignObject').length,
        images: doc.getElementsByTagName('img').length + doc.getElementsByTagName('image').length,
        handlers,
        labels: [...doc.querySelectorAll('g.labels text')].map((x) => x.textContent),
        dashed: [...doc.querySelectorAll('g.edges path')].map((p) => p.getAttribute('stroke-dasharray')).filter(Boolean).length,
        legend: doc.querySelector('g.legend')?.textContent ?? '',
        edges: doc.querySelectorAll('g.edges g.edge').length,
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.circles.sort()).toEqual([...s.visibleNodes].sort());
    expect(parsed.allCircles).toBe(s.visibleNodes.length);
    expect(parsed.edges).toBe(s.visibleEdges.length);
    expect(parsed.scripts).toBe(0);
    expect(parsed.images).toBe(0);
    expect(parsed.handlers).toEqual([]);
    // The markup in a name is text: the label is the name, shortened as the canvas shortens it.
    expect(parsed.labels.some((l) => l?.startsWith('Eve <img src=x onerror='))).toBe(true);
    expect(text).toContain('Eve &lt;img src=x onerror=');
    // Assessment, alleged and disputed claims are dashed or dotted, as on the canvas.
    const weak = s.visibleEdges.filter((e) => ['assessment', 'alleged', 'disputed'].includes(e.statuses[0]!)).length;
    expect(parsed.dashed).toBe(weak);
    expect(parsed.legend).toContain('CLAIM STATUS');
    expect(parsed.legend).toContain('Organization');
    await close();
  });

  it('PNG of the whole graph at 2× (and 1×): its size is the chosen scale of the canvas and its legend', async () => {
    const { page, close } = await open(browser, base);
    // Zoom in first: the PNG still holds the whole graph, not the viewport.
    await page.evaluate(() => window.__claimgraph!.moveCamera({ ratio: 0.3 }, 0));
    await idle(page);
    const canvas = (await page.locator('#canvas').boundingBox())!;
    await page.locator('#export-button').click();
    await page.locator('#export-menu [data-scale="2"]').click();
    const hint = await page.locator('#png-size').textContent();
    const png2 = await download(page, 'png');
    const st2 = await pngStats(page, png2.data);
    expect(st2.width).toBe(Math.round((canvas.width + 210) * 2));
    expect(st2.height).toBe(Math.round(canvas.height * 2));
    expect(hint).toBe(`${st2.width.toLocaleString('en-US')} × ${st2.height.toLocaleString('en-US')} px`);
    expect(st2.distinct).toBeGreaterThan(20);
    await (await import('node:fs/promises')).writeFile(`${process.cwd()}/test-artifacts/browser/evidence-04-export@2x.png`, png2.data);
    const png1 = await download(page, 'png', { scale: 1 });
    const st1 = await pngStats(page, png1.data);
    expect([st1.width, st1.height]).toEqual([Math.round(canvas.width + 210), Math.round(canvas.height)]);
    // The camera the user left is where it was.
    expect((await summary(page)).camera.ratio).toBeCloseTo(0.3, 5);
    await close();
  });
});

/** Boxes of what a person uses, that must lie inside the viewport. */
async function outside(page: Page, selectors: string[]): Promise<string[]> {
  const vp = page.viewportSize()!;
  const bad: string[] = [];
  for (const sel of selectors) {
    for (const el of await page.locator(sel).all()) {
      if (!(await el.isVisible())) continue;
      const b = (await el.boundingBox())!;
      if (b.x < 0 || b.y < 0 || b.x + b.width > vp.width + 0.5 || b.y + b.height > vp.height + 0.5) bad.push(`${sel} ${JSON.stringify(b)}`);
    }
  }
  return bad;
}

/** What a person uses on screen (the panel's claims scroll inside it: its head and its actions must show). */
const CONTROLS = ['.topbar button', '.topbar input', '#canvas-controls button', '#sidebar', '#panel', '#panel .panel-head button', '#panel .panel-actions button', '#selection-bar button', '#panel-tab'];

async function noSideScroll(page: Page): Promise<void> {
  const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, inner: window.innerWidth, body: document.body.scrollWidth }));
  expect(w.doc).toBeLessThanOrEqual(w.inner);
  expect(w.body).toBeLessThanOrEqual(w.inner);
}

describe('small screens', () => {
  it('at 800x600 the sidebar and the panel fold so the canvas keeps its room, and nothing is cut off', async () => {
    const { page, close } = await open(browser, base, '', { width: 800, height: 600 });
    // The sidebar starts folded: the canvas has the width.
    await expect(page.locator('#sidebar').isVisible()).resolves.toBe(false);
    expect((await canvasBox(page)).width).toBeGreaterThanOrEqual(790);
    await noSideScroll(page);
    expect(await outside(page, CONTROLS)).toEqual([]);
    await shot(page, 'evidence-05-800x600');

    // The toggle opens it over the canvas; its filters work; it folds again.
    await page.locator('#sidebar-toggle').click();
    await page.locator('#sidebar').waitFor({ state: 'visible' });
    expect(await outside(page, CONTROLS)).toEqual([]);
    await page.locator('#f-status-alleged').uncheck();
    await page.waitForFunction(() => window.__claimgraph!.summary().filters.hiddenStatuses.includes('alleged'));
    await shot(page, 'evidence-06-800x600-sidebar');
    await page.locator('#sidebar-toggle').click();
    await page.locator('#sidebar').waitFor({ state: 'hidden' });

    // A selection opens the panel over the canvas; it folds into a tab and back.
    await clickNode(page, 'org-hub');
    await page.waitForSelector('#panel[data-content="entity"]');
    expect(await outside(page, CONTROLS)).toEqual([]);
    await noSideScroll(page);
    await shot(page, 'evidence-07-800x600-panel');
    await page.locator('#panel .panel-fold').click();
    await page.locator('#panel').waitFor({ state: 'hidden' });
    await page.locator('#panel-tab').waitFor({ state: 'visible' });
    expect((await summary(page)).selected).toEqual({ type: 'node', id: 'org-hub' });
    expect(await outside(page, CONTROLS)).toEqual([]);
    await page.locator('#panel-tab').click();
    await page.locator('#panel').waitFor({ state: 'visible' });
    await close();
  });

  it('at 390x844 (a phone) the tools, the search and the canvas fit, with no sideways scroll', async () => {
    const { page, close } = await open(browser, base, '', { width: 390, height: 844 });
    await noSideScroll(page);
    expect(await outside(page, CONTROLS)).toEqual([]);
    const search = (await page.locator('#search-input').boundingBox())!;
    expect(search.width).toBeGreaterThan(250);
    expect((await canvasBox(page)).width).toBeGreaterThanOrEqual(380);
    await shot(page, 'evidence-08-390x844');
    await clickNode(page, 'org-hub');
    await page.waitForSelector('#panel[data-content="entity"]');
    await noSideScroll(page);
    expect(await outside(page, CONTROLS)).toEqual([]);
    await shot(page, 'evidence-09-390x844-panel');
    await close();
  });
});
