/**
 * The source view and the quote in context through the API, against the
 * real Neo4j holding the evidence fixture (imported with its documents, so
 * every claim carries its verification) and the server's copies of the
 * documents (the default dataset's documents/ folder).
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize } from '../../server/provenance/normalize.ts';
import { closeTestDriver, importDataset, resetDatabase, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const FIXTURE = 'tests/fixtures/evidence';
let api: TestServer;
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  await resetDatabase();
  await importDataset(FIXTURE);
  api = await startTestServer({ DEFAULT_DATASET: FIXTURE });
});
afterAll(async () => {
  await api?.close();
  await closeTestDriver();
});

describe('GET /api/sources/:id', () => {
  it('a source with every claim citing it or restated in it, grouped by type, and its document’s state', async () => {
    const r = await api.get('/api/sources/src-ledger-memo');
    expect(r.status).toBe(200);
    const b = r.body as Any;
    expect(b.source).toMatchObject({ id: 'src-ledger-memo', kind: 'source', name: 'Ledger Council internal memo, March 2021' });
    const ids = (b.claims as Any[]).flatMap((g) => g.claims.map((c: Any) => c.id)).sort();
    // Its own five, and the television report's claim it restates (citedIn).
    expect(ids).toEqual(['c-brand-member', 'c-council-vote', 'c-trust-paid-council', 'c-trust-paid-twice', 'c-vale-leads']);
    expect(b.claimCount).toBe(5);
    expect((b.claims as Any[]).map((g) => [g.type, g.claims.length])).toEqual([['PAID', 2], ['LEADS', 1], ['MEMBER_OF', 1], ['OPPOSED', 1]]);
    const paid = (b.claims as Any[])[0]!.claims.find((c: Any) => c.id === 'c-trust-paid-council');
    expect(paid).toMatchObject({ from: { id: 'ledger-trust' }, to: { id: 'ledger-council' }, status: 'documented', source: { id: 'src-ledger-memo' } });
    expect(paid.properties).toMatchObject({ verification: 'verified', verificationScore: 1 });
    const twice = (b.claims as Any[])[0]!.claims.find((c: Any) => c.id === 'c-trust-paid-twice');
    expect(twice.source.id).toBe('src-ledger-tv');
    expect(b.document).toEqual({ file: 'ledger-memo.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), available: true, changed: false, passages: 5 });
  });

  it('a source without a document says the server has none; not a source is a 404', async () => {
    const tv = (await api.get('/api/sources/src-ledger-tv')).body as Any;
    expect(tv.document).toEqual({ file: null, sha256: null, available: false, changed: false, passages: 0 });
    expect(tv.claimCount).toBe(2);
    const r = await api.get('/api/sources/ledger-trust');
    expect(r.status).toBe(404);
    expect((r.body as Any).error.message).toContain('no source with id "ledger-trust"');
  });
});

describe('GET /api/sources/:id/document', () => {
  it('the text as extracted, with every quote found in it: each passage is the quote’s text', async () => {
    const r = await api.get('/api/sources/src-ledger-memo/document');
    expect(r.status).toBe(200);
    const d = r.body as Any;
    expect(d.file).toBe('ledger-memo.txt');
    expect(d.changed).toBe(false);
    const at = (x: Any) => d.text.slice(x.start, x.end) as string;
    const by = Object.fromEntries((d.passages as Any[]).map((p) => [p.claimId, p]));
    expect(Object.keys(by).sort()).toEqual(['c-brand-member', 'c-council-vote', 'c-trust-paid-council', 'c-trust-paid-twice', 'c-vale-leads']);
    expect(at(by['c-trust-paid-council'])).toBe('<b>Pay the Council</b> 5,000 before the vote <img src=x onerror=alert(1)>');
    expect(by['c-vale-leads'].pieces.map(at)).toEqual(['Mira Vale', 'chairs the Council\nsince 2019']);
    expect(normalize(at(by['c-council-vote']))).toBe('The Council did not take part in the 2021 vote');
    // The approximate quote's passage is the document's words (without the quote's extra comma).
    expect(at(by['c-brand-member'])).toBe('Otto Brand, a former banker is a member of the Council');
  });

  it('a document found by the source’s id; none for a source without one (404 saying where to put it)', async () => {
    const review = (await api.get('/api/sources/src-ledger-review/document')).body as Any;
    expect(review.file).toBe('src-ledger-review.txt');
    expect(review.passages).toHaveLength(1);
    const r = await api.get('/api/sources/src-ledger-tv/document');
    expect(r.status).toBe(404);
    expect((r.body as Any).error.message).toMatch(/no copy of the document.*DOCUMENTS_DIR/);
  });

  it('a documentFile that points out of the documents folder is never read', async () => {
    const db = testNeo4j().database;
    await testDriver().executeQuery("MATCH (s:Source {id: 'src-ledger-review'}) SET s.documentFile = '../../../package.json'", {}, { database: db });
    try {
      const r = await api.get('/api/sources/src-ledger-review/document');
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('claimgraph');
    } finally {
      await testDriver().executeQuery("MATCH (s:Source {id: 'src-ledger-review'}) REMOVE s.documentFile", {}, { database: db });
    }
  });
});

describe('GET /api/claims/:id/context', () => {
  it('the sentences around a verified quote, the quote marked, markup as text', async () => {
    const r = await api.get('/api/claims/c-trust-paid-council/context?from=ledger-trust');
    expect(r.status).toBe(200);
    const c = r.body as Any;
    expect(c).toMatchObject({ claimId: 'c-trust-paid-council', sourceId: 'src-ledger-memo', sourceName: 'Ledger Council internal memo, March 2021', verification: 'verified', available: true, reason: null });
    expect(c.highlights).toHaveLength(1);
    expect(c.text.slice(c.highlights[0].start, c.highlights[0].end)).toBe('<b>Pay the Council</b> 5,000 before the vote <img src=x onerror=alert(1)>');
    expect(c.text).toContain('The treasurer says she never answered it.');
    // Never the document: a few sentences.
    expect(c.text.length).toBeLessThan(400);
  });

  it('one mark per piece; found without `from` too; restated claims in the restating source’s document', async () => {
    const vale = (await api.get('/api/claims/c-vale-leads/context')).body as Any;
    expect(vale.highlights.map((h: Any) => vale.text.slice(h.start, h.end))).toEqual(['Mira Vale', 'chairs the Council\nsince 2019']);
    const twice = (await api.get('/api/claims/c-trust-paid-twice/context?from=ledger-trust')).body as Any;
    expect(twice).toMatchObject({ sourceId: 'src-ledger-memo', available: true });
    expect(twice.text.slice(twice.highlights[0].start, twice.highlights[0].end)).toBe('the Trust had paid the Council twice');
    const vote = (await api.get('/api/claims/c-council-vote/context')).body as Any;
    expect(vote).toMatchObject({ verification: 'paraphrase-anchored', available: true });
    expect(vote.text.slice(vote.highlights[0].start, vote.highlights[0].end)).toBe('The Council did not take part in the 2021 vote');
  });

  it('says why there is no context; an unknown claim is a 404', async () => {
    expect((await api.get('/api/claims/c-brand-criticized/context')).body).toMatchObject({ verification: 'no-document', available: false, reason: 'not-checked', text: '', highlights: [] });
    const r = await api.get('/api/claims/c-nope/context?from=ledger-trust');
    expect(r.status).toBe(404);
    expect((r.body as Any).error.message).toBe('no claim "c-nope" from entity "ledger-trust"');
  });

  it('a server without the copy, or with a changed copy, says so', async () => {
    // The same data, served from an app whose documents are elsewhere: first none, then an edited memo.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'claimgraph-docs-'));
    const empty = path.join(dir, 'empty-dataset');
    mkdirSync(empty);
    const other = await startTestServer({ DEFAULT_DATASET: empty });
    try {
      expect((await other.get('/api/claims/c-vale-leads/context')).body).toMatchObject({ available: false, reason: 'document-missing' });
      expect(((await other.get('/api/sources/src-ledger-memo')).body as Any).document).toMatchObject({ available: false });
    } finally {
      await other.close();
    }
    const edited = path.join(dir, 'edited');
    mkdirSync(path.join(edited, 'documents'), { recursive: true });
    copyFileSync(path.join(FIXTURE, 'documents/src-ledger-review.txt'), path.join(edited, 'documents/src-ledger-review.txt'));
    writeFileSync(path.join(edited, 'documents/ledger-memo.txt'), 'A different memo.\nMira Vale chairs the Council since 2019.\n');
    const changed = await startTestServer({ DEFAULT_DATASET: edited });
    try {
      expect((await changed.get('/api/claims/c-vale-leads/context')).body).toMatchObject({ available: false, reason: 'document-changed' });
      expect(((await changed.get('/api/sources/src-ledger-memo')).body as Any).document).toMatchObject({ available: true, changed: true });
      const doc = (await changed.get('/api/sources/src-ledger-memo/document')).body as Any;
      expect(doc).toMatchObject({ changed: true, passages: [] });
    } finally {
      await changed.close();
    }
  });
});
