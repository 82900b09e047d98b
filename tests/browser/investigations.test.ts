/**
 * Investigations in real Chromium against the real server and Neo4j (the
 * mini fixture): a view annotated and narrated, saved to a file and reopened
 * in a fresh browser context (same entities, places, notes and steps); a file
 * dropped on the canvas; an invalid file refused with the field named; a
 * saved view opened from its short link; a changed claim (re-import with a
 * different quote) reported on reopening; the presentation; the published
 * HTML opened from file:// with every network request refused (it draws,
 * steps through the story, cites every claim, runs nothing from the data),
 * on a desktop and a phone screen; the Markdown report. Screenshots land in
 * test-artifacts/browser/investigations-*.png.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import type { InvestigationDocument } from '../../shared/investigation/schema.ts';
import type { PublishedData } from '../../client/src/investigations/publish/types.ts';
import { launchBrowser, newPage, type PageProblems } from '../helpers/browser.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testConfig, testDriver } from '../helpers/neo4j.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts/browser');
const FUNDED = 'org-front|FUNDED|org-arm';
const PAID = 'org-front|PAID|person-speaker';
const XSS_NOTE = 'Watch <script>window.__xss = 1</script> and <img src=x onerror="window.__xss=2"> — see https://example.org/report.';
const XSS_NAME = 'Eve <img src=x onerror=alert(1)>';

let server: Server;
let base: string;
let browser: Browser;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'claimgraph-investigations-'));

function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** Builds the client and the viewer bundle when missing or older than their sources. */
function ensureBuilt(): void {
  const src = Math.max(newest(path.join(ROOT, 'client/src')), newest(path.join(ROOT, 'client/index.html')), newest(path.join(ROOT, 'client/vite.config.ts')), newest(path.join(ROOT, 'client/viewer.vite.config.ts')), newest(path.join(ROOT, 'shared')));
  const fresh = (f: string) => existsSync(f) && statSync(f).mtimeMs >= src;
  const vite = (config: string) => execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
  if (!fresh(path.join(ROOT, 'client/dist/index.html'))) vite('client/vite.config.ts');
  if (!fresh(path.join(ROOT, 'client/dist/viewer/viewer.js'))) vite('client/viewer.vite.config.ts');
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureBuilt();
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  // A quote verified by the verifier, as claims will carry it (shown as a badge).
  await testDriver().executeQuery("MATCH ()-[r {id: 'c-funded'}]->() SET r.verification = 'verified'");
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
  await query('MATCH (v:SavedView) DELETE v').catch(() => undefined);
  await closeTestDriver();
  rmSync(tmp, { recursive: true, force: true });
});

// ---- helpers ----------------------------------------------------------------

async function open(pathAndQuery = '/', size = { width: 1440, height: 900 }): Promise<{ page: Page; problems: PageProblems; close: () => Promise<void> }> {
  const { context, page, problems } = await newPage(browser, size);
  await page.goto(base + pathAndQuery);
  await page.waitForFunction(() => window.__claimgraph !== undefined);
  await page.evaluate(() => window.__claimgraph!.ready);
  await idle(page);
  return { page, problems, close: () => context.close() };
}

const idle = (page: Page) => page.evaluate(() => window.__claimgraph!.idle());

async function clickNode(page: Page, id: string): Promise<void> {
  const p = await page.evaluate((n) => window.__claimgraph!.nodePosition(n), id);
  const box = (await page.locator('#canvas').boundingBox())!;
  if (!p) throw new Error(`node ${id} is not drawn`);
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

/** Aims along a straight edge until the pointer says it is over it, then clicks. */
async function clickEdge(page: Page, id: string): Promise<void> {
  const box = (await page.locator('#canvas').boundingBox())!;
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65]) {
    const p = await page.evaluate(([edge, at]) => window.__claimgraph!.edgePosition(edge as string, at as number), [id, t] as const);
    if (!p) throw new Error(`edge ${id} is not drawn`);
    await page.mouse.move(box.x + p.x, box.y + p.y);
    const cursor = await page.locator('#canvas').evaluate(async (el) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return (el as HTMLElement).style.cursor;
    });
    if (cursor === 'pointer') {
      await page.mouse.down();
      await page.mouse.up();
      return;
    }
  }
  throw new Error(`could not point at edge ${id}`);
}

