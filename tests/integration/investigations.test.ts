/**
 * Saved views through the API, on the real Neo4j: create, list, read,
 * rename, replace and delete; validation with the investigation schema (a
 * 400 naming the field), the size limit (413), unknown ids (404); the token
 * rule (writing needs API_TOKEN when it is set, reading never does); and the
 * current form of claims, whose hash changes when a re-import changes a
 * quote, which reopening reports.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimHash } from '../../shared/investigation/claim-hash.ts';
import { reconcile } from '../../client/src/investigations/index.ts';
import type { CurrentClaims, InvestigationDocument } from '../../client/src/investigations/types.ts';
import { SAVED_VIEW_MAX_BYTES } from '../../server/kernel/investigations-contract.ts';
import { documentFromApi } from '../helpers/investigation.ts';
import { closeTestDriver, importDataset, query, resetDatabase } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TOKEN = 'investigations-token-1234';

let open: TestServer;
let guarded: TestServer;
let doc: InvestigationDocument;

async function call(server: TestServer, method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; body: Any }> {
  const res = await fetch(server.url + p, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Any = {};
  try {
    json = JSON.parse(text) as Any;
  } catch {
    json = { text };
  }
  return { status: res.status, body: json };
}

beforeAll(async () => {
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  open = await startTestServer();
  guarded = await startTestServer({ API_TOKEN: TOKEN });
  doc = await documentFromApi(open.url);
});

afterAll(async () => {
  await query('MATCH (v:SavedView) DELETE v').catch(() => undefined);
  await open?.close();
  await guarded?.close();
  await closeTestDriver();
});

describe('saved views without API_TOKEN', () => {
  it('are created with a short id and link, listed, read back whole, renamed, replaced and deleted', async () => {
    const created = await call(open, 'POST', '/api/views', { name: 'Hub and fronts', document: doc });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(created.body).toMatchObject({ name: 'Hub and fronts', title: 'Fixture investigation', link: `/?view=${id}`, notes: 1, steps: 1, datasets: ['mini'] });
    expect(created.body.bytes).toBe(Buffer.byteLength(JSON.stringify(doc)));

    const list = await call(open, 'GET', '/api/views');
    expect(list.body.views.map((v: Any) => v.id)).toContain(id);
    expect(list.body.views[0]).not.toHaveProperty('document');

    const read = await call(open, 'GET', `/api/views/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.document).toEqual(doc);

    const renamed = await call(open, 'PUT', `/api/views/${id}`, { name: 'Renamed' });
    expect(renamed.body).toMatchObject({ id, name: 'Renamed', createdAt: created.body.createdAt });
    const changed = { ...doc, title: 'Second version', state: { ...doc.state, story: [] } };
    const replaced = await call(open, 'PUT', `/api/views/${id}`, { document: changed });
    expect(replaced.body).toMatchObject({ name: 'Renamed', title: 'Second version', steps: 0 });
    expect((await call(open, 'GET', `/api/views/${id}`)).body.document.title).toBe('Second version');

    expect((await call(open, 'DELETE', `/api/views/${id}`)).body).toEqual({ deleted: id });
    const gone = await call(open, 'GET', `/api/views/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('NOT_FOUND');
    expect((await call(open, 'DELETE', `/api/views/${id}`)).status).toBe(404);
  });

  it('refuses an invalid investigation with a 400 that names the field, and nothing is stored', async () => {
    const before = (await call(open, 'GET', '/api/views')).body.views.length;
    const bad = JSON.parse(JSON.stringify(doc)) as Any;
    bad.state.nodes[0].x = 'left';
    const r = await call(open, 'POST', '/api/views', { name: 'Bad', document: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.message).toContain('document.state.nodes.0.x');
    expect(r.body.error.details).toContainEqual(expect.objectContaining({ path: ['document', 'state', 'nodes', '0', 'x'] }));
    const noName = await call(open, 'POST', '/api/views', { name: '  ', document: doc });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toContain('name');
    const notJson = await call(open, 'POST', '/api/views', '{"name": ');
    expect(notJson.status).toBe(400);
    expect((await call(open, 'GET', '/api/views')).body.views.length).toBe(before);
  });

  it('refuses a document over the size limit with 413, an id of the wrong shape with 400, an unknown one with 404', async () => {
    const big = { ...doc, state: { ...doc.state, notes: Array.from({ length: 600 }, (_, i) => ({ ...doc.state.notes[0]!, id: `n-${i}`, text: 'x'.repeat(9_000) })) } };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(SAVED_VIEW_MAX_BYTES);
    const r = await call(open, 'POST', '/api/views', { name: 'Big', document: big });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.body.error.message).toMatch(/at most 5 MB/);
    expect((await call(open, 'GET', '/api/views/bad%20id!')).status).toBe(400);
    expect((await call(open, 'GET', '/api/views/abcdef1234')).status).toBe(404);
  });
});

describe('saved views with API_TOKEN set', () => {
  it('writing needs the token (401 without or with a wrong one), reading does not', async () => {
    const none = await call(guarded, 'POST', '/api/views', { name: 'Guarded', document: doc });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    expect(none.body.error.message).toContain('Authorization: Bearer');
    expect((await call(guarded, 'POST', '/api/views', { name: 'Guarded', document: doc }, 'wrong-token-xyz')).status).toBe(401);

    const ok = await call(guarded, 'POST', '/api/views', { name: 'Guarded', document: doc }, TOKEN);
    expect(ok.status).toBe(201);
    const id = ok.body.id as string;

    expect((await call(guarded, 'GET', '/api/views')).body.views.map((v: Any) => v.id)).toContain(id);
    expect((await call(guarded, 'GET', `/api/views/${id}`)).status).toBe(200);

    expect((await call(guarded, 'PUT', `/api/views/${id}`, { name: 'Nope' })).status).toBe(401);
    expect((await call(guarded, 'DELETE', `/api/views/${id}`)).status).toBe(401);
    expect((await call(guarded, 'GET', `/api/views/${id}`)).body.name).toBe('Guarded');
    expect((await call(guarded, 'PUT', `/api/views/${id}`, { name: 'Renamed' }, TOKEN)).body.name).toBe('Renamed');
    expect((await call(guarded, 'DELETE', `/api/views/${id}`, undefined, TOKEN)).status).toBe(200);
    // Looking claims up is a read: no token.
    expect((await call(guarded, 'POST', '/api/claims/current', { claims: [{ id: 'c-leads', from: 'person-leader' }] })).status).toBe(200);
  });
});

describe('the current form of claims', () => {
  const tmp: string[] = [];
  afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('answers each claim with the hash the client computes, its source, and what is gone', async () => {
    const r = await call(open, 'POST', '/api/claims/current', {
      claims: [
        { id: 'c-leads', from: 'person-leader' },
        { id: 'c-funded', from: 'org-front' },
        { id: 'c-nowhere', from: 'org-front' },
        { id: 'c-leads', from: 'org-hub' },
      ],
      entities: ['org-hub', 'gone-entity'],
    });
    expect(r.status).toBe(200);
    const leads = r.body.claims.find((c: Any) => c.claim.id === 'c-leads');
    expect(leads.hash).toBe(claimHash(leads.claim));
    expect(leads.hash).toBe(doc.claims.find((c) => c.id === 'c-leads')!.hash);
    expect(r.body.missingClaims).toEqual(['c-nowhere']);
    expect(r.body.entities.map((e: Any) => e.id)).toEqual(['org-hub']);
    expect(r.body.missingEntities).toEqual(['gone-entity']);
    expect(r.body.sources.map((s: Any) => s.id).sort()).toEqual(['src-filing', 'src-report']);
    expect(r.body.sources.find((s: Any) => s.id === 'src-report')).toMatchObject({ title: 'The Northwind Movement, a Report', authors: ['Dmitri Writer'] });
    const tooMany = await call(open, 'POST', '/api/claims/current', { claims: Array.from({ length: 2001 }, (_, i) => ({ id: `c${i}`, from: 'x' })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 2000');
  });

  it('a re-import with a different quote changes that claim’s hash only, and reopening reports it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'claimgraph-mini-'));
    tmp.push(dir);
    cpSync('tests/fixtures/mini', dir, { recursive: true });
    const file = path.join(dir, 'claims.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Ada Quill has led the movement since 2003.');
    writeFileSync(file, text.replace('Ada Quill has led the movement since 2003.', 'Ada Quill has led the movement since 2004.'));
    await importDataset(dir);

    const ask = doc.state.claims.map((c) => ({ id: c.id, from: c.source }));
    const r = await call(open, 'POST', '/api/claims/current', { claims: ask, entities: doc.state.nodes.map((n) => n.entity.id) });
    const now = new Map(r.body.claims.map((c: Any) => [c.claim.id, c.hash]));
    const changed = doc.claims.filter((c) => now.get(c.id) !== c.hash).map((c) => c.id);
    expect(changed).toEqual(['c-leads']);

    const { report, saved } = reconcile(doc, r.body as CurrentClaims, ['mini']);
    expect(report.changed.map((c) => [c.id, c.fields, c.saved.quote, c.current.quote])).toEqual([
      ['c-leads', ['quote'], 'Ada Quill has led the movement since 2003.', 'Ada Quill has led the movement since 2004.'],
    ]);
    expect(report.vanishedClaims).toEqual([]);
    expect(saved.claims.find((c) => c.id === 'c-leads')!.quote).toBe('Ada Quill has led the movement since 2004.');
  });
});
