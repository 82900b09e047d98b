/**
 * The explorer's second round in real Chromium against the real server and
 * a real Neo4j holding the shipped dataset (data/mek-network): search finds
 * exact names and says why; a link reopens exactly the same view; the "not
 * shown" summary counts against the canvas; labels never overlap; paths can
 * be audited; the time bar filters and plays. Tests wait on the app's own
 * state, never on fixed delays; screenshots at 1440x900 and 800x600 land in
 * test-artifacts/browser/ (explorer-*.png).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { clickNode, idle, nodePoint, openAt, overlapping, pickFromSearch, polygonsOverlap, positions, runConsole, shot, suggestions, summary } from '../helpers/explorer-page.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testConfig, testDriver } from '../helpers/neo4j.ts';
import { ensureClientBuilt } from '../helpers/client-build.ts';

let server: Server;
let base: string;
let browser: Browser;
const SMALL = { width: 800, height: 600 };

beforeAll(async () => {
  ensureClientBuilt();
  await resetDatabase();
  await importDataset('data/mek-network');
  const app = createApp({ driver: testDriver(), database: undefined, config: testConfig({ RATE_LIMIT_PER_MINUTE: '100000' }), log: createLogger('silent') });
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

const open = (q = '', size?: { width: number; height: number }) => openAt(browser, base, q, size);

/** Claims drawn at an entity (every claim of every drawn edge touching it). */
async function drawnClaimsAt(page: Page, id: string): Promise<number> {
  const s = await summary(page);
  return s.visibleEdges.filter((e) => e.source === id || e.target === id).reduce((n, e) => n + e.claims.length, 0);
}

/** The "not shown" rows of the panel: type and claims. */
async function notShown(page: Page): Promise<{ type: string; claims: number }[]> {
  return page.locator('#panel .left-out li').evaluateAll((lis) =>
    lis.map((li) => ({ type: li.getAttribute('data-type') ?? '', claims: Number(/\+(\d+)/.exec(li.textContent ?? '')?.[1] ?? NaN) })),
  );
}

describe('search finds exact names and says why', () => {
  it('finds names with stop words, ranks the exact name or alias first, and shows why each hit matched', async () => {
    const { page, close } = await open();
    const ncri = await suggestions(page, 'National Council of Resistance of Iran');
    expect(ncri[0]).toMatchObject({ id: 'ncri', name: 'National Council of Resistance of Iran', field: 'name', why: 'Exact name' });

    const intercept = await suggestions(page, 'The Intercept');
    expect(intercept[0]).toMatchObject({ id: 'the-intercept', why: 'Exact name' });
    expect(intercept.find((h) => h.id === 'dissident-new-landlord')).toMatchObject({ field: 'name', why: 'Name (contains)' });

    const book = await suggestions(page, 'The Iranian Mojahedin');
    expect(book.slice(0, 2)).toEqual([
      expect.objectContaining({ id: 'src-abrahamian-1989', name: 'The Iranian Mojahedin', why: 'Exact name' }),
      expect.objectContaining({ id: 'mek', name: 'Mujahedin-e Khalq', field: 'alias', why: 'Alias (same words) “Iranian Mojahedin”' }),
    ]);
    // Found through its description only: an excerpt with the words marked.
    expect(book.find((h) => h.id === 'yale-university-press')).toMatchObject({ field: 'description' });
    const marks = await page.locator('#search-input-list [data-id="yale-university-press"] mark').allTextContents();
    expect(marks).toEqual(['The', 'Iranian', 'Mojahedin']);
    await shot(page, 'explorer-01-search-why');

    const rajavi = await suggestions(page, 'Massoud Rajavi');
    expect(rajavi.slice(0, 2).map((h) => h.id)).toEqual(['massoud-rajavi', 'disappearance-of-massoud-rajavi']);
    await close();

    const small = await open('', SMALL);
    await suggestions(small.page, 'The Iranian Mojahedin');
    await shot(small.page, 'explorer-01b-search-why-800');
    await small.close();
  });
});

