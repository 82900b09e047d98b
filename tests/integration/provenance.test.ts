/**
 * Provenance against the real Neo4j and the real `claimgraph` command:
 * quotes verified during import and stored on the claims (outcome, W3C
 * selectors, offsets that slice the document's normalized text), /api/schema
 * and `claimgraph stats` counting claims by outcome, imports refused (nothing
 * written) for a tampered quote or a changed document unless
 * --allow-unverified, claims without documents stored as no-document.
 *
 * The last block verifies the shipped dataset against the seed analysis in
 * ../shared/sources (relative to the repository; CLAIMGRAPH_SHARED_SOURCES
 * overrides it). On a machine without that folder it says so and skips;
 * everything else here runs anyway.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DatasetValidationError, importDataset, type ImportOptions } from '../../server/import/index.ts';
import { loadDocument } from '../../server/provenance/documents.ts';
import { normalize } from '../../server/provenance/normalize.ts';
import { quoteContext } from '../../server/provenance/selectors.ts';
import { closeTestDriver, counts, query, resetDatabase, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer } from '../helpers/server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/provenance/harbour');
const BIN = path.join(ROOT, 'bin/claimgraph.js');
const SHARED_SOURCES = process.env.CLAIMGRAPH_SHARED_SOURCES ?? path.resolve(ROOT, '../shared/sources');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-provenance-it-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await closeTestDriver();
});

function load(target: string, opts: ImportOptions = {}) {
  return importDataset(testDriver(), target, { database: testNeo4j().database, ...opts });
}

async function variant(name: string, edit: Record<string, (text: string) => string> = {}, withoutDocuments = false): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(FIXTURE, dir, { recursive: true });
  if (withoutDocuments) await rm(path.join(dir, 'documents'), { recursive: true });
  for (const [file, f] of Object.entries(edit)) {
    const p = path.join(dir, file);
    const before = await readFile(p, 'utf8');
    if (f(before) === before) throw new Error(`the edit of ${file} changed nothing`);
    await writeFile(p, f(before));
  }
  return dir;
}

const TAMPER = { 'claims.yaml': (t: string) => t.replace('quote: "The Friends of the Harbour paid the former', 'quote: "The Friends of the Harbour gave the former') };

interface StoredClaim {
  id: string;
  verification: string;
  verificationScore: number | null;
  verificationSha256: string | null;
  quoteExact: string | null;
  quotePrefix: string | null;
  quoteSuffix: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  quotePieceStarts: number[] | null;
  verificationClosest: string | null;
}

async function storedClaims(dataset = 'harbour-provenance'): Promise<Record<string, StoredClaim>> {
  const rows = await query<StoredClaim>(
    `MATCH ()-[r]->() WHERE $dataset IN r.datasets
     RETURN r.id AS id, r.verification AS verification, r.verificationScore AS verificationScore, r.verificationSha256 AS verificationSha256,
            r.quoteExact AS quoteExact, r.quotePrefix AS quotePrefix, r.quoteSuffix AS quoteSuffix, r.quoteStart AS quoteStart, r.quoteEnd AS quoteEnd,
            r.quotePieceStarts AS quotePieceStarts, r.verificationClosest AS verificationClosest`,
    { dataset },
  );
  return Object.fromEntries(rows.map((r) => [r.id, r]));
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  const db = testNeo4j();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('NEO4J_') || k === 'CLAIMGRAPH_PROGRESS') delete env[k];
  Object.assign(env, { NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, ...(db.database ? { NEO4J_DATABASE: db.database } : {}) });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('import with documents', () => {
  beforeAll(async () => {
    await resetDatabase();
  });

  it('stores each claim\u2019s outcome and where its quote is; the offsets slice the document\u2019s normalized text', async () => {
    const summary = await load(FIXTURE);
    expect(summary.verification.totals).toEqual({ verified: 6, approximate: 1, 'paraphrase-anchored': 1, 'not-found': 0, 'no-document': 1 });
    const claims = await storedClaims();
    expect(Object.fromEntries(Object.values(claims).map((c) => [c.id, c.verification]))).toEqual({
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
    const report = await loadDocument(path.join(FIXTURE, 'documents/harbour-report.txt'));
    const chars = [...report.text];
    for (const id of ['c-ada-quill-leads', 'c-harbour-founded', 'c-friends-paid-minister', 'c-minister-participated', 'c-enforced-silence', 'c-bram-quill-leads']) {
      const c = claims[id]!;
      expect(c.verificationSha256, id).toBe(report.sha256);
      expect(chars.slice(c.quoteStart!, c.quoteEnd!).join(''), id).toBe(c.quoteExact);
      expect(report.text.slice(0, report.text.indexOf(c.quoteExact!)).endsWith(c.quotePrefix!), id).toBe(true);
      expect(report.text.slice(report.text.indexOf(c.quoteExact!) + c.quoteExact!.length).startsWith(c.quoteSuffix!), id).toBe(true);
    }
    expect(claims['c-bram-quill-leads']!.verificationScore).toBeGreaterThanOrEqual(0.9);
    expect(claims['c-bram-quill-leads']!.verificationScore).toBeLessThan(1);
    expect(claims['c-enforced-silence']!.quoteExact).toBe('members were forbidden to speak to outsiders');
    expect(claims['c-harbour-founded']!.quotePieceStarts).toHaveLength(2);
    expect(claims['c-movement-based-in-camp']).toMatchObject({ verificationScore: null, quoteExact: null, quoteStart: null });
    // The stored offsets give the quote in context in the document as written.
    const ctx = quoteContext(report, claims['c-minister-participated']!.quoteStart!, claims['c-minister-participated']!.quoteEnd!, 0);
    expect(ctx.exact).toBe('a spokesman said the fee was \u201Centirely\nordinary\u201D \u2014 and declined to say who else was paid');
    expect(ctx.before).toBe('Asked about it, ');
    const [source] = await query<{ file: string; sha: string }>("MATCH (s:Source {id: 'src-harbour-report'}) RETURN s.documentFile AS file, s.documentSha256 AS sha");
    expect(source).toEqual({ file: 'harbour-report.txt', sha: report.sha256 });
  });

  it('/api/schema counts each dataset\u2019s claims by outcome', async () => {
    const api = await startTestServer();
    try {
      const r = await api.get('/api/schema');
      expect(r.status).toBe(200);
      expect((r.body as { datasets: unknown[] }).datasets).toEqual([
        {
          name: 'harbour-provenance',
          title: 'Harbour Movement, with its documents (fictional)',
          nodes: 12,
          claims: 9,
          verification: { verified: 6, approximate: 1, 'paraphrase-anchored': 1, 'not-found': 0, 'no-document': 1 },
        },
      ]);
      const doc = (await api.get('/api/openapi.json')).body as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
      expect(Object.keys(doc.components.schemas.VerificationCounts!.properties!)).toEqual(['verified', 'approximate', 'paraphrase-anchored', 'not-found', 'no-document']);
    } finally {
      await api.close();
    }
  });
});

describe('what the importer refuses, and --allow-unverified', () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it('a quote with one word changed: a validation error with the claim id and the closest passage; nothing written', async () => {
    const dir = await variant('tampered', TAMPER);
    const before = await counts();
    const err = await load(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetValidationError);
    const issues = (err as DatasetValidationError).issues;
    expect(issues).toEqual([
      expect.objectContaining({
        record: 'claims[2] "c-friends-paid-minister"',
        field: 'quote',
        message: expect.stringMatching(/quote not found in harbour-report\.txt .*closest passage \(similarity 0\.9\d\d\): "The Friends of the Harbour paid the former minister/),
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('--allow-unverified imports it, marked not-found with the closest passage', async () => {
    const dir = await variant('tampered-allowed', TAMPER);
    const summary = await load(dir, { allowUnverified: true });
    expect(summary.verification.notFound).toEqual(['c-friends-paid-minister']);
    const c = (await storedClaims())['c-friends-paid-minister']!;
    expect(c).toMatchObject({ verification: 'not-found', quoteExact: null });
    expect(c.verificationClosest).toBe('The Friends of the Harbour paid the former minister 20,000 dollars to speak at the June 2019 rally.');
  });

  it('a changed document: refused, naming the source; imported with --allow-unverified', async () => {
    const dir = await variant('changed', { 'documents/harbour-report.txt': (t) => t.replace('The movement denies it.', 'The movement denies all of it.') });
    const err = (await load(dir).catch((e: unknown) => e)) as DatasetValidationError;
    expect(err.issues).toEqual([expect.objectContaining({ record: 'sources[0] "src-harbour-report"', message: expect.stringMatching(/^document changed: harbour-report\.txt \(source "src-harbour-report"\)/) })]);
    expect((await counts()).nodes).toBe(0);
    const summary = await load(dir, { allowUnverified: true });
    expect(summary.verification.documents.find((d) => d.sourceId === 'src-harbour-report')!.state).toBe('changed');
  });

  it('without documents every claim is stored as no-document, never as verified', async () => {
    const dir = await variant('bare', {}, true);
    await load(dir);
    const claims = Object.values(await storedClaims());
    expect(claims).toHaveLength(9);
    expect(new Set(claims.map((c) => c.verification))).toEqual(new Set(['no-document']));
  });
});

describe('the claimgraph command', () => {
  beforeAll(async () => {
    await resetDatabase();
  });

  it('import: a tampered quote exits 1 naming the claim and the closest passage; nothing written', async () => {
    const dir = await variant('cli-tampered', TAMPER);
    const r = await cli(['import', dir, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was imported[\s\S]*claims\.yaml:\d+ claims\[2\] "c-friends-paid-minister" field "quote": quote not found in harbour-report\.txt .*closest passage/);
    expect((await counts()).nodes).toBe(0);
  });

  it('import --documents <dir>: the summary counts the quotes; stats prints claims by outcome', async () => {
    const dir = await variant('cli-bare', {}, true);
    const r = await cli(['import', dir, '--documents', path.join(FIXTURE, 'documents'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/quotes: 6 verified, 1 approximate, 1 paraphrases anchored, 0 not found, 1 without a document/);
    expect(r.stdout).toMatch(/document found for source "src-harbour-blog" \(src-harbour-blog\.html\) but the dataset records no document\.sha256 for it; its SHA-256 is [0-9a-f]{64}/);
    const stats = await cli(['stats']);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/dataset +\| verified \| approximate \| paraphrase-anchored \| not-found \| no-document\n[-+]+\nharbour-provenance \| 6 +\| 1 +\| 1 +\| 0 +\| 1/);
    const json = JSON.parse((await cli(['stats', '--json'])).stdout) as { datasets: { verification: Record<string, number> }[] };
    expect(json.datasets[0]!.verification).toEqual({ verified: 6, approximate: 1, 'paraphrase-anchored': 1, 'not-found': 0, 'no-document': 1 });
  });

  it('import --allow-unverified and --documents that is not a folder', async () => {
    const dir = await variant('cli-allowed', TAMPER);
    const r = await cli(['import', dir, '--allow-unverified', '--replace', 'harbour-provenance', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 not found/);
    expect(r.stdout).toMatch(/imported with --allow-unverified, quote not found: c-friends-paid-minister/);
    const bad = await cli(['import', dir, '--documents', path.join(tmp, 'nowhere'), '-q']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--documents: ".*nowhere" is not a folder/);
  });

  it('verify: exit 0 on the fixture, 1 on a tampered copy, with the problem line', async () => {
    const ok = await cli(['verify', FIXTURE]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^verify: ok /m);
    const bad = await cli(['verify', await variant('cli-verify-tampered', TAMPER)]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/claims\.yaml:\d+ c-friends-paid-minister: quote not found in harbour-report\.txt \(source "src-harbour-report"\): "The Friends of the Harbour gave/);
  });
});

describe('the shipped dataset against its source (../shared/sources)', () => {
  it('data/mek-network records the seed analysis\u2019s hash and ships no document', async () => {
    const sources = await readFile(path.join(ROOT, 'data/mek-network/sources.yaml'), 'utf8');
    expect(sources).toMatch(/- id: seed-analysis[\s\S]*?document:\n\s+file: seed-analysis\.txt\n\s+sha256: [0-9a-f]{64}\n/);
    expect(existsSync(path.join(ROOT, 'data/mek-network/documents'))).toBe(false);
  });

  it('claimgraph verify data/mek-network --documents ../shared/sources: every quote and anchor found', async ({ skip }) => {
    if (!existsSync(path.join(SHARED_SOURCES, 'seed-analysis.txt'))) {
      console.warn(`[provenance] ${SHARED_SOURCES}/seed-analysis.txt is absent (as on a user's machine): the shipped dataset's quotes are not verified here.`);
      skip(`${SHARED_SOURCES} is absent`);
    }
    const r = await cli(['verify', 'data/mek-network', '--documents', path.relative(ROOT, SHARED_SOURCES)]);
    // On failure the message is the whole report: one line per quote not found.
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^verify: ok /m);
    expect(r.stdout).toMatch(/document seed-analysis\.txt \(source "seed-analysis"\) matches its recorded SHA-256/);
  });

  it('nor does the repository hold the seed analysis\u2019s text', async ({ skip }) => {
    const seedFile = path.join(SHARED_SOURCES, 'seed-analysis.txt');
    if (!existsSync(seedFile)) skip(`${SHARED_SOURCES} is absent`);
    const seed = (await loadDocument(seedFile)).text;
    // Any 400 consecutive characters of the seed in a shipped data file would be a copy (quotes are at most ~30 words).
    const files = (await readdir(path.join(ROOT, 'data'), { recursive: true })).map((f) => path.join(ROOT, 'data', String(f))).filter((f) => /\.(ya?ml|json|md|txt)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    const texts = await Promise.all(files.map(async (f) => ({ f, text: normalize(await readFile(f, 'utf8')) })));
    for (let at = 0; at + 400 <= seed.length; at += 200) {
      const window = seed.slice(at, at + 400);
      for (const { f, text } of texts) expect(text.includes(window), `${f} holds the seed's text at ${at}`).toBe(false);
    }
  });
});