/** Waits until the (first) element's text is `t`. */
async function hasText(loc: Locator, t: string): Promise<void> {
  await expect.poll(() => loc.first().textContent()).toBe(t);
}

async function containsText(loc: Locator, t: string): Promise<void> {
  await expect.poll(() => loc.first().textContent()).toContain(t);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `investigations-${name}.png`), fullPage });
}

async function download(page: Page, action: () => Promise<void>): Promise<{ file: string; download: Download }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), action()]);
  const file = path.join(tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return { file, download: dl };
}

async function menu(page: Page, action: string): Promise<void> {
  await page.click('#investigation-button');
  await page.click(`#investigation-menu [data-action="${action}"]`);
}

async function addPanelNote(page: Page, text: string): Promise<void> {
  await page.click('#panel [data-action="add-note"]');
  await page.fill('#panel .notes-section textarea', text);
  await page.click('#panel .notes-section [data-action="save-note"]');
  await page.waitForSelector(`#panel .notes-section .note-card`);
}

async function capture(page: Page, title: string, text: string): Promise<void> {
  const before = await page.locator('.step-list > li').count();
  await page.click('#capture-step');
  await page.fill('.step-editing input', title);
  await page.fill('.step-editing textarea', text);
  await page.click('[data-action="save-step"]');
  await expect.poll(() => page.locator('.step-card:not(.step-editing)').count()).toBe(before + 1);
}

const stepTitles = (page: Page) => page.locator('.step-list .step-title').allTextContents();

async function openFile(page: Page, file: string): Promise<void> {
  await page.locator('#investigation-file').setInputFiles(file);
}

/** The investigation built in the first test, saved to a file. */
let savedFile = '';

// ---- tests --------------------------------------------------------------------

