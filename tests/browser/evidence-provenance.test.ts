/**
 * What users see of provenance (issue #11, "What users see"), in real
 * Chromium against the real server and Neo4j: verification badges, the
 * quote in context, the source view with its document, a quote that is
 * markup shown as text; on the evidence fixture (its documents ship with
 * it) and, when ../shared/sources is at hand, on the MEK dataset against
 * the seed analysis.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset as runImport } from '../../server/import/index.ts';
import { normalize } from '../../server/provenance/normalize.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { closeTestDriver, importDataset, resetDatabase, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { clickNode, ensureClientBuilt, idle, open, ROOT, shot, startServer, summary } from './evidence-helpers.ts';

const FIXTURE = 'tests/fixtures/evidence';
const MARKUP_QUOTE = '<b>Pay the Council</b> 5,000 before the vote <img src=x onerror=alert(1)>';
/** The seed analysis: CLAIMGRAPH_SHARED_SOURCES, or ../shared/sources next to the repository (or to the folder holding its worktree). */
const SEED_DIR = [process.env.CLAIMGRAPH_SHARED_SOURCES, path.resolve(ROOT, '../shared/sources'), path.resolve(ROOT, '../../shared/sources')].find(
  (d): d is string => !!d && existsSync(path.join(d, 'seed-analysis.txt')),
);

let browser: Browser;
let base: string;
let stop: () => Promise<void>;
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  ensureClientBuilt();
  await resetDatabase();
  await importDataset(FIXTURE);
  ({ base, stop } = await startServer({ DEFAULT_DATASET: FIXTURE }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stop?.();
  await closeTestDriver();
});

/** Nothing of the data became markup: no image, bold or script element came from it, no dialog opened. */
async function noMarkupRan(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.locator('#app img, #app b, #app script, #panel img, #panel b').count()).toBe(0);
  expect(dialogs).toEqual([]);
}

async function openEdge(page: Page, from: string, type: string, to: string): Promise<void> {
  // The edge panel as a click on the edge opens it (app.test.ts clicks edges; here the test hook's state is enough).
  await clickNode(page, from);
  await page.waitForSelector('#panel[data-content="entity"]');
  await page.locator(`#panel .claim[data-claim] .claim-ends`).first().waitFor();
  const s = await summary(page);
  const edge = s.visibleEdges.find((e) => e.source === from && e.type === type && e.target === to)!;
  const box = (await page.locator('#canvas').boundingBox())!;
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const p = await page.evaluate(([id, at]) => window.__claimgraph!.edgePosition(id as string, at as number), [edge.id, t] as const);
    await page.mouse.move(box.x + p!.x, box.y + p!.y);
    const cursor = await page.locator('#canvas').evaluate(async (el) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return (el as HTMLElement).style.cursor;
    });
    if (cursor === 'pointer') {
      await page.mouse.down();
      await page.mouse.up();
      await page.waitForSelector('#panel[data-content="edge"]');
      return;
    }
  }
  throw new Error(`could not point at edge ${edge.id}`);
}

