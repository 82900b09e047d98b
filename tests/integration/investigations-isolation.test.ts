/**
 * Saved views share the data's database but never show as data. With two
 * saved views stored (their names, documents and notes carrying a marker),
 * every read of data is checked for the marker, the :SavedView label and the
 * saved views' property keys: the opening view, search, the schema and its
 * counts, entity detail, neighbourhoods, paths, every export format (all,
 * and a Cypher selection of every node), ad-hoc Cypher (`MATCH (n) RETURN n`
 * and the ways a query can reach a node's labels, keys and properties), and
 * `claimgraph query`. Queries that name saved views are refused.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../server/kernel/contract.ts';
import { SAVED_VIEW_KEYS } from '../../server/investigations/isolation.ts';
import { documentFromApi } from '../helpers/investigation.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const MARKER = 'Zqxvmarker';
const run = promisify(execFile);

let api: TestServer;
let dataNodes: number;

/** The text of a response must not show a saved view: no marker, no label, no saved-view property key. */
function expectClean(text: string, where: string): void {
  expect(text, where).not.toContain(MARKER);
  expect(text, where).not.toContain('SavedView');
  for (const k of SAVED_VIEW_KEYS) expect(text, `${where}: ${k}`).not.toContain(k);
}

async function cypher(q: string, params?: Record<string, unknown>): Promise<{ status: number; body: Any; text: string }> {
  const r = await api.post('/api/cypher', params ? { query: q, params } : { query: q });
  return { status: r.status, body: r.body as Any, text: r.text };
}

async function exported(format: string, selection: unknown): Promise<string> {
  const res = await fetch(`${api.url}/api/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format, selection }) });
  expect(res.status, `${format} export`).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (format !== 'csv') return new TextDecoder().decode(bytes);
  return Object.values(unzipSync(bytes)).map((f) => strFromU8(f)).join('\n');
}

beforeAll(async () => {
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  api = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
  const doc = await documentFromApi(api.url, { title: `${MARKER} investigation`, note: `${MARKER} note on the hub` });
  for (const name of [`${MARKER} one`, `Northwind Movement ${MARKER}`]) {
    const r = await api.post('/api/views', { name, document: doc });
    expect(r.status).toBe(201);
  }
  const [row] = await query<{ views: number; others: number }>('CALL () { MATCH (v:SavedView) RETURN count(v) AS views } CALL () { MATCH (n) WHERE NOT n:SavedView RETURN count(n) AS others } RETURN views, others');
  expect(row!.views).toBe(2);
  dataNodes = row!.others;
});

afterAll(async () => {
  await query('MATCH (v:SavedView) DELETE v').catch(() => undefined);
  await api?.close();
  await closeTestDriver();
});

describe('built-in reads never show a saved view', () => {
  it('the opening view, search, entity detail, neighbourhood and paths', async () => {
    for (const p of [
      '/api/graph?limit=100000&includeSources=true',
      `/api/search?q=${MARKER}`,
      '/api/search?q=Northwind%20Movement&limit=100',
      '/api/entities/org-hub',
      '/api/entities/org-hub/neighborhood?depth=3&limit=5000',
      '/api/paths?from=person-author&to=org-company',
    ]) {
      const r = await api.get(p);
      expect(r.status, p).toBe(200);
      // Search answers with the query it was asked: check what it found.
      expectClean(p.startsWith('/api/search') ? JSON.stringify((r.body as Any).hits) : r.text, p);
    }
    expect(((await api.get(`/api/search?q=${MARKER}`)).body as Any).hits).toEqual([]);
  });

  it('the schema: no label, no property key, counts of the data only', async () => {
    const r = await api.get('/api/schema');
    expectClean(r.text, '/api/schema');
    const [row] = await query<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n');
    expect((r.body as Any).labels.find((l: Any) => l.label === 'Entity').count).toBe(row!.n);
  });

  it('every export format, of everything and of a Cypher selection of every node', async () => {
    for (const format of EXPORT_FORMATS) {
      expectClean(await exported(format, { type: 'all' }), `${format} all`);
      expectClean(await exported(format, { type: 'cypher', query: 'MATCH (n) RETURN n' }), `${format} cypher`);
    }
    const json = JSON.parse(await exported('graphology', { type: 'cypher', query: 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r' })) as Any;
    expect(json.nodes.some((n: Any) => n.key === 'org-hub')).toBe(true);
  });
});

describe('ad-hoc Cypher never shows a saved view', () => {
  it('MATCH (n) RETURN n returns every node of the data and no saved view', async () => {
    const r = await cypher('MATCH (n) RETURN n');
    expect(r.status).toBe(200);
    expectClean(r.text, 'MATCH (n) RETURN n');
    expect(r.body.rows.length).toBe(dataNodes);
    expect(r.body.graph.nodes.length).toBe(dataNodes);
  });

  it('nor do labels, keys, properties, collections, paths or the catalogue procedures', async () => {
    for (const q of [
      'MATCH (n) RETURN labels(n) AS l, keys(n) AS k',
      'MATCH (n) RETURN properties(n) AS p',
      'MATCH (n) RETURN n {.*} AS m',
      'MATCH (n) RETURN collect(n) AS all',
      'MATCH p = (n) RETURN p',
      'CALL db.labels()',
      'CALL db.propertyKeys()',
      'CALL db.schema.visualization()',
      'CALL db.schema.nodeTypeProperties()',
      'SHOW CONSTRAINTS',
      'SHOW INDEXES',
      'MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l',
      'MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k',
    ]) {
      const r = await cypher(q);
      expect(r.status, `${q}: ${r.text.slice(0, 200)}`).toBe(200);
      expectClean(r.text, q);
    }
    const labels = await cypher('CALL db.labels() YIELD label RETURN collect(label) AS labels');
    expect(labels.body.rows[0][0]).toContain('Entity');
  });

  it('a query that names saved views is refused with 403, whatever its spelling', async () => {
    for (const [q, params] of [
      ['MATCH (n:SavedView) RETURN n', undefined],
      ['MATCH (n:`SavedView`) RETURN count(n)', undefined],
      ['MATCH (n) WHERE n.savedViewName CONTAINS $m RETURN n', { m: MARKER }],
      ["MATCH (n) WHERE 'SavedView' IN labels(n) RETURN n", undefined],
      ['MATCH (n) WHERE n[$k] IS NOT NULL RETURN n[$k] AS doc', { k: 'savedViewDocument' }],
    ] as const) {
      const r = await cypher(q, params);
      expect(r.status, q).toBe(403);
      expect(r.body.error.code).toBe('QUERY_REFUSED');
      expect(r.body.error.message).toContain('saved views are not data');
    }
    const exp = await fetch(`${api.url}/api/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format: 'graphology', selection: { type: 'cypher', query: 'MATCH (n:SavedView) RETURN n' } }) });
    expect(exp.status).toBe(403);
  });

  it('claimgraph query (the CLI) shows none either', async () => {
    const db = testNeo4j();
    const env = { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, LOG_LEVEL: 'silent' };
    const { stdout } = await run('node', ['bin/claimgraph.js', 'query', '--json', 'MATCH (n) RETURN n'], { env, timeout: 60_000 });
    expectClean(stdout, 'claimgraph query');
    expect(stdout).toContain('org-hub');
  });
});
