/**
 * POST /api/cypher against the real Neo4j with the mini fixture: every write
 * or escape attempt of tests/fixtures/cypher-attacks.json is refused (and the
 * EXPLAIN layer refuses it on its own too) with the database unchanged; every
 * read there is answered; timeouts, the row cap, graph collection, syntax
 * errors and parameters behave as documented in server/reads/cypher/index.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../server/kernel/errors.ts';
import { createLogger } from '../../server/kernel/log.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { checkPlan, checkQuery, runSafeQuery, streamSafeQuery } from '../../server/reads/cypher/index.ts';
import { closeTestDriver, importDataset, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Attack {
  query: string;
  why: string;
  params?: Record<string, unknown>;
  expect?: '4xx';
  textOnly?: boolean;
}
interface Read {
  query: string;
  params?: Record<string, unknown>;
  expectColumns?: string[];
  expectRows?: unknown[][];
  unordered?: boolean;
  expectRowCount?: number;
  expectGraph?: { nodes: string[]; edges: string[] };
}
const corpus = JSON.parse(readFileSync(new URL('../fixtures/cypher-attacks.json', import.meta.url), 'utf8')) as { attacks: Attack[]; reads: Read[] };

// No rate limit in the way of ~150 requests.
const ENV = { RATE_LIMIT_PER_MINUTE: '100000' };

let api: TestServer;
let baseline: Fingerprint;

function deps(overrides: Record<string, string> = {}): Deps {
  return { driver: testDriver(), database: testNeo4j().database, config: testConfig({ ...ENV, ...overrides }), log: createLogger('silent') };
}

interface Fingerprint {
  nodes: number;
  relationships: number;
  labels: number;
  relationshipTypes: number;
  propertyKeys: number;
  indexes: number;
  constraints: number;
  checksum: string;
}

/** Counts of everything a write could change, and a hash of every id, label, type and property. */
async function fingerprint(): Promise<Fingerprint> {
  const [c] = await query<Omit<Fingerprint, 'checksum'>>(
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL () { CALL db.labels() YIELD label RETURN count(label) AS labels }
     CALL () { CALL db.relationshipTypes() YIELD relationshipType RETURN count(relationshipType) AS relationshipTypes }
     CALL () { CALL db.propertyKeys() YIELD propertyKey RETURN count(propertyKey) AS propertyKeys }
     RETURN nodes, relationships, labels, relationshipTypes, propertyKeys`,
  );
  const indexes = await query('SHOW INDEXES YIELD name RETURN name ORDER BY name');
  const constraints = await query('SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name');
  const nodes = await query('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id');
  const rels = await query('MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS type, properties(r) AS props ORDER BY id');
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)])) : v;
  const checksum = createHash('sha256').update(JSON.stringify(sorted({ nodes, rels, indexes, constraints }))).digest('hex');
  return { ...c!, indexes: indexes.length, constraints: constraints.length, checksum };
}

async function post(body: unknown, server = api) {
  return server.post('/api/cypher', body);
}

beforeAll(async () => {
  await resetDatabase();
  await importDataset('tests/fixtures/mini');
  api = await startTestServer(ENV);
  baseline = await fingerprint();
});
afterAll(async () => {
  await api?.close();
  await closeTestDriver();
});

describe('the fixture corpus', () => {
  it('has at least 60 attacks and 20 reads', () => {
    expect(corpus.attacks.length).toBeGreaterThanOrEqual(60);
    expect(corpus.reads.length).toBeGreaterThanOrEqual(20);
  });
});

describe('attacks are refused and change nothing', () => {
  it.each(corpus.attacks.map((a) => [a.why, a] as const))('%s', async (_why, attack) => {
    const r = await post({ query: attack.query, ...(attack.params ? { params: attack.params } : {}) });
    const body = r.body as Any;
    if (attack.expect === '4xx') {
      // Neo4j rejects the text itself (syntax of the Browser or of another Cypher version): any 4xx refusal will do.
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status, r.text).toBeLessThan(500);
    } else {
      expect(r.status, r.text).toBe(403);
      expect(body.error.code).toBe('QUERY_REFUSED');
      expect(body.error.message).toMatch(/not allowed|not supported/);
    }
    expect(body.error.retriable).toBe(false);
    expect(r.text).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace

    // The EXPLAIN layer holds on its own: without the text checks the query is still refused (or rejected by Neo4j).
    if (!attack.textOnly) {
      const err = await checkPlan(deps(), attack.query, attack.params).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, 'the plan layer alone let it through').toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBeGreaterThanOrEqual(400);
      expect((err as ApiError).status).toBeLessThan(500);
    }

    expect(await fingerprint()).toEqual(baseline);
  });

  it('names the reason', async () => {
    const cases: [string, RegExp][] = [
      ['MATCH (n) SET n.x = 1 RETURN n', /^write queries are not allowed \(query type: rw\)$/],
      ['LOAD CSV FROM "file:///x.csv" AS r RETURN r', /^LOAD CSV is not allowed$/],
      ['CALL dbms.security.createUser("a", "b", false)', /^procedure dbms\.security\.createUser is not allowed; allowed: db\.labels, /],
      ['USE system SHOW USERS', /^USE clauses are not allowed/],
      ['MATCH (n) RETURN n; MATCH (m) RETURN m', /^multiple statements are not allowed/],
      ['SHOW TRANSACTIONS', /^SHOW TRANSACTIONS is not allowed/],
      ['TERMINATE TRANSACTIONS "neo4j-transaction-1"', /^TERMINATE TRANSACTIONS is not allowed/],
      ['CREATE USER x SET PASSWORD "abcdefgh"', /^administration commands are not allowed \(CREATE USER x\)$/],
      ['DROP INDEX entity_name', /^index and constraint commands are not allowed/],
      ['MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS', /^CALL \{ \} IN TRANSACTIONS is not allowed$/],
    ];
    for (const [q, message] of cases) {
      const r = await post({ query: q });
      expect(r.status, q).toBe(403);
      expect((r.body as Any).error.message, q).toMatch(message);
    }
  });

  it('checkQuery and runSafeQuery throw the same refusals to other callers', async () => {
    await expect(checkQuery(deps(), 'MATCH (n) DETACH DELETE n')).rejects.toMatchObject({ status: 403, code: 'QUERY_REFUSED' });
    await expect(runSafeQuery(deps(), 'CALL db.createLabel("Evil")')).rejects.toMatchObject({ status: 403 });
    await expect(streamSafeQuery(deps(), 'LOAD CSV FROM "file:///x" AS r RETURN r', undefined, {}, () => {})).rejects.toMatchObject({ status: 403 });
    await expect(checkQuery(deps(), 'MATCH (n) RETURN count(n)')).resolves.toEqual({ queryType: 'r' });
    expect(await fingerprint()).toEqual(baseline);
  });
});

describe('reads are answered', () => {
  it.each(corpus.reads.map((r) => [r.query, r] as const))('%s', async (_q, read) => {
    const r = await post({ query: read.query, ...(read.params ? { params: read.params } : {}) });
    expect(r.status, r.text).toBe(200);
    const body = r.body as Any;
    if (read.expectColumns) expect(body.columns).toEqual(read.expectColumns);
    if (read.expectRows) {
      const key = (row: unknown) => JSON.stringify(row);
      const got = read.unordered ? [...body.rows].sort((a, b) => key(a).localeCompare(key(b))) : body.rows;
      const want = read.unordered ? [...read.expectRows].sort((a, b) => key(a).localeCompare(key(b))) : read.expectRows;
      expect(got).toEqual(want);
    }
    if (read.expectRowCount !== undefined) expect(body.rows).toHaveLength(read.expectRowCount);
    if (read.expectGraph) {
      expect(body.graph.nodes.map((n: Any) => n.id).sort()).toEqual([...read.expectGraph.nodes].sort());
      expect(body.graph.edges.map((e: Any) => e.id).sort()).toEqual([...read.expectGraph.edges].sort());
    }
    expect(body.truncated).toBe(false);
    expect(body.summary).toMatchObject({ queryType: 'r', rowCount: body.rows.length });
    expect(body.summary.resultAvailableAfterMs).toBeGreaterThanOrEqual(0);
    for (const row of body.rows) expect(row).toHaveLength(body.columns.length);
  });

  it('left the database unchanged', async () => {
    expect(await fingerprint()).toEqual(baseline);
  });
});

/** Transactions running in Neo4j whose query holds `marker` (SHOW TRANSACTIONS itself left out). */
async function runningWith(marker: string): Promise<number> {
  const rows = await query<{ currentQuery: string }>('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery');
  return rows.filter((r) => r.currentQuery.includes(marker) && !r.currentQuery.includes('SHOW TRANSACTIONS')).length;
}

/** Polls `check` until it holds, at most `tries` times 100 ms apart; returns whether it held. */
async function eventually(check: () => Promise<boolean>, tries = 200): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('limits', () => {
  it('stops a runaway query at the timeout (408), in Neo4j too, while another request is answered', async () => {
    const slowApi = await startTestServer({ ...ENV, QUERY_TIMEOUT_MS: '1500' });
    try {
      const marker = `runaway_${Date.now()}`;
      const finished: string[] = [];
      const runaway = post({ query: `UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS ${marker}` }, slowApi).then((r) => {
        finished.push('runaway');
        return r;
      });
      expect(await eventually(async () => (await runningWith(marker)) === 1)).toBe(true);
      const simple = await post({ query: 'MATCH (n:Entity {id: "org-hub"}) RETURN n.name AS name' }, slowApi);
      finished.push('simple');
      expect(simple.status).toBe(200);
      expect((simple.body as Any).rows).toEqual([['Northwind Movement']]);

      const r = await runaway;
      expect(r.status, r.text).toBe(408);
      expect((r.body as Any).error).toMatchObject({ code: 'QUERY_TIMEOUT', retriable: true });
      expect((r.body as Any).error.message).toMatch(/1500 ms time limit/);
      expect(finished).toEqual(['simple', 'runaway']);
      // Stopped in Neo4j, not left running there.
      expect(await eventually(async () => (await runningWith(marker)) === 0)).toBe(true);
    } finally {
      await slowApi.close();
    }
  });

  it('stops a big cartesian product at the timeout too', async () => {
    const err = await runSafeQuery(deps({ QUERY_TIMEOUT_MS: '1500' }), 'MATCH (a), (b), (c), (d), (e), (f) WHERE a.id + b.id + c.id + d.id + e.id + f.id = "x" RETURN count(*) AS c').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 408, code: 'QUERY_TIMEOUT' });
  });

  it('returns exactly the row cap with truncated: true, streaming', async () => {
    const r = await post({ query: 'UNWIND range(1, 100000) AS x RETURN x' });
    expect(r.status).toBe(200);
    const body = r.body as Any;
    expect(body.rows).toHaveLength(5000);
    expect(body.rows[0]).toEqual([1]);
    expect(body.rows[4999]).toEqual([5000]);
    expect(body.truncated).toBe(true);
    expect(body.summary.rowCount).toBe(5000);

    // A result far beyond the cap is cut off without being produced in full: once answered, nothing of it runs in Neo4j.
    const marker = `huge_${Date.now()}`;
    const huge = await runSafeQuery(deps(), `UNWIND range(1, 1000000000) AS ${marker} RETURN ${marker}`, undefined, { rowCap: 10 });
    expect(huge.rows).toEqual([[1], [2], [3], [4], [5], [6], [7], [8], [9], [10]]);
    expect(huge.truncated).toBe(true);
    expect(huge.summary.rowCount).toBe(10);
    expect(await runningWith(marker)).toBe(0);
  });

  it('keeps the rows read when the time runs out after the cap was reached', async () => {
    const out = await runSafeQuery(
      deps({ QUERY_TIMEOUT_MS: '1500' }),
      'UNWIND range(1, 100000000) AS x WITH x WHERE x <= 20 OR x = 99999999 MATCH ()-[r:LEADS]->() RETURN x, r',
      undefined,
      { rowCap: 30 },
    );
    expect(out.rows).toHaveLength(30);
    expect(out.truncated).toBe(true);
    expect(out.graph.edges.map((e) => e.id).sort()).toEqual(['c-leads', 'c-leads-old']);
    expect(out.graph.nodes).toHaveLength(3);
  });

  it('is not truncated when the result has exactly the cap', async () => {
    const body = (await post({ query: 'UNWIND range(1, 5000) AS x RETURN x' })).body as Any;
    expect(body.rows).toHaveLength(5000);
    expect(body.truncated).toBe(false);
  });

  it('honours a smaller cap and streams records to the caller', async () => {
    const seen: number[] = [];
    const out = await streamSafeQuery(deps(), 'UNWIND range(1, $n) AS x RETURN x', { n: 1000 }, { rowCap: 25 }, (rec) => {
      seen.push((rec.get('x') as { toNumber(): number }).toNumber());
    });
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(out).toMatchObject({ truncated: true, rowCount: 25, queryType: 'r', columns: ['x'] });
    const capped = await runSafeQuery(deps({ QUERY_ROW_CAP: '7' }), 'MATCH (n:Entity) RETURN n.id AS id');
    expect(capped.rows).toHaveLength(7);
    expect(capped.truncated).toBe(true);
  });
});

describe('graph collection', () => {
  it('collects nodes and edges from paths, lists, maps and bare relationships, fetching missing endpoints', async () => {
    const r = await post({
      query: `MATCH p = (:Entity {id: 'org-front'})-[:FUNDED]->(:Entity {id: 'org-arm'})
              MATCH (h:Entity {id: 'org-hub'}), (l:Entity {id: 'person-leader'})
              MATCH ()-[own:OWNS]->()
              MATCH ()-[paid:PAID {id: 'c-paid-1'}]->()
              RETURN p, [h, l] AS nodes, {claim: own, note: 'in a map'} AS m, paid`,
    });
    expect(r.status, r.text).toBe(200);
    const body = r.body as Any;
    expect(body.columns).toEqual(['p', 'nodes', 'm', 'paid']);
    const ids = body.graph.nodes.map((n: Any) => n.id).sort();
    expect(ids).toEqual(['org-arm', 'org-company', 'org-front', 'org-hub', 'person-leader', 'person-speaker']);
    const edges = Object.fromEntries(body.graph.edges.map((e: Any) => [e.id, e]));
    expect(Object.keys(edges).sort()).toEqual(['c-funded', 'c-owns', 'c-paid-1']);
    expect(edges['c-funded']).toMatchObject({ type: 'FUNDED', source: 'org-front', target: 'org-arm', status: 'documented', sourceId: 'src-filing' });
    expect(edges['c-owns']).toMatchObject({ type: 'OWNS', source: 'org-hub', target: 'org-company' });
    expect(edges['c-paid-1']).toMatchObject({ type: 'PAID', source: 'org-front', target: 'person-speaker' });
    for (const e of body.graph.edges) {
      expect(ids).toContain(e.source);
      expect(ids).toContain(e.target);
    }
    // Rows name endpoints by the same ids as the graph.
    const [p, nodes, m, paid] = body.rows[0];
    expect(p.segments[0].relationship).toMatchObject({ id: 'c-funded', source: 'org-front', target: 'org-arm' });
    expect(nodes.map((n: Any) => n.id)).toEqual(['org-hub', 'person-leader']);
    expect(m).toMatchObject({ note: 'in a map', claim: { id: 'c-owns', source: 'org-hub', target: 'org-company' } });
    expect(paid).toMatchObject({ id: 'c-paid-1', source: 'org-front', target: 'person-speaker', properties: { amount: 50000 } });
  });

  it('fetches both endpoints of relationships returned alone', async () => {
    const body = (await post({ query: 'MATCH ()-[r:LEADS]->() RETURN r ORDER BY r.id' })).body as Any;
    expect(body.graph.nodes.map((n: Any) => n.id).sort()).toEqual(['org-hub', 'person-founder', 'person-leader']);
    expect(body.graph.edges.map((e: Any) => [e.id, e.source, e.target])).toEqual(
      expect.arrayContaining([
        ['c-leads', 'person-leader', 'org-hub'],
        ['c-leads-old', 'person-founder', 'org-hub'],
      ]),
    );
  });

  it('gives an empty graph for scalar results', async () => {
    const body = (await post({ query: 'RETURN 1 AS one' })).body as Any;
    expect(body).toMatchObject({ columns: ['one'], rows: [[1]], graph: { nodes: [], edges: [] }, truncated: false });
  });
});

describe('errors and parameters', () => {
  it('answers a syntax error with 400 and its position in the submitted text', async () => {
    const r = await post({ query: 'MATCH (n)\nRETURN m' });
    expect(r.status).toBe(400);
    const e = (r.body as Any).error;
    expect(e.code).toBe('CYPHER_SYNTAX');
    expect(e.message).toContain('Variable `m` not defined');
    expect(e.message).not.toContain('EXPLAIN');
    expect(e.details).toEqual({ line: 2, column: 8, offset: 17 });

    const r2 = await post({ query: 'MATC (n) RETURN n' });
    expect(r2.status).toBe(400);
    expect((r2.body as Any).error.details).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('answers other Neo4j client errors with 422 and the message, no stack', async () => {
    const r = await post({ query: 'RETURN 1 / 0 AS x' });
    expect(r.status).toBe(422);
    expect((r.body as Any).error).toMatchObject({ code: 'QUERY_FAILED', message: expect.stringMatching(/by zero/i) });
    const r2 = await post({ query: 'RETURN $missing AS x' });
    expect(r2.status).toBe(422);
    expect((r2.body as Any).error.message).toMatch(/missing/);
  });

  it('passes parameters as parameters: integers as Cypher integers, others as they are', async () => {
    const r = await post({
      query: 'RETURN valueType($i) AS i, valueType($f) AS f, valueType($s) AS s, valueType($l) AS l, $s AS text, $m.k AS k',
      params: { i: 3, f: 1.5, s: "x'}) DETACH DELETE n //", l: [1, 2], m: { k: 7 } },
    });
    expect(r.status, r.text).toBe(200);
    expect((r.body as Any).rows).toEqual([['INTEGER NOT NULL', 'FLOAT NOT NULL', 'STRING NOT NULL', 'LIST<INTEGER NOT NULL> NOT NULL', "x'}) DETACH DELETE n //", 7]]);
    expect(await fingerprint()).toEqual(baseline);
  });

  it('validates the body', async () => {
    expect((await post({})).status).toBe(400);
    expect((await post({ query: '' })).status).toBe(400);
    expect((await post({ query: 'RETURN 1', extra: true })).status).toBe(400);
    expect((await post({ query: 'x'.repeat(20_001) })).status).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api.get('/api/openapi.json')).body as Any;
    const op = doc.paths['/api/cypher'].post;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '408', '413', '422', '429', '503']);
  });

  it('left the database unchanged after everything', async () => {
    expect(await fingerprint()).toEqual(baseline);
  });
});