describe('a link reopens exactly the same view', () => {
  it('keeps the entities, claims and places after an expansion, a "Show", a console merge and a drag', async () => {
    const first = await open('?limit=20');
    const { page } = first;
    await clickNode(page, 'mek', { double: true });
    await page.waitForSelector('#panel[data-content="entity"] .left-out li');
    await idle(page);
    const before = (await summary(page)).nodes;
    await page.locator('#panel .left-out li button').first().click();
    await page.waitForFunction((n) => window.__claimgraph!.summary().nodes > n, before);
    await idle(page);
    await runConsole(page, "MATCH (a:Entity {id: 'the-intercept'})-[r]-(b:Entity) RETURN a, r, b");
    await page.locator('#console-button').click();
    await idle(page);
    expect((await summary(page)).visibleNodes).toContain('the-intercept');
    // Labels of what the console merged do not pile up.
    const afterMerge = (await page.evaluate(() => window.__claimgraph!.labels())).filter((l) => l.kind === 'node');
    expect(overlapping(afterMerge)).toEqual([]);
    // Drag an entity somewhere else: it stays there (pinned), and so in the link.
    const p = await nodePoint(page, 'ncri');
    await page.mouse.move(p.x, p.y);
    await page.mouse.down();
    await page.mouse.move(p.x + 70, p.y + 45, { steps: 6 });
    await page.mouse.up();
    await idle(page);
    const a = await summary(page);
    const placesA = await positions(page, a.visibleNodes);
    const url = page.url();
    expect(url).toMatch(/#v=[^&]+$/);
    // The fragment states the canvas: nothing is re-run on opening.
    expect(url).not.toMatch(/[?&](expand|add)=/);
    expect(url.length).toBeLessThan(8000);
    await first.close();

    const second = await open(url.slice(base.length + 1));
    const b = await summary(second.page);
    expect(b.nodes).toBe(a.nodes);
    expect(b.claims).toBe(a.claims);
    expect([...b.visibleNodes].sort()).toEqual([...a.visibleNodes].sort());
    expect(b.visibleEdges.map((e) => e.claims.join(' ')).sort()).toEqual(a.visibleEdges.map((e) => e.claims.join(' ')).sort());
    const placesB = await positions(second.page, a.visibleNodes);
    for (const [id, pa] of Object.entries(placesA)) {
      expect(Math.abs(placesB[id]!.x - pa!.x), id).toBeLessThan(1);
      expect(Math.abs(placesB[id]!.y - pa!.y), id).toBeLessThan(1);
    }
    expect(b.selected).toEqual({ type: 'node', id: 'mek' });
    await shot(second.page, 'explorer-02-link-reopened');
    expect(second.problems.pageErrors).toEqual([]);
    await second.close();
  });
});

describe('the "not shown" summary counts against the canvas', () => {
  it('says nothing is left out when the canvas has every claim', async () => {
    const { page, close } = await open();
    await clickNode(page, 'mek', { double: true });
    await page.waitForFunction(() => document.querySelector('#toasts')?.textContent?.includes('Nothing new around Mujahedin-e Khalq'));
    await expect(page.locator('#toasts').textContent()).resolves.toContain('all of its claims are on the canvas');
    await page.waitForSelector('#panel[data-content="entity"] .entity-name');
    expect(await page.locator('#panel .left-out').count()).toBe(0);
    await close();
  });

  it('lists what the canvas lacks, and after a "Show" keeps the rest until everything is shown', async () => {
    const { total } = (await query<{ total: number }>("MATCH (:Entity {id: 'mek'})-[r]-(b:Entity) WHERE NOT b:Source RETURN count(r) AS total"))[0]!;
    const { page, close } = await open('?limit=20');
    await clickNode(page, 'mek', { double: true });
    await page.waitForSelector('#panel[data-content="entity"] .left-out li');
    await idle(page);
    // Not shown + drawn = every claim of the MEK (sources are hidden, and not asked for).
    let rows = await notShown(page);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.reduce((n, r) => n + r.claims, 0) + (await drawnClaimsAt(page, 'mek'))).toBe(total);
    await shot(page, 'explorer-03-not-shown');
    const shown = rows[0]!.type;
    const before = (await summary(page)).nodes;
    await page.locator(`#panel .left-out li[data-type="${shown}"] button`).click();
    await page.waitForFunction((n) => window.__claimgraph!.summary().nodes > n, before);
    await page.waitForFunction((t) => !document.querySelector(`#panel .left-out li[data-type="${t}"]`), shown);
    await idle(page);
    rows = await notShown(page);
    // The box stays, without the row shown, and still adds up.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.type)).not.toContain(shown);
    expect(rows.reduce((n, r) => n + r.claims, 0) + (await drawnClaimsAt(page, 'mek'))).toBe(total);
    // Show the rest, one row at a time: the box goes when nothing is left out.
    while ((rows = await notShown(page)).length) {
      const t = rows[0]!.type;
      await page.locator(`#panel .left-out li[data-type="${t}"] button`).click();
      await page.waitForFunction((type) => !document.querySelector(`#panel .left-out li[data-type="${type}"]`), t);
      await idle(page);
    }
    expect(await page.locator('#panel .left-out').count()).toBe(0);
    expect(await drawnClaimsAt(page, 'mek')).toBe(total);
    await close();
  });
});

