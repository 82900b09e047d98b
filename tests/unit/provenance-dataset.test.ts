/**
 * Verification of a whole dataset, files only (no database): the fixture
 * tests/fixtures/provenance/harbour with its documents, and copies of it
 * tampered with: a word changed in a quote, a paraphrase without its anchor,
 * a changed document. Both the importer's validation (loadDataset) and
 * `claimgraph verify`'s logic (runVerify) are checked.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetValidationError } from '../../server/import/errors.ts';
import { loadDataset } from '../../server/import/load.ts';
import { claimProps } from '../../server/import/write.ts';
import { runVerify } from '../../server/provenance/verify-command.ts';
import { issuesOf } from '../helpers/dataset.ts';

const FIXTURE = path.resolve('tests/fixtures/provenance/harbour');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-provenance-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A copy of the fixture, changed by `edit` (file name -> new text). */
async function variant(name: string, edit: Record<string, (text: string) => string> = {}, opts: { withoutDocuments?: boolean } = {}): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(FIXTURE, dir, { recursive: true });
  if (opts.withoutDocuments) await rm(path.join(dir, 'documents'), { recursive: true });
  for (const [file, f] of Object.entries(edit)) {
    const p = path.join(dir, file);
    const before = await readFile(p, 'utf8');
    const after = f(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    await writeFile(p, after);
  }
  return dir;
}

