/**
 * The explorer's reads against the shipped dataset (data/mek-network) in a
 * real Neo4j: search finds exact names with stop words in them, ranks an
 * exact name or alias first and says why each hit matched; paths respect
 * the canvas's filters, a chosen direction and types, carry their sources,
 * and say which limit stopped a search that found nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDriver, importDataset, resetDatabase } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import type { PathsResult, SearchResult } from '../../client/src/api/types.ts';

let api: TestServer;

beforeAll(async () => {
  await resetDatabase();
  await importDataset('data/mek-network');
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
  await closeTestDriver();
});

async function search(q: string, limit = 10): Promise<SearchResult['hits']> {
  const r = await api.get(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`);
  expect(r.status, r.text).toBe(200);
  return (r.body as SearchResult).hits;
}

async function paths(query: string): Promise<PathsResult> {
  const r = await api.get(`/api/paths?${query}`);
  expect(r.status, r.text).toBe(200);
  return r.body as PathsResult;
}

describe('search: exact names, ranking, why each hit matched', () => {
  it('finds names made of stop words and ranks the exact name first', async () => {
    const ncri = await search('National Council of Resistance of Iran');
    expect(ncri[0]).toMatchObject({ id: 'ncri', match: { field: 'name', how: 'exact', text: 'National Council of Resistance of Iran' } });

    const intercept = await search('The Intercept');
    expect(intercept[0]).toMatchObject({ id: 'the-intercept', match: { field: 'name', how: 'exact' } });
    // The dissidents the outlet interviewed carry its name in theirs: a phrase match in the name.
    expect(intercept.find((h) => h.id === 'dissident-new-landlord')?.match).toMatchObject({ field: 'name', how: 'phrase' });

    const book = await search('The Iranian Mojahedin');
    expect(book.slice(0, 2).map((h) => [h.id, h.match.field, h.match.how])).toEqual([
      ['src-abrahamian-1989', 'name', 'exact'],
      // The MEK's alias is the same words but for "The".
      ['mek', 'alias', 'words'],
    ]);
    expect(book[1]!.match.text).toBe('Iranian Mojahedin');
    // The publisher only names the book in its description: found, after every name and alias, with an excerpt.
    const yale = book.find((h) => h.id === 'yale-university-press');
    expect(yale?.match).toEqual({ field: 'description', how: 'phrase', text: 'Publisher of Ervand Abrahamian\'s "The Iranian Mojahedin" (1989).' });
    expect(book.indexOf(yale!)).toBeGreaterThan(book.findIndex((h) => h.match.field !== 'description'));
  });

  it('puts the person before the event named after them', async () => {
    const hits = await search('Massoud Rajavi');
    expect(hits.slice(0, 2).map((h) => h.id)).toEqual(['massoud-rajavi', 'disappearance-of-massoud-rajavi']);
    expect(hits[0]!.match).toMatchObject({ field: 'name', how: 'exact' });
    expect(hits[1]!.match).toMatchObject({ field: 'name', how: 'phrase', text: 'Disappearance of Massoud Rajavi' });
  });

  it('says which alias matched, and an exact alias beats a name containing it', async () => {
    const hits = await search('NCRI');
    expect(hits[0]).toMatchObject({ id: 'ncri', matched: 'NCRI', match: { field: 'alias', how: 'exact', text: 'NCRI' } });
    expect(hits[1]).toMatchObject({ id: 'ncri-annual-summit', match: { field: 'name', how: 'phrase' } });
    const mek = await search('Iranian Mojahedin');
    expect(mek[0]).toMatchObject({ id: 'mek', match: { field: 'alias', how: 'exact', text: 'Iranian Mojahedin' } });
  });

  it('describes a description-only hit with an excerpt around the match', async () => {
    const hits = await search('Massoud Rajavi');
    const maryam = hits.find((h) => h.id === 'maryam-rajavi');
    expect(maryam?.matched).toBeNull();
    expect(maryam?.match.field).toBe('description');
    expect(maryam?.match.text).toMatch(/Massoud Rajavi/);
    expect(maryam!.match.text.length).toBeLessThanOrEqual(92);
  });

  it('finds nothing for stop words alone, without an error', async () => {
    expect(await search('the of and')).toEqual([]);
  });
});

describe('paths you can audit', () => {
  const pair = 'from=maryam-rajavi&to=michael-rubin';

  it('gives every claim on the paths with its source', async () => {
    const r = await paths(pair);
    expect(r.paths.length).toBe(4);
    expect(new Set(r.paths.map((p) => p.nodes.join(' ')))).toEqual(new Set(['maryam-rajavi mek michael-rubin']));
    const sourceIds = new Set(r.edges.map((e) => e.sourceId));
    expect(new Set(r.sources.map((s) => s.id))).toEqual(sourceIds);
    expect(r.sources.find((s) => s.id === 'src-rubin-2023-we')?.title).toBe('Taking Money from Mujahedin-e-Khalq Should Be a Presidential Disqualifier');
    expect(r.blocked).toBeNull();
  });

  it('does not route through a claim the canvas hides', async () => {
    const all = await paths(pair);
    expect(all.paths.some((p) => p.edges.includes('c-michael-rubin-criticized-mek-intelligence'))).toBe(true);
    const r = await paths(`${pair}&statuses=documented,reported,assessment,disputed`);
    expect(r.paths.length).toBe(3);
    expect(r.paths.flatMap((p) => p.edges)).not.toContain('c-michael-rubin-criticized-mek-intelligence');
    expect(r.edges.every((e) => e.status !== 'alleged')).toBe(true);
    // Hiding the dataset hides every step between the ends.
    const none = await paths(`${pair}&hiddenDatasets=mek-network`);
    expect(none.paths).toEqual([]);
    expect(none.blocked?.by).toEqual([{ limit: 'filters', hops: 2 }]);
  });

  it('follows a chosen direction and chosen types', async () => {
    const out = await paths(`${pair}&direction=out`);
    expect(out.paths).toEqual([]);
    expect(out.blocked?.by).toEqual([{ limit: 'direction', hops: 2 }]);
    // Both claims point at the MEK (she LEADS it, he CRITICIZED it): no path runs one way; any way, these two types suffice.
    const typed = await paths(`${pair}&types=LEADS,CRITICIZED`);
    expect(typed.paths.length).toBe(4);
    const onlyLeads = await paths(`${pair}&types=LEADS`);
    expect(onlyLeads.blocked?.by).toEqual([{ limit: 'types', hops: 2 }]);
  });

  it('names the limit that stopped a search that found nothing', async () => {
    const strong = await paths(`${pair}&status=documented`);
    expect(strong.paths).toEqual([]);
    expect(strong.blocked).toEqual({ by: [{ limit: 'strength', hops: 2 }], relaxedHops: 2 });
    const short = await paths(`${pair}&maxHops=1`);
    expect(short.blocked).toEqual({ by: [{ limit: 'hops', hops: 2 }], relaxedHops: 2 });
    // Two limits at once: neither relaxed alone finds a path; relaxing all does.
    const both = await paths(`${pair}&maxHops=1&status=documented`);
    expect(both.blocked).toEqual({ by: [], relaxedHops: 2 });
  });

  it('answers 400 for a filter that leaves no status', async () => {
    const r = await api.get(`/api/paths?${pair}&status=documented&statuses=alleged`);
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/statuses/);
    expect((await api.get(`/api/paths?${pair}&direction=sideways`)).status).toBe(400);
    expect((await api.get(`/api/paths?${pair}&yearFrom=soon`)).status).toBe(400);
  });
});