describe('labels', () => {
  it('never overlap on the opening view, and name the key people', async () => {
    for (const size of [{ width: 1440, height: 900 }, SMALL]) {
      const { page, close } = await open('', size);
      await shot(page, `explorer-04-labels-${size.width}`);
      const labels = await page.evaluate(() => window.__claimgraph!.labels());
      const nodes = labels.filter((l) => l.kind === 'node');
      const visible = (await summary(page)).visibleNodes.length;
      expect(overlapping(nodes)).toEqual([]);
      expect(nodes.map((l) => l.key)).toEqual(expect.arrayContaining(['maryam-rajavi', 'michael-rubin', 'mek']));
      expect(nodes.length, `${size.width}x${size.height}`).toBeGreaterThan(visible * (size.width > 1000 ? 0.7 : 0.3));
      // Nothing is selected or hovered: no edge label.
      expect(labels.filter((l) => l.kind === 'edge')).toEqual([]);
      // Every label is inside the canvas.
      const box = (await page.locator('#canvas').boundingBox())!;
      for (const l of nodes) expect(l.x1 >= 0 && l.y1 >= 0 && l.x2 <= box.width && l.y2 <= box.height, l.key).toBe(true);
      await close();
    }
  });

  it('label only the selection’s own edges, without overlaps, and the hovered entity’s', async () => {
    const { page, close } = await open();
    await clickNode(page, 'mek');
    await page.waitForSelector('#panel[data-content="entity"]');
    await idle(page);
    const s = await summary(page);
    const own = new Set(s.visibleEdges.filter((e) => e.source === 'mek' || e.target === 'mek').map((e) => e.id));
    let labels = await page.evaluate(() => window.__claimgraph!.labels());
    const edges = labels.filter((l) => l.kind === 'edge');
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((l) => own.has(l.key))).toBe(true);
    // A hub has more edges than room: some labels give way rather than pile up.
    expect(edges.length).toBeLessThan(own.size);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(polygonsOverlap(labels[i]!.corners, labels[j]!.corners), `${labels[i]!.key} / ${labels[j]!.key}`).toBe(false);
    await shot(page, 'explorer-04b-selected-hub');
    // Hovering an entity labels its edges (and names its neighbours).
    await page.locator('#panel .panel-close').click();
    await page.waitForFunction(() => window.__claimgraph!.summary().selected === null);
    const p = await nodePoint(page, 'michael-rubin');
    await page.mouse.move(p.x, p.y);
    await page.waitForFunction(() => window.__claimgraph!.labels().some((l) => l.kind === 'edge'));
    labels = await page.evaluate(() => window.__claimgraph!.labels());
    const rubin = new Set((await summary(page)).visibleEdges.filter((e) => e.source === 'michael-rubin' || e.target === 'michael-rubin').map((e) => e.id));
    expect(labels.filter((l) => l.kind === 'edge').every((l) => rubin.has(l.key))).toBe(true);
    expect(labels.some((l) => l.kind === 'node' && l.key === 'michael-rubin')).toBe(true);
    await close();
  });
});