async function verify(target: string, documents?: string, json = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerify({ target, documents, json, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const TAMPER = { 'claims.yaml': (t: string) => t.replace('quote: "The Friends of the Harbour paid the former', 'quote: "The Friends of the Harbour gave the former') };

describe('a dataset with its documents', () => {
  it('every claim gets its outcome; the writer stores it as flat properties', async () => {
    const ds = await loadDataset(FIXTURE);
    const outcome = Object.fromEntries(ds.claims.map((c) => [c.id, c.verification?.outcome ?? 'no-document']));
    expect(outcome).toEqual({
      'c-ada-quill-leads': 'verified',
      'c-harbour-founded': 'verified',
      'c-friends-paid-minister': 'verified',
      'c-minister-participated': 'verified',
      'c-enforced-silence': 'paraphrase-anchored',
      'c-bram-quill-leads': 'approximate',
      'c-friends-part-of-movement': 'verified',
      'c-friends-based-in-camp': 'verified',
      'c-movement-based-in-camp': 'no-document',
    });
    expect(ds.verification.report.totals).toEqual({ verified: 6, approximate: 1, 'paraphrase-anchored': 1, 'not-found': 0, 'no-document': 1 });
    expect(ds.verification.report.documents.map((d) => [d.sourceId, d.state])).toEqual([
      ['src-harbour-report', 'same'],
      ['src-harbour-blog', 'unrecorded'],
    ]);

    const founded = claimProps(ds.claims.find((c) => c.id === 'c-harbour-founded')!, 'harbour-provenance');
    expect(founded).toMatchObject({
      verification: 'verified',
      verificationScore: 1,
      quoteExact: 'The Harbour Movement was founded in 1971 by students of the Windward Academy.',
      quotePrefix: 'Report by Dmitri Writer Summary ',
      quoteSuffix: ' Ada Quill has led the movement ',
    });
    // The first piece is the occurrence just before the second, not the title's.
    expect(founded.quotePieceStarts).toEqual([founded.quoteStart, (founded.quoteStart as number) + 'The Harbour Movement was '.length]);
    expect(founded.quoteEnd as number).toBeGreaterThan(founded.quoteStart as number);
    const radio = claimProps(ds.claims.find((c) => c.id === 'c-movement-based-in-camp')!, 'harbour-provenance');
    expect(radio.verification).toBe('no-document');
    expect(Object.keys(radio).filter((k) => k.startsWith('quote') && k !== 'quote')).toEqual([]);
  });

  it('without documents every claim is no-document, none verified; a recorded document is reported missing', async () => {
    const dir = await variant('no-documents', {}, { withoutDocuments: true });
    const ds = await loadDataset(dir);
    expect(ds.claims.every((c) => c.verification === undefined)).toBe(true);
    expect(claimProps(ds.claims[0]!, 'x').verification).toBe('no-document');
    expect(ds.verification.report.totals['no-document']).toBe(9);
    expect(ds.verification.report.documents).toMatchObject([{ sourceId: 'src-harbour-report', state: 'missing' }]);
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/sources\.yaml:\d+ src-harbour-report: document not found/);
    expect(r.out).toMatch(/verify: nothing checked/);
  });

  it('documents found through --documents, for a dataset without a documents/ folder', async () => {
    const dir = await variant('elsewhere', {}, { withoutDocuments: true });
    const ds = await loadDataset(dir, { documents: path.join(FIXTURE, 'documents') });
    expect(ds.verification.report.totals.verified).toBe(6);
    expect((await verify(dir, path.join(FIXTURE, 'documents'))).code).toBe(0);
  });

  it('verification properties in a record (a re-imported export) are ignored: the import computes them', () => {
    const props = claimProps(
      {
        id: 'c-x',
        type: 'PAID',
        from: 'a',
        to: 'b',
        sourceId: 's',
        status: 'reported',
        quote: 'q',
        properties: { verification: 'verified', quoteExact: 'stale', quoteStart: 3, verificationScore: 1, party: 'Blue' },
      },
      'x',
    );
    expect(props).toMatchObject({ verification: 'no-document', party: 'Blue' });
    expect(props).not.toHaveProperty('quoteExact');
    expect(props).not.toHaveProperty('quoteStart');
    expect(props).not.toHaveProperty('verificationScore');
  });

  it('a claim of a source without a document is checked in the document of the source that restates it (citedIn), when found there', async () => {
    const dir = await variant('cited-in', {
      'claims.yaml': (t) =>
        t.replace(
          '    sourceId: src-harbour-radio\n    status: reported\n    quote: "The movement is based in Camp Windward."',
          '    sourceId: src-harbour-radio\n    citedIn: src-harbour-report\n    status: reported\n    quote: "The movement denies it."',
        ),
    });
    const ds = await loadDataset(dir);
    const c = ds.claims.find((x) => x.id === 'c-movement-based-in-camp')!;
    expect(claimProps(c, 'x')).toMatchObject({ verification: 'verified', verificationSource: 'src-harbour-report', quoteExact: 'The movement denies it.' });
    const r = await verify(dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/src-harbour-radio +via harbour-report\.txt +1 +0 +0 +0 +0/);

    // Not in the restating document: the quote may be the original's words, so it stays unchecked, and is listed.
    const other = await variant('cited-in-missing', {
      'claims.yaml': (t) => t.replace('    sourceId: src-harbour-radio\n', '    sourceId: src-harbour-radio\n    citedIn: src-harbour-report\n'),
    });
    const ds2 = await loadDataset(other);
    expect(ds2.claims.find((x) => x.id === 'c-movement-based-in-camp')!.verification).toBeUndefined();
    expect(ds2.verification.report.notInCiting).toEqual(['c-movement-based-in-camp']);
    const r2 = await verify(other);
    expect(r2.code).toBe(0);
    expect(r2.out).toMatch(/Not checked \(no-document\): 1 claim of sources without a document, not found in the document of the source that restates them \(citedIn\) either: c-movement-based-in-camp/);
  });

  it('a data file in documents/ is not read as data', async () => {
    const dir = await variant('json-in-documents');
    await writeFile(path.join(dir, 'documents', 'notes.yaml'), 'claims:\n  - nonsense: true\n');
    await expect(loadDataset(dir)).resolves.toMatchObject({ counts: { claims: 9 } });
  });
});

describe('what fails verification', () => {
  it('a quote with one word changed fails import validation: file, line, claim id, closest passage', async () => {
    const dir = await variant('tampered', TAMPER);
    const issues = await issuesOf(dir);
    expect(issues).toHaveLength(1);
    const [i] = issues;
    expect(i).toMatchObject({ field: 'quote', record: 'claims[2] "c-friends-paid-minister"' });
    expect(i!.file).toMatch(/tampered[/\\]claims\.yaml$/);
    const lines = (await readFile(path.join(dir, 'claims.yaml'), 'utf8')).split('\n');
    expect(lines[i!.line! - 1]).toContain('quote: "The Friends of the Harbour gave the former');
    expect(i!.message).toContain('quote not found in harbour-report.txt (source "src-harbour-report"): "The Friends of the Harbour gave the former minister');
    expect(i!.message).toMatch(/closest passage \(similarity 0\.9\d\d\): "The Friends of the Harbour paid the former minister 20,000 dollars/);
  });

  it('--allow-unverified loads it, marked not-found with the closest passage', async () => {
    const dir = await variant('tampered-allowed', TAMPER);
    const ds = await loadDataset(dir, { allowUnverified: true });
    const c = ds.claims.find((x) => x.id === 'c-friends-paid-minister')!;
    expect(c.verification?.outcome).toBe('not-found');
    expect(claimProps(c, 'x')).toMatchObject({
      verification: 'not-found',
      verificationMissing: 'The Friends of the Harbour gave the former minister 20,000 dollars to speak at the June 2019 rally.',
      verificationClosest: 'The Friends of the Harbour paid the former minister 20,000 dollars to speak at the June 2019 rally.',
    });
  });

  it('claimgraph verify: one line for the problem, a summary per source, exit 1', async () => {
    const dir = await variant('tampered-verify', TAMPER);
    const r = await verify(dir);
    expect(r.code).toBe(1);
    const problem = r.out.split('\n').find((l) => l.includes('c-friends-paid-minister'))!;
    expect(problem).toMatch(/claims\.yaml:\d+ c-friends-paid-minister: quote not found in harbour-report\.txt .*"The Friends of the Harbour gave .*closest passage \(similarity 0\.9\d\d\): "The Friends of the Harbour paid/);
    expect(r.out).toMatch(/src-harbour-report +harbour-report\.txt +3 +1 +1 +1 +0/);
    expect(r.out).toMatch(/verify: 1 problem \(1 quote not found, 0 documents changed or missing\)/);
    const json = await verify(dir, undefined, true);
    const report = JSON.parse(json.out);
    expect(report).toMatchObject({ ok: false, problems: 1, totals: { 'not-found': 1 } });
    expect(report.claims.find((c: { id: string }) => c.id === 'c-friends-paid-minister').verification.closest.exact).toMatch(/^The Friends of the Harbour paid/);
  });

  it('a paraphrase without an anchor is a validation error', async () => {
    const dir = await variant('no-anchor', { 'claims.yaml': (t) => t.replace('    anchor: "members were forbidden to speak to outsiders"\n', '') });
    const issues = await issuesOf(dir);
    expect(issues).toEqual([expect.objectContaining({ record: 'claims[4] "c-enforced-silence"', field: 'anchor', message: expect.stringMatching(/a paraphrase needs "anchor"/) })]);
    expect((await verify(dir)).code).toBe(1);
  });

  it('an anchor not in the document is not found, like a quote', async () => {
    const dir = await variant('bad-anchor', { 'claims.yaml': (t) => t.replace('anchor: "members were forbidden to speak', 'anchor: "members were not allowed to speak') });
    const issues = await issuesOf(dir);
    expect(issues).toEqual([expect.objectContaining({ field: 'anchor', message: expect.stringContaining("paraphrase's anchor not found in harbour-report.txt") })]);
  });

  it('a changed document is detected by its hash, naming the source', async () => {
    const dir = await variant('changed-document', { 'documents/harbour-report.txt': (t) => t.replace('The movement denies it.', 'The movement denies all of it.') });
    const issues = await issuesOf(dir);
    expect(issues).toEqual([
      expect.objectContaining({
        record: 'sources[0] "src-harbour-report"',
        field: 'document',
        message: expect.stringMatching(/^document changed: harbour-report\.txt \(source "src-harbour-report"\) has SHA-256 [0-9a-f]{64} but the dataset records 959b5d1e/),
      }),
    ]);
    const lines = (await readFile(path.join(dir, 'sources.yaml'), 'utf8')).split('\n');
    expect(lines[issues[0]!.line! - 1]).toMatch(/sha256: 959b5d1e/);
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/src-harbour-report: document changed/);
    // The quotes themselves are all still there.
    expect(r.out).toMatch(/0 quotes not found, 1 document changed or missing/);
  });

  it('a layout-only change (line breaks, typographic quotes) is not a change', async () => {
    const dir = await variant('relaid', { 'documents/harbour-report.txt': (t) => t.replaceAll('\n', '\n\n').replace('\u201Centirely\nordinary\u201D', '"entirely ordinary"') });
    expect((await verify(dir)).code).toBe(0);
  });
});

describe('claimgraph verify on the fixture', () => {
  it('exit 0 with the summary; exit 2 when --documents is not a folder', async () => {
    const r = await verify(FIXTURE);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Found approximately[\s\S]*c-bram-quill-leads: similarity 0\.9\d\d, the document has "her husband, Bram Quill, led it before her"/);
    expect(r.out).toMatch(/verify: ok \(0 quotes not found, 0 documents changed or missing\); 8 claims checked: 6 verified, 1 approximate, 1 paraphrase-anchored, 0 not found; 1 without a document/);
    const bad = await verify(FIXTURE, path.join(tmp, 'no-such-folder'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--documents: ".*no-such-folder" is not a folder/);
  });

  it('an invalid dataset: its errors, exit 1', async () => {
    const dir = await variant('invalid', { 'claims.yaml': (t) => t.replace('status: alleged', 'status: rumoured') });
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/The dataset has 1 error; its quotes were not checked\.\n {2}- .*claims\.yaml:\d+ claims\[4\] "c-enforced-silence" field "status"/);
  });

  it('the importer and verify agree on what is not found', async () => {
    const dir = await variant('agree', TAMPER);
    let importError: DatasetValidationError | undefined;
    try {
      await loadDataset(dir);
    } catch (e) {
      importError = e as DatasetValidationError;
    }
    const r = await verify(dir);
    expect(r.out).toContain(importError!.issues[0]!.message);
  });
});
