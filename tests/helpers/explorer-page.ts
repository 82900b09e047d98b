/**
 * Driving the explorer in the browser tests (tests/browser/explorer*.test.ts):
 * open a page at a size, wait for the app's own state (never fixed delays),
 * read the test hook, point at nodes, pick from a search, run a console
 * query, save screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SummaryOfView } from '../../client/src/app/types.ts';
import { newPage, type PageProblems } from './browser.ts';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/browser');

export interface Opened {
  page: Page;
  problems: PageProblems;
  close: () => Promise<void>;
}

export async function openAt(browser: Browser, base: string, query = '', size = { width: 1440, height: 900 }): Promise<Opened> {
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

export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((nodeId) => window.__claimgraph!.nodePosition(nodeId), id);
  const box = await page.locator('#canvas').boundingBox();
  if (!p || !box) throw new Error(`node ${id} is not drawn`);
  return { x: box.x + p.x, y: box.y + p.y };
}

export async function clickNode(page: Page, id: string, opts: { double?: boolean } = {}): Promise<void> {
  const p = await nodePoint(page, id);
  if (opts.double) await page.mouse.dblclick(p.x, p.y);
  else await page.mouse.click(p.x, p.y);
}

/** Where each node is drawn, in CSS pixels of the canvas. */
export async function positions(page: Page, ids: string[]): Promise<Record<string, { x: number; y: number } | null>> {
  return page.evaluate((list) => Object.fromEntries(list.map((id) => [id, window.__claimgraph!.nodePosition(id)])), ids);
}

export async function pickFromSearch(page: Page, inputSelector: string, text: string, id: string): Promise<void> {
  await page.locator(inputSelector).fill(text);
  const option = page.locator(`${inputSelector} ~ .picker-list [data-id="${id}"]`);
  await option.waitFor({ state: 'visible' });
  await option.dispatchEvent('mousedown');
}

/** The suggestions shown for a text: id, name and why it matched, in order. */
export async function suggestions(page: Page, text: string): Promise<{ id: string; name: string; why: string; field: string }[]> {
  await page.locator('#search-input').fill(text);
  await page.waitForFunction((t) => {
    const list = document.querySelector('#search-input-list');
    return list && !list.hasAttribute('hidden') && (list as HTMLElement).dataset.query === t && list.querySelector('.picker-option, .picker-empty');
  }, text);
  return page.locator('#search-input-list .picker-option').evaluateAll((lis) =>
    lis.map((li) => ({
      id: li.getAttribute('data-id') ?? '',
      name: li.querySelector('.picker-name')?.textContent ?? '',
      why: li.querySelector('.picker-why')?.textContent ?? '',
      field: li.querySelector('.picker-why')?.getAttribute('data-field') ?? '',
    })),
  );
}

/** Runs a query in the Cypher console (opening it first) and waits for its result to be merged. */
export async function runConsole(page: Page, query: string): Promise<void> {
  if (!(await page.locator('#console[data-ready="true"]').count())) await page.locator('#console-button').click();
  await page.waitForSelector('#console[data-ready="true"] .cm-content');
  await page.locator('#console .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(query);
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#console[data-state="done"] .result-table');
  await idle(page);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Pairs of boxes that overlap (strictly: touching edges do not count). */
export function overlapping<T extends { x1: number; y1: number; x2: number; y2: number }>(boxes: T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) out.push([a, b]);
    }
  }
  return out;
}

/** Whether two convex polygons overlap (separating axes; touching does not count). */
export function polygonsOverlap(a: [number, number][], b: [number, number][]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const nx = y2 - y1;
      const ny = x1 - x2;
      const proj = (p: [number, number][]) => p.map(([x, y]) => x * nx + y * ny);
      const pa = proj(a);
      const pb = proj(b);
      if (Math.max(...pa) <= Math.min(...pb) + 1e-6 || Math.max(...pb) <= Math.min(...pa) + 1e-6) return false;
    }
  }
  return true;
}