describe('paths you can audit', () => {
  async function findPath(page: Page, from: [string, string], to: [string, string], opts: { status?: string; direction?: string } = {}): Promise<void> {
    await page.locator('#paths-button').click();
    await pickFromSearch(page, '#path-from', from[0], from[1]);
    await pickFromSearch(page, '#path-to', to[0], to[1]);
    if (opts.status !== undefined) await page.locator('#path-status').selectOption(opts.status);
    if (opts.direction) await page.locator('#path-direction').selectOption(opts.direction);
    await page.locator('#path-run').click();
    await page.waitForSelector('#panel[data-content="paths"]');
    await idle(page);
  }

  it('lists each step with its claims, status, source and quote, names the weakest link, and frames the path', async () => {
    const { page, close } = await open();
    await findPath(page, ['Maryam Rajavi', 'maryam-rajavi'], ['Michael Rubin', 'michael-rubin']);
    const panel = page.locator('#panel');
    // Four shortest paths through the same entities: one route of two steps.
    await expect(panel.locator('.path').count()).resolves.toBe(1);
    await expect(panel.locator('.path-summary').textContent()).resolves.toMatch(/^4 shortest paths of 2 hops through 1 route/);
    const steps = panel.locator('.path-step');
    await expect(steps.count()).resolves.toBe(2);
    await expect(steps.nth(0).locator('.path-step-head').textContent()).resolves.toBe('1Maryam Rajavi —leads→ Mujahedin-e Khalq');
    await expect(steps.nth(1).locator('.claim').count()).resolves.toBe(4);
    for (const claim of await panel.locator('.path-step .claim').all()) {
      await expect(claim.locator('.status-badge').count()).resolves.toBe(1);
      await expect(claim.locator('.quote').count()).resolves.toBe(1);
      await expect(claim.locator('.source .source-title').count()).resolves.toBe(1);
    }
    await expect(steps.nth(1).locator('.source-title').allTextContents()).resolves.toContainEqual(expect.stringContaining('Taking Money from Mujahedin-e-Khalq Should Be a Presidential Disqualifier'));
    // The MEK–Rubin step is as strong as its strongest claim (assessment), weaker than "reported": the weakest link.
    await expect(panel.locator('.path-weakest').textContent()).resolves.toBe('Weakest link: Mujahedin-e Khalq – Michael Rubin assessment (its strongest of 4 claims)');
    await expect(steps.nth(1).getAttribute('class')).resolves.toContain('is-weakest');
    // The camera frames the path in the canvas (the panel beside it).
    const box = (await page.locator('#canvas').boundingBox())!;
    for (const id of ['maryam-rajavi', 'mek', 'michael-rubin']) {
      const p = (await positions(page, [id]))[id]!;
      expect(p.x > 20 && p.x < box.width - 20 && p.y > 20 && p.y < box.height - 20, id).toBe(true);
    }
    await shot(page, 'explorer-05-path-steps');
    await close();
    const small = await open('', SMALL);
    await findPath(small.page, ['Maryam Rajavi', 'maryam-rajavi'], ['Michael Rubin', 'michael-rubin']);
    await shot(small.page, 'explorer-05b-path-steps-800');
    await small.close();
  });

  it('does not go through a claim the filters hide, and says which limit stopped a search that found nothing', async () => {
    const { page, close } = await open();
    await page.locator('#f-status-alleged').uncheck();
    await page.waitForFunction(() => window.__claimgraph!.summary().filters.hiddenStatuses.includes('alleged'));
    await findPath(page, ['Maryam Rajavi', 'maryam-rajavi'], ['Michael Rubin', 'michael-rubin']);
    const panel = page.locator('#panel');
    await expect(panel.locator('.path-step').nth(1).locator('.claim').count()).resolves.toBe(3);
    expect(await panel.locator('[data-claim="c-michael-rubin-criticized-mek-intelligence"]').count()).toBe(0);
    await expect(panel.locator('.path-limits').textContent()).resolves.toContain('canvas filters: alleged hidden');

    // Only documented claims: none; the panel says strength stopped it, and searching without it finds the path.
    await findPath(page, ['Maryam Rajavi', 'maryam-rajavi'], ['Michael Rubin', 'michael-rubin'], { status: 'documented' });
    const none = page.locator('[data-testid="no-path"]');
    await expect(none.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-limit')))).resolves.toEqual(['strength']);
    await expect(none.locator('li[data-limit="strength"]').textContent()).resolves.toContain('a path of 2 hops exists');
    await shot(page, 'explorer-06-no-path');
    await none.locator('li[data-limit="strength"] button').click();
    await page.waitForSelector('#panel .path-step');
    await expect(panel.locator('.path-step').count()).resolves.toBe(2);

    // One way only: both claims point at the MEK, so direction stops it.
    await findPath(page, ['Maryam Rajavi', 'maryam-rajavi'], ['Michael Rubin', 'michael-rubin'], { status: '', direction: 'out' });
    await expect(page.locator('[data-testid="no-path"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-limit')))).resolves.toEqual(['direction']);
    await close();
  });
});