describe('investigations in the browser', () => {
  it('a view with notes and a three-step story is saved to a file and reopens the same in a fresh browser', async () => {
    const { page, problems, close } = await open();
    await page.click('#story-button');
    await page.waitForSelector('#investigation:not([hidden])');

    // Notes on an entity (markup and a link in it), an edge and the canvas.
    await clickNode(page, 'org-hub');
    await page.waitForSelector('#panel[data-content="entity"]');
    await addPanelNote(page, XSS_NOTE);
    const link = page.locator('#panel .note-text a');
    await expect(link.getAttribute('href')).resolves.toBe('https://example.org/report');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(page.locator('#panel .note-text').textContent()).resolves.toBe(XSS_NOTE);
    expect(await page.locator('#app script, #app img').count()).toBe(0);
    await capture(page, 'The movement', 'Everything here turns around the Northwind Movement.');
    await shot(page, '01-panel-notes-and-step');

    await clickEdge(page, FUNDED);
    await page.waitForSelector('#panel[data-content="edge"]');
    await addPanelNote(page, 'Money from the front to the council.');
    await capture(page, 'The money', 'The Friends Association funds the Council: 120,000 USD in grants.');

    await clickEdge(page, PAID);
    await page.waitForSelector('#panel[data-content="edge"]');
    await capture(page, 'Paid speakers', 'A speaker paid by the front.');

    // A fourth step, deleted; the third moved up and back down; the second's text edited.
    await capture(page, 'Scrap', 'to delete');
    await page.click('.step-list > li:nth-child(4) [data-action="delete-step"]');
    await page.click('.step-list > li:nth-child(4) [data-action="delete-step"]');
    await expect.poll(() => stepTitles(page)).toEqual(['The movement', 'The money', 'Paid speakers']);
    await page.click('.step-list > li:nth-child(3) [data-action="step-up"]');
    await expect.poll(() => stepTitles(page)).toEqual(['The movement', 'Paid speakers', 'The money']);
    await page.click('.step-list > li:nth-child(2) [data-action="step-down"]');
    await expect.poll(() => stepTitles(page)).toEqual(['The movement', 'The money', 'Paid speakers']);
    await page.click('.step-list > li:nth-child(2) [data-action="edit-step"]');
    await page.fill('.step-editing textarea', 'The Friends Association funds the Council: grants of 120,000 USD.');
    await page.click('[data-action="save-step"]');

    await page.click('#drawer-tab-notes');
    await page.click('#add-canvas-note');
    await page.fill('.note-popover textarea', 'Read the whole picture first.');
    await page.click('.note-popover [data-action="save-note"]');
    await expect.poll(() => page.locator('.note-marker').count()).toBe(3);
    await page.fill('#investigation-title', 'Northwind money');
    await page.locator('#investigation-title').press('Enter');
    await page.keyboard.press('Escape'); // close the panel: the canvas keeps its width on reopening
    await idle(page);
    await shot(page, '02-notes-tab-and-markers');
    await page.click('#drawer-tab-story');

    const nodes = (await page.evaluate(() => window.__claimgraph!.summary())).visibleNodes.sort();
    const before = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, window.__claimgraph!.nodePosition(id)])), nodes);
    const { file, download: dl } = await download(page, () => menu(page, 'save-file'));
    expect(dl.suggestedFilename()).toBe('northwind-money.claimgraph.json');
    savedFile = file;
    const doc = JSON.parse(readFileSync(file, 'utf8')) as InvestigationDocument;
    expect(doc).toMatchObject({ format: 'claimgraph-investigation', version: 1, title: 'Northwind money', datasets: ['mini'] });
    expect(doc.state.notes.map((n) => n.target.type).sort()).toEqual(['canvas', 'edge', 'entity']);
    expect(doc.state.story.map((s) => s.title)).toEqual(['The movement', 'The money', 'Paid speakers']);
    expect(doc.state.story[1]).toMatchObject({ edges: [FUNDED], text: 'The Friends Association funds the Council: grants of 120,000 USD.' });
    expect(doc.claims.find((c) => c.id === 'c-funded')?.hash).toMatch(/^sha256:/);
    expect(problems.dialogs).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await close();

    // A fresh browser context: nothing in common but the file.
    const again = await open();
    await openFile(again.page, file);
    await again.page.waitForSelector('#investigation:not([hidden])');
    await expect.poll(() => again.page.locator('#investigation-title').inputValue()).toBe('Northwind money');
    await idle(again.page);
    expect((await again.page.evaluate(() => window.__claimgraph!.summary())).visibleNodes.sort()).toEqual(nodes);
    const after = await again.page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, window.__claimgraph!.nodePosition(id)])), nodes);
    for (const id of nodes) {
      expect(Math.abs(after[id]!.x - before[id]!.x), id).toBeLessThan(1.5);
      expect(Math.abs(after[id]!.y - before[id]!.y), id).toBeLessThan(1.5);
    }
    await expect.poll(() => stepTitles(again.page)).toEqual(['The movement', 'The money', 'Paid speakers']);
    await expect.poll(() => again.page.locator('.note-marker').count()).toBe(3);
    await again.page.click('#drawer-tab-notes');
    await expect(again.page.locator('#drawer-notes .note-text').allTextContents()).resolves.toEqual(expect.arrayContaining([XSS_NOTE, 'Money from the front to the council.', 'Read the whole picture first.']));
    // Saved again, the document is the same (notes, steps, places).
    const { file: file2 } = await download(again.page, () => menu(again.page, 'save-file'));
    const doc2 = JSON.parse(readFileSync(file2, 'utf8')) as InvestigationDocument;
    expect(doc2.state.notes).toEqual(doc.state.notes);
    expect(doc2.state.story).toEqual(doc.state.story);
    const places = (d: InvestigationDocument) => Object.fromEntries(d.state.nodes.map((n) => [n.entity.id, [n.x, n.y]]));
    expect(places(doc2)).toEqual(places(doc));
    expect(again.problems.dialogs).toEqual([]);
    expect(again.problems.pageErrors).toEqual([]);
    await again.close();
  });

  it('a file dropped on the canvas opens; an invalid one is refused with the field named', async () => {
    expect(savedFile).not.toBe('');
    const { page, problems, close } = await open();
    const drop = async (name: string, text: string) => {
      const dt = await page.evaluateHandle(([n, t]) => {
        const d = new DataTransfer();
        d.items.add(new File([t as string], n as string, { type: 'application/json' }));
        return d;
      }, [name, text] as const);
      await page.dispatchEvent('#stage', 'dragenter', { dataTransfer: dt });
      await page.locator('.drop-zone').waitFor({ state: 'visible' });
      await page.dispatchEvent('#stage', 'drop', { dataTransfer: dt });
    };
    await drop('northwind.claimgraph.json', readFileSync(savedFile, 'utf8'));
    await expect.poll(() => page.locator('#investigation-title').inputValue()).toBe('Northwind money');
    await expect.poll(() => stepTitles(page)).toEqual(['The movement', 'The money', 'Paid speakers']);

    const bad = JSON.parse(readFileSync(savedFile, 'utf8')) as { state: { nodes: { x: unknown }[]; story: { title: unknown }[] } };
    bad.state.nodes[2]!.x = 'left';
    bad.state.story[0]!.title = 42;
    const badFile = path.join(tmp, 'bad.claimgraph.json');
    writeFileSync(badFile, JSON.stringify(bad));
    await openFile(page, badFile);
    const dialog = page.locator('#open-error');
    await dialog.waitFor({ state: 'visible' });
    await expect(dialog.locator('.issue-path').allTextContents()).resolves.toEqual(expect.arrayContaining(['state.nodes.2.x', 'state.story.0.title']));
    await expect(dialog.textContent()).resolves.toContain('expected number');
    await shot(page, '03-invalid-file');
    await dialog.locator('button[value="close"]').click();
    // Not JSON at all.
    await drop('notes.txt', 'these are not the notes you are looking for');
    await dialog.waitFor({ state: 'visible' });
    await expect(dialog.textContent()).resolves.toContain('not JSON');
    await dialog.locator('button[value="close"]').click();
    // What was open stays open.
    await expect.poll(() => stepTitles(page)).toEqual(['The movement', 'The money', 'Paid speakers']);
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('saved to the server, a view is listed and its short link opens it in a fresh browser', async () => {
    const { page, problems, close } = await open();
    await openFile(page, savedFile);
    await expect.poll(() => stepTitles(page)).toHaveLength(3);
    await menu(page, 'save-view');
    await page.fill('#view-name', 'Northwind money, shared');
    await page.click('#save-view-dialog button[value="save"]');
    const field = page.locator('#view-link');
    await field.waitFor({ state: 'visible' });
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${base}/\\?view=[A-Za-z0-9_-]{10}$`));
    await shot(page, '04-saved-view-link');
    await page.click('#view-saved-dialog button[value="done"]');
    await expect.poll(() => page.evaluate(() => window.location.search)).toBe(new URL(link).search);
    await page.click('#investigation-button');
    await hasText(page.locator('#investigation-menu .view-name').first(), 'Northwind money, shared');
    await shot(page, '05-menu-saved-views');
    await page.keyboard.press('Escape');
    await close();

    const other = await open(new URL(link).pathname + new URL(link).search);
    await expect.poll(() => other.page.locator('#investigation-title').inputValue()).toBe('Northwind money');
    await expect.poll(() => stepTitles(other.page)).toEqual(['The movement', 'The money', 'Paid speakers']);
    await expect.poll(() => other.page.locator('.note-marker').count()).toBe(3);
    await expect(other.page.locator('.drawer-origin').textContent()).resolves.toContain('Northwind money, shared');
    expect(problems.pageErrors).toEqual([]);
    expect(other.problems.pageErrors).toEqual([]);
    await other.close();
  });

  it('presenting steps through with the arrow keys, each step listing the claims behind it with status, source, quote and verification', async () => {
    const { page, problems, close } = await open();
    await openFile(page, savedFile);
    await expect.poll(() => stepTitles(page)).toHaveLength(3);
    await page.click('#present-button');
    const card = page.locator('#presentation');
    await card.waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('body').getAttribute('class')).toMatch(/presenting/);
    await hasText(card.locator('.present-title'), 'The movement');
    await page.keyboard.press('ArrowRight');
    await hasText(card.locator('.present-title'), 'The money');
    const claim = card.locator('.story-claim[data-claim="c-funded"]');
    await hasText(claim.locator('.status-badge'), 'documented');
    await hasText(claim.locator('.quote'), 'Grants to the Council: 120,000.');
    await hasText(claim.locator('.verify-badge'), 'quote verified');
    await hasText(claim.locator('.source-title'), 'Northwind Friends Association annual filing 2019');
    await idle(page);
    await shot(page, '06-presentation');
    await page.keyboard.press('ArrowRight');
    await hasText(card.locator('.present-title'), 'Paid speakers');
    await expect.poll(() => card.locator('.story-claim').count()).toBe(2);
    // Claims imported without their source's document say they were not checked.
    await expect.poll(() => card.locator('.story-claim .verify-badge').allTextContents()).toEqual(['not checked', 'not checked']);
    await page.keyboard.press('ArrowRight'); // the last step stays
    await hasText(card.locator('.present-count'), 'Step 3 of 3');
    await page.keyboard.press('ArrowLeft');
    await hasText(card.locator('.present-title'), 'The money');
    const hl = (await page.evaluate(() => window.__claimgraph!.summary())).highlight;
    expect(hl).toMatchObject({ kind: 'story', edges: [FUNDED] });
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('body').getAttribute('class')).not.toMatch(/presenting/);
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('published as one HTML file, it opens from file:// with the network refused: draws, tells the story, cites every claim, runs nothing from the data', async () => {
    const { page, close } = await open();
    await openFile(page, savedFile);
    await expect.poll(() => stepTitles(page)).toHaveLength(3);
    const { file, download: dl } = await download(page, () => menu(page, 'publish-html'));
    expect(dl.suggestedFilename()).toBe('northwind-money.html');
    await close();
    const html = readFileSync(file, 'utf8');
    expect(html).toContain("default-src 'none'");
    const data = JSON.parse(/<script type="application\/json" id="claimgraph-data">(.*?)<\/script>/s.exec(html)![1]!) as PublishedData;
    expect(data.story.map((s) => s.title)).toEqual(['The movement', 'The money', 'Paid speakers']);
    console.log(`published file (mini fixture): ${Math.round(html.length / 1024)} KB`);

    for (const size of [{ width: 1440, height: 900, name: 'desktop' }, { width: 390, height: 844, name: 'phone' }]) {
      const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, isMobile: size.width < 500, hasTouch: size.width < 500 });
      const attempted: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        attempted.push(url);
        return route.abort();
      });
      const viewer = await context.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      const errors: string[] = [];
      viewer.on('request', (r) => requests.push(r.url()));
      viewer.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      viewer.on('pageerror', (e) => errors.push(String(e)));
      await viewer.goto(`file://${file}`);
      await viewer.waitForSelector('body[data-ready="true"]');
      await hasText(viewer.locator('.v-title'), 'Northwind money');
      await containsText(viewer.locator('.v-meta'), 'Mini fixture network (fictional)');
      await containsText(viewer.locator('.v-meta'), `Published `);
      await containsText(viewer.locator('.v-meta'), String(new Date(data.publishedAt).getFullYear()));
      // It draws: the WebGL canvas holds many colours (kinds, statuses, labels), decoded by the browser.
      const png = (await viewer.locator('.v-canvas').screenshot()).toString('base64');
      const blank = await context.newPage();
      const colours = await blank.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const set = new Set<number>();
        for (let i = 0; i < d.length; i += 4) set.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
        return set.size;
      }, png);
      await blank.close();
      expect(colours).toBeGreaterThan(50);
      await shot(viewer, `07-published-${size.name}-overview`, size.name === 'phone');
      await viewer.click('#v-start');
      await hasText(viewer.locator('.v-step-title'), 'The movement');
      await viewer.click('#v-next');
      await hasText(viewer.locator('.v-step-title'), 'The money');
      await hasText(viewer.locator('.v-claims .story-claim[data-claim="c-funded"] .quote'), 'Grants to the Council: 120,000.');
      await hasText(viewer.locator('.v-claims .verify-badge'), 'quote verified');
      await viewer.keyboard.press('ArrowRight');
      await hasText(viewer.locator('#v-count'), 'Step 3 of 3');
      await shot(viewer, `08-published-${size.name}-step`, size.name === 'phone');
      // Citations: every claim shown, each with its quote.
      await viewer.click('#v-tab-citations');
      await expect.poll(() => viewer.locator('.v-citations .story-claim').count()).toBe(data.claims.length);
      const cited = await viewer.locator('.v-citations').textContent();
      for (const c of data.claims) if (c.quote) expect(cited).toContain(c.quote);
      expect(cited).toContain(XSS_NAME);
      await shot(viewer, `09-published-${size.name}-citations`);
      // Notes: the one with markup is text.
      await viewer.click('#v-tab-notes');
      await viewer.locator('.v-notes-all .note-text').first().waitFor({ state: 'visible' });
      expect(await viewer.locator('.v-notes-all').textContent()).toContain(XSS_NOTE);
      expect(await viewer.locator('#viewer img, #viewer script').count()).toBe(0);
      expect(await viewer.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(attempted).toEqual([]);
      expect(requests.every((u) => u.startsWith('file:')), requests.join(' ')).toBe(true);
      await context.close();
    }
  });

  it('the story report is Markdown with a picture of each step and its citations', async () => {
    const { page, close } = await open();
    await openFile(page, savedFile);
    await expect.poll(() => stepTitles(page)).toHaveLength(3);
    const { file, download: dl } = await download(page, () => menu(page, 'report'));
    expect(dl.suggestedFilename()).toBe('northwind-money-report.zip');
    const files = unzipSync(new Uint8Array(readFileSync(file)));
    expect(Object.keys(files).sort()).toEqual(['images/step-01.png', 'images/step-02.png', 'images/step-03.png', 'report.md']);
    for (const name of ['images/step-01.png', 'images/step-02.png']) {
      const png = files[name]!;
      expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(png.length).toBeGreaterThan(10_000);
    }
    writeFileSync(path.join(ARTIFACTS, 'investigations-report-step-02.png'), files['images/step-02.png']!);
    const md = strFromU8(files['report.md']!);
    expect(md).toContain('# Northwind money');
    expect(md).toContain('## 2. The money');
    expect(md).toContain('![Step 2](images/step-02.png)');
    expect(md).toContain('“Grants to the Council: 120,000.”');
    expect(md).toContain('quote verified');
    expect(md).toContain('Data: Mini fixture network (fictional) (mini)');
    await close();
  });

  it('a claim changed since the investigation was saved (re-imported with another quote) is reported when it is reopened', async () => {
    const dir = mkdtempSync(path.join(tmp, 'mini-'));
    cpSync('tests/fixtures/mini', dir, { recursive: true });
    const claims = path.join(dir, 'claims.yaml');
    writeFileSync(claims, readFileSync(claims, 'utf8').replace('Grants to the Council: 120,000.', 'Grants to the Council: 150,000.'));
    await importDataset(dir);
    try {
      const { page, problems, close } = await open();
      await openFile(page, savedFile);
      const dialog = page.locator('#reopen-report');
      await dialog.waitFor({ state: 'visible' });
      const row = dialog.locator('[data-section="changed"] .report-claim[data-claim="c-funded"]');
      await containsText(row.locator('.report-ends'), 'Northwind Friends Association → funded → Northwind Council');
      await hasText(row.locator('.report-was'), 'Grants to the Council: 120,000.');
      await hasText(row.locator('.report-now'), 'Grants to the Council: 150,000.');
      await expect.poll(() => dialog.locator('.report-claim').count()).toBe(1);
      await shot(page, '10-reopen-report');
      await dialog.locator('button[value="close"]').click();
      // The rest shows: the steps, and the claim in its current form.
      await expect.poll(() => stepTitles(page)).toEqual(['The movement', 'The money', 'Paid speakers']);
      expect(problems.pageErrors).toEqual([]);
      await close();
    } finally {
      await importDataset('tests/fixtures/mini');
    }
  });
});