describe('verification and the quote in context (fixture)', () => {
  it('an edge’s claims show their badges and their quotes in context; a quote that is markup is text', async () => {
    const { page, problems, close } = await open(browser, base);
    await openEdge(page, 'ledger-trust', 'PAID', 'ledger-council');
    const paid = page.locator('#panel .claim[data-claim="c-trust-paid-council"]');
    await expect(paid.locator('.verify-badge').getAttribute('data-verification')).resolves.toBe('verified');
    await expect(paid.locator('.verify-badge').getAttribute('title')).resolves.toBe('Verified: The quote is in the source’s document, word for word.');
    await expect(paid.locator('.quote').textContent()).resolves.toBe(MARKUP_QUOTE);
    // The context loads with an edge's few claims: the quote marked in its sentences, as text.
    await paid.locator('.quote-context mark').waitFor();
    await expect(paid.locator('.quote-context mark').allTextContents()).resolves.toEqual([MARKUP_QUOTE]);
    await expect(paid.locator('.context-text').textContent()).resolves.toContain('The treasurer says she never answered it.');
    await expect(paid.locator('.quote-context figcaption').textContent()).resolves.toBe('In Ledger Council internal memo, March 2021, as its document has it');
    // The television report's claim was found in the memo that restates it.
    const twice = page.locator('#panel .claim[data-claim="c-trust-paid-twice"]');
    await expect(twice.locator('.quote-context mark').textContent()).resolves.toBe('the Trust had paid the Council twice');
    await noMarkupRan(page, problems.dialogs);
    await shot(page, 'evidence-10-quote-in-context-1440');
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('an entity’s claims: approximate with its score, not checked, a paraphrase with its anchor; the context on demand', async () => {
    const { page, close } = await open(browser, base);
    await clickNode(page, 'otto-brand');
    await page.waitForSelector('#panel[data-content="entity"]');
    const member = page.locator('#panel .claim[data-claim="c-brand-member"]');
    await expect(member.locator('.verify-badge').textContent()).resolves.toMatch(/approximate 0\.98/);
    await expect(member.locator('.verify-badge').getAttribute('title')).resolves.toMatch(/^Approximate \(similarity 0\.98 of 1\): /);
    const criticized = page.locator('#panel .claim[data-claim="c-brand-criticized"]');
    await expect(criticized.locator('.verify-badge').textContent()).resolves.toMatch(/not checked/);
    // A quote that was not checked has no context to show.
    await expect(criticized.locator('.context-toggle').count()).resolves.toBe(0);
    await expect(member.locator('.context-box').isHidden()).resolves.toBe(true);
    await member.locator('.context-toggle').click();
    await expect(member.locator('.context-toggle').getAttribute('aria-expanded')).resolves.toBe('true');
    await member.locator('.quote-context mark').waitFor();
    await expect(member.locator('.quote-context mark').textContent()).resolves.toBe('Otto Brand, a former banker is a member of the Council');

    await clickNode(page, 'vote-2021');
    await page.waitForFunction(() => document.querySelector('#panel .entity-name')?.textContent === 'The 2021 vote');
    const vote = page.locator('#panel .claim[data-claim="c-council-vote"]');
    await expect(vote.locator('.verify-badge').getAttribute('data-verification')).resolves.toBe('paraphrase-anchored');
    await expect(vote.locator('.anchor').textContent()).resolves.toBe('Paraphrases The Council did not take part in the 2021 vote');
    await vote.locator('.context-toggle').click();
    await expect(vote.locator('.quote-context mark').textContent()).resolves.toBe('The Council did not take part in the 2021 vote');
    await shot(page, 'evidence-11-badges');
    await close();
  });
});

describe('the source view (fixture)', () => {
  it('a claim’s source opens its view: metadata, claims by type, the document with every quote marked and linked to its edge', async () => {
    const { page, problems, close } = await open(browser, base);
    await openEdge(page, 'ledger-trust', 'PAID', 'ledger-council');
    await page.locator('#panel .claim[data-claim="c-trust-paid-twice"] .quote-context figcaption .source-open').click();
    await page.waitForSelector('#panel[data-content="source"]');
    const panel = page.locator('#panel');
    await expect(panel.locator('.entity-name').textContent()).resolves.toBe('Ledger Council internal memo, March 2021');
    await expect(panel.locator('.source-props').textContent()).resolves.toContain('official document');
    await expect(panel.locator('.doc-status').textContent()).resolves.toBe('Document: ledger-memo.txt · 5 quotes found in it');
    await expect(panel.locator('.claim-group-title').allTextContents()).resolves.toEqual(['paid2', 'leads1', 'member of1', 'opposed1']);
    await expect(panel.locator('.claim[data-claim="c-trust-paid-twice"] .restated-note').textContent()).resolves.toBe('Restated in this source');
    await expect(panel.locator('.claim[data-claim="c-trust-paid-twice"] .verify-badge').getAttribute('data-verification')).resolves.toBe('verified');
    await shot(page, 'evidence-12-source-view');

    await panel.locator('#source-tab-document').click();
    const doc = panel.locator('[data-testid="document-text"]');
    await doc.locator('mark').first().waitFor();
    const marks = await doc.locator('mark').evaluateAll((ms) => ms.map((m) => [(m as HTMLElement).dataset.claims, m.textContent]));
    expect(marks).toEqual([
      ['c-trust-paid-council', MARKUP_QUOTE],
      ['c-vale-leads', 'Mira Vale'],
      ['c-vale-leads', 'chairs the Council\nsince 2019'],
      ['c-brand-member', 'Otto Brand, a former banker is a member of the Council'],
      ['c-council-vote', 'The Council did not take part in the 2021 vote'],
      ['c-trust-paid-twice', 'the Trust had paid the Council twice'],
    ]);
    // The whole text is the document's, as text (the markup in it included).
    await expect(doc.textContent()).resolves.toContain('Prepared for the board, March 2021');
    await noMarkupRan(page, problems.dialogs);
    await shot(page, 'evidence-13-source-document');

    // A passage leads to its claim's edge on the canvas; the panel stays on the source.
    await doc.locator('mark[data-claims="c-vale-leads"]').first().click();
    await page.waitForFunction(() => window.__claimgraph!.summary().selection.edges.length === 1);
    await idle(page);
    const s = await summary(page);
    expect(s.selection.edges).toEqual(['mira-vale|LEADS|ledger-council']);
    await expect(page.locator('#panel').getAttribute('data-content')).resolves.toBe('source');
    await expect(doc.locator('mark.is-current').allTextContents()).resolves.toEqual(['Mira Vale', 'chairs the Council\nsince 2019']);
    // And a claim to its passages.
    await panel.locator('#source-tab-claims').click();
    await panel.locator('.claim[data-claim="c-brand-member"] [data-action="find-in-document"]').click();
    await page.waitForFunction(() => document.activeElement?.matches('mark[data-claims="c-brand-member"]') ?? false);
    await close();
  });

  it('a source is found by search and put on the canvas; one without a document says so', async () => {
    const { page, close } = await open(browser, base);
    await page.locator('#search-input').fill('evening news');
    const option = page.locator('#search-input-list [data-id="src-ledger-tv"]');
    await option.waitFor({ state: 'visible' });
    await expect(option.locator('.picker-kind').textContent()).resolves.toMatch(/source/i);
    await option.dispatchEvent('mousedown');
    await page.waitForSelector('#panel[data-content="source"]');
    await idle(page);
    expect((await summary(page)).visibleNodes).toContain('src-ledger-tv');
    await expect(page.locator('#panel .doc-status').textContent()).resolves.toMatch(/^The server has no copy of a document of this source/);
    await expect(page.locator('#source-tab-document').isDisabled()).resolves.toBe(true);
    const criticized = page.locator('#panel .claim[data-claim="c-brand-criticized"]');
    await expect(criticized.locator('.verify-badge').textContent()).resolves.toMatch(/not checked/);
    await close();
  });

  it('at 800x600 the source view lies over the canvas and folds away', async () => {
    const { page, close } = await open(browser, base, '?focus=src-ledger-memo', { width: 800, height: 600 });
    await page.waitForSelector('#panel[data-content="source"]');
    const box = (await page.locator('#panel').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(800);
    await page.locator('#source-tab-document').click();
    await page.locator('[data-testid="document-text"] mark').first().waitFor();
    await shot(page, 'evidence-14-source-800x600');
    await page.locator('#panel .panel-fold').click();
    await page.locator('#panel-tab').waitFor({ state: 'visible' });
    await close();
  });
});

describe('the MEK dataset against the seed analysis', () => {
  it('a claim’s quote in context from the seed, and the seed’s source view with every quote found marked', async ({ skip }) => {
    if (!SEED_DIR) {
      console.warn('[evidence] ../shared/sources/seed-analysis.txt is absent (set CLAIMGRAPH_SHARED_SOURCES): the MEK views are not tested here; the fixture\'s are.');
      skip('the seed analysis is absent');
    }
    await resetDatabase();
    await runImport(testDriver(), 'data/mek-network', { database: testNeo4j().database, documents: SEED_DIR, allowUnverified: true });
    const mek = await startServer({ DOCUMENTS_DIR: SEED_DIR! });
    try {
      const seed = (await (await fetch(`${mek.base}/api/sources/seed-analysis`)).json()) as Any;
      expect(seed.document).toMatchObject({ available: true, changed: false });
      expect(seed.document.passages).toBeGreaterThan(100);
      // A verified quote in one piece: its entity's panel, opened by a link.
      const claim = (seed.claims as Any[]).flatMap((g) => g.claims).find((c: Any) => c.properties.verification === 'verified' && !c.properties.quotePieceStarts) as Any;
      const { page, problems, close } = await open(browser, mek.base, `?focus=${encodeURIComponent(claim.from.id)}`);
      await page.waitForSelector('#panel[data-content="entity"]');
      const card = page.locator(`#panel .claim[data-claim="${claim.id}"]`);
      await card.locator('.context-toggle').click();
      await card.locator('.quote-context mark').first().waitFor();
      const marked = await card.locator('.quote-context mark').allTextContents();
      expect(normalize(marked.join(' '))).toBe(claim.properties.quoteExact);
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'evidence-15-mek-quote-in-context');

      await card.locator('.quote-context figcaption .source-open').click();
      await page.waitForFunction(() => document.querySelector('#panel .entity-name')?.textContent?.startsWith('Seed analysis') ?? false);
      await page.locator('#source-tab-document').click();
      const doc = page.locator('[data-testid="document-text"]');
      await doc.locator('mark').first().waitFor();
      const api = (await (await fetch(`${mek.base}/api/sources/seed-analysis/document`)).json()) as Any;
      const markedClaims = await doc.locator('mark').evaluateAll((ms) => [...new Set(ms.flatMap((m) => (m as HTMLElement).dataset.claims!.split(' ')))].sort());
      expect(markedClaims).toEqual([...new Set((api.passages as Any[]).map((p) => p.claimId))].sort());
      expect(markedClaims.length).toBe(seed.document.passages);
      await shot(page, 'evidence-16-mek-seed-document');
      expect(problems.pageErrors).toEqual([]);
      await close();
    } finally {
      await mek.stop();
    }
  });
});