describe('time', () => {
  it('says how many claims are dated, brushes a range that filters the canvas, and plays it', async () => {
    const { total, dated } = (await query<{ total: number; dated: number }>('MATCH ()-[r]->() RETURN count(r) AS total, count(r.dateMin) AS dated'))[0]!;
    const years = await query<{ id: string; from: number; to: number }>('MATCH ()-[r]->() WHERE r.dateMin IS NOT NULL RETURN r.id AS id, toInteger(left(r.dateMin, 4)) AS from, toInteger(left(r.dateMax, 4)) AS to');
    const { page, close } = await open();
    await expect(page.locator('[data-testid="timebar-dated"]').textContent()).resolves.toBe(`${dated} of ${total} claims are dated`);
    await expect(page.locator('[data-testid="dated-note"]').textContent()).resolves.toContain(`${dated} of ${total} claims are dated`);

    // Brush the middle of the bar.
    const plot = (await page.locator('.timebar-plot').boundingBox())!;
    await page.mouse.move(plot.x + plot.width * 0.35, plot.y + plot.height / 2);
    await page.mouse.down();
    await page.mouse.move(plot.x + plot.width * 0.55, plot.y + plot.height / 2, { steps: 4 });
    await page.mouse.move(plot.x + plot.width * 0.75, plot.y + plot.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => window.__claimgraph!.summary().filters.yearFrom !== null);
    await idle(page);
    const s = await summary(page);
    const { yearFrom, yearTo } = s.filters as { yearFrom: number; yearTo: number };
    expect(yearTo).toBeGreaterThan(yearFrom);
    const drawn = new Set(s.visibleEdges.flatMap((e) => e.claims));
    const inside = years.filter((y) => y.to >= yearFrom && y.from <= yearTo);
    const outside = years.filter((y) => !(y.to >= yearFrom && y.from <= yearTo));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((y) => drawn.has(y.id))).toEqual([]);
    expect(inside.some((y) => drawn.has(y.id))).toBe(true);
    await expect(page.locator('[data-testid="timebar-range"]').textContent()).resolves.toBe(`${yearFrom}–${yearTo}`);
    expect(page.url()).toContain(`from=${yearFrom}`);
    await shot(page, 'explorer-07-timebar-brushed');

    // Back to every year, then play: the range grows from the first year, step by step.
    await page.locator('.timebar-clear').click();
    await page.waitForFunction(() => window.__claimgraph!.summary().filters.yearFrom === null);
    await page.locator('#timebar-play').click();
    await page.waitForFunction(() => document.querySelector('.timebar')?.getAttribute('data-playing') === 'true');
    await page.waitForFunction(() => window.__claimgraph!.summary().filters.yearTo !== null);
    const first = (await summary(page)).filters.yearTo!;
    await page.waitForFunction((y) => (window.__claimgraph!.summary().filters.yearTo ?? 0) > y, first);
    const second = await summary(page);
    expect(second.filters.yearFrom).toBe(Math.min(...years.map((y) => y.from)));
    expect(second.filters.yearTo!).toBeGreaterThan(first);
    await shot(page, 'explorer-07b-timebar-playing');
    await page.locator('#timebar-play').click();
    await page.waitForFunction(() => document.querySelector('.timebar')?.getAttribute('data-playing') === 'false');
    await close();

    const small = await open('?from=1979&to=2003', SMALL);
    const bar = (await small.page.locator('.timebar').boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(SMALL.height);
    await shot(small.page, 'explorer-07c-timebar-800');
    await small.close();
  });
});

describe('the context menu', () => {
  const menu = '#context-menu:not([hidden])';

  async function rightClickNode(page: Page, id: string): Promise<void> {
    const p = await nodePoint(page, id);
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await page.waitForSelector(menu);
  }

  /** Aims along an edge until the pointer is over it, then right-clicks. */
  async function rightClickEdge(page: Page, id: string): Promise<void> {
    const box = (await page.locator('#canvas').boundingBox())!;
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55]) {
      const p = await page.evaluate(([edge, at]) => window.__claimgraph!.edgePosition(edge as string, at as number), [id, t] as const);
      if (!p) throw new Error(`edge ${id} is not drawn`);
      await page.mouse.move(box.x + p.x, box.y + p.y);
      const cursor = await page.locator('#canvas').evaluate(async (el) => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return (el as HTMLElement).style.cursor;
      });
      if (cursor === 'pointer') {
        await page.mouse.click(box.x + p.x, box.y + p.y, { button: 'right' });
        await page.waitForSelector(menu);
        return;
      }
    }
    throw new Error(`could not point at edge ${id}`);
  }

  it('on an entity: expands by type and direction with counts from the graph, hides, and the background brings it back', async () => {
    const rows = await query<{ type: string; direction: string; claims: number }>(
      "MATCH (m:Entity {id: 'mek'})-[r]->(b:Entity) WHERE NOT b:Source RETURN type(r) AS type, 'out' AS direction, count(r) AS claims UNION ALL MATCH (m:Entity {id: 'mek'})<-[r]-(b:Entity) WHERE NOT b:Source RETURN type(r) AS type, 'in' AS direction, count(r) AS claims",
    );
    const expected = new Map(rows.map((r) => [`${r.type}|${r.direction}`, r.claims]));
    const { page, problems, close } = await open('?limit=20');
    await rightClickNode(page, 'mek');
    await expect(page.locator(`${menu} .cm-title`).textContent()).resolves.toBe('Mujahedin-e Khalq');
    await page.waitForSelector(`${menu} [data-action^="expand-"]`);
    const items = await page.locator(`${menu} [data-action^="expand-"]`).evaluateAll((els) =>
      els.map((el) => ({ type: el.getAttribute('data-type')!, direction: el.getAttribute('data-direction')!, claims: Number(el.getAttribute('data-claims')), missing: Number(el.getAttribute('data-missing')), text: el.textContent ?? '' })),
    );
    expect(items.length).toBe(Math.min(12, expected.size));
    expect(items.map((i) => i.text.startsWith(i.direction === 'out' ? '→' : '←'))).not.toContain(false);
    const s = await summary(page);
    const drawn = (type: string, direction: string) =>
      s.visibleEdges.filter((e) => e.type === type && (direction === 'out' ? e.source === 'mek' : e.target === 'mek')).reduce((n, e) => n + e.claims.length, 0);
    for (const it of items) {
      expect(it.claims, `${it.type} ${it.direction}`).toBe(expected.get(`${it.type}|${it.direction}`));
      expect(it.missing, `${it.type} ${it.direction}`).toBe(it.claims - drawn(it.type, it.direction));
      expect(it.text).toContain(it.missing === 0 ? 'all shown' : `${it.claims} claim`);
    }
    await shot(page, 'explorer-08-context-menu-entity');
    // Expand one type, one way: every such claim is then drawn, and none of that type the other way is added.
    const pick = items.find((i) => i.missing > 0 && expected.has(`${i.type}|${i.direction === 'out' ? 'in' : 'out'}`)) ?? items.find((i) => i.missing > 0)!;
    const other = pick.direction === 'out' ? 'in' : 'out';
    const otherBefore = drawn(pick.type, other);
    await page.locator(`${menu} [data-type="${pick.type}"][data-direction="${pick.direction}"]`).click();
    await page.waitForFunction(() => !document.querySelector('#context-menu:not([hidden])'));
    await page.waitForFunction(([type, direction, n]) => {
      const sv = window.__claimgraph!.summary();
      return sv.visibleEdges.filter((e) => e.type === type && (direction === 'out' ? e.source === 'mek' : e.target === 'mek')).reduce((k, e) => k + e.claims.length, 0) === n;
    }, [pick.type, pick.direction, pick.claims] as const);
    await idle(page);
    const after = await summary(page);
    const otherAfter = after.visibleEdges.filter((e) => e.type === pick.type && (other === 'out' ? e.source === 'mek' : e.target === 'mek')).reduce((n, e) => n + e.claims.length, 0);
    expect(otherAfter).toBe(otherBefore);

    // Hide from the menu; the background's menu shows it again.
    const victim = after.visibleNodes.find((id) => id !== 'mek')!;
    await rightClickNode(page, victim);
    await page.locator(`${menu} [data-action="hide"]`).click();
    await page.waitForFunction((id) => !window.__claimgraph!.summary().visibleNodes.includes(id), victim);
    const box = (await page.locator('#canvas').boundingBox())!;
    await page.mouse.click(box.x + 6, box.y + 6, { button: 'right' });
    await page.waitForSelector(menu);
    await expect(page.locator(`${menu} [data-action="show-hidden"] .cm-count`).textContent()).resolves.toBe('1');
    await page.locator(`${menu} [data-action="show-hidden"]`).click();
    await page.waitForFunction((id) => window.__claimgraph!.summary().visibleNodes.includes(id), victim);
    // Escape closes it, and the browser's own menu never shows on the canvas.
    await rightClickNode(page, 'mek');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#context-menu:not([hidden])'));
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('on an edge: opens the sources of its claims; "Path from here" fills the finder', async () => {
    const { page, close } = await open();
    const s = await summary(page);
    const edge = s.visibleEdges.find((e) => e.source === 'michael-rubin' && e.target === 'mek')!;
    const urls = await query<{ url: string }>('MATCH ()-[r]->() WHERE r.id IN $ids MATCH (s:Source {id: r.sourceId}) WHERE s.url IS NOT NULL RETURN DISTINCT s.url AS url', { ids: edge.claims });
    expect(urls.length).toBeGreaterThan(0);
    await rightClickEdge(page, edge.id);
    await page.waitForSelector(`${menu} a.cm-item`);
    const links = await page.locator(`${menu} a.cm-item`).evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })));
    expect(links.map((l) => l.href).sort()).toEqual(urls.map((u) => u.url).sort());
    expect(links.every((l) => l.target === '_blank' && l.rel === 'noopener noreferrer')).toBe(true);
    await expect(page.locator(`${menu} .cm-title`).textContent()).resolves.toBe('Michael Rubin — criticized → Mujahedin-e Khalq');
    await shot(page, 'explorer-08b-context-menu-edge');
    await page.keyboard.press('Escape');
    await rightClickNode(page, 'maryam-rajavi');
    await page.locator(`${menu} [data-action="path-from"]`).click();
    await page.waitForSelector('#path-popover:not([hidden])');
    await expect(page.locator('#path-from').inputValue()).resolves.toBe('Maryam Rajavi');
    await close();

    const small = await open('', SMALL);
    await rightClickNode(small.page, 'mek');
    await small.page.waitForSelector(`${menu} [data-action^="expand-"]`);
    const m = (await small.page.locator(menu).boundingBox())!;
    expect(m.x >= 0 && m.y >= 0 && m.x + m.width <= SMALL.width && m.y + m.height <= SMALL.height).toBe(true);
    await shot(small.page, 'explorer-08c-context-menu-800');
    await small.close();
  });
});
