/**
 * The bulk import's CSV files (server/import/write/bulk-csv.ts), read back
 * as text: typed headers, quoting, list encoding, rows routed to the right
 * file. That Neo4j's importer reads them into the same graph as the
 * transactional importer writes is proven by tests/integration/bulk-import.test.ts.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Claim, Entity, Source } from '../../server/model/dataset.ts';
import { ARRAY_DELIMITER, BulkCsvWriter, type BulkFiles } from '../../server/import/write/bulk-csv.ts';

const D = ARRAY_DELIMITER;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-bulk-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A row's cells by column name (the header's name before any `:type`). */
function cells(headerText: string, line: string): Record<string, string> {
  const cols = headerText.split(',');
  const row = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  return Object.fromEntries(cols.map((c, i) => [c, row[i]!]).filter(([, v]) => v !== undefined));
}

function group(files: BulkFiles, name: string, multiline = false) {
  const g = files.groups.filter((x) => x.names.at(-1) === name && x.multiline === multiline);
  return g.map((x) => ({ ...x, headerText: readFileSync(x.header, 'utf8').trimEnd(), lines: readFileSync(x.data, 'utf8').split('\n').slice(0, -1) }));
}

const person = (o: Record<string, unknown>) => Entity.parse({ kind: 'person', ...o });

describe('BulkCsvWriter', () => {
  it('writes typed columns from the importer props, quoting strings and doubling quotes', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    w.node(person({ id: 'p1', name: 'Ann "Q" Lee', aliases: ['A, L', 'Annie'], born: '1950' }));
    w.node(Entity.parse({ kind: 'organization', id: 'o1', name: 'Org', count: 40 }));
    const files = w.finish();
    const [p] = group(files, 'Person');
    expect(p!.names).toEqual(['Entity', 'Person']);
    expect(cells(p!.headerText, p!.lines[0]!)).toEqual({
      'id:ID': '"p1"',
      name: '"Ann ""Q"" Lee"',
      'aliases:string[]': `"A, L${D}Annie"`,
      description: '""',
      'anonymous:boolean': 'false',
      born: '"1950"',
      kind: '"person"',
      'datasets:string[]': '"ds"',
    });
    expect(p!.lines).toHaveLength(1);
    const [o] = group(files, 'Organization');
    expect(o!.headerText).toContain('count:double');
    expect(o!.lines[0]).toContain(',40,');
    expect(files.nodes).toBe(2);
  });

  it('names empty lists in @empty, escapes list elements ListValues reads back', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    w.node(person({ id: 'p1', name: 'N', properties: { tags: [], odd: ['a\\b', `x${D}y`], blank: [''] } }));
    const [p] = group(w.finish(), 'Person');
    const c = cells(p!.headerText, p!.lines[0]!);
    expect(c['@empty:string[]']).toBe(`"aliases${D}tags"`);
    expect(c['odd:string[]']).toBe(`"a\\\\b${D}x\\dy"`);
    expect(c['blank:string[]']).toBe('"\\e"');
    expect(Object.keys(c).filter((k) => k.startsWith('aliases') || k.startsWith('tags'))).toEqual([]);
  });

  it('writes claims with their endpoints, numbers as doubles (as the driver sends them), dates bounds from claimProps', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    w.claim(Claim.parse({ id: 'c1', type: 'FUNDED', from: 'o1', to: 'p1', sourceId: 's1', status: 'reported', quote: 'paid', amount: 1e21, date: '2001-02' }));
    w.claim(Claim.parse({ id: 'c2', type: 'FUNDED', from: 'o1', to: 'p1', sourceId: 's1', status: 'reported', quote: 'paid', amount: 0.1 }));
    const files = w.finish();
    const [f] = group(files, 'FUNDED');
    expect(f!.kind).toBe('relationships');
    expect(f!.headerText.startsWith(':START_ID,:END_ID,id,')).toBe(true);
    expect(f!.headerText).toContain('amount:double');
    expect(f!.headerText).toContain('dateMin');
    expect(f!.lines[0]).toMatch(/^"o1","p1","c1",.*,1e\+21,/);
    expect(f!.lines[0]).toContain('"2001-02-01"');
    expect(f!.lines[1]).toContain(',0.1');
    expect(files.relationships).toBe(2);
  });

  it('adds columns as properties appear: earlier rows end earlier', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    w.node(person({ id: 'p1', name: 'A' }));
    w.node(person({ id: 'p2', name: 'B', properties: { score: 3 } }));
    const [p] = group(w.finish(), 'Person');
    expect(p!.headerText.endsWith(',score:double')).toBe(true);
    expect(p!.lines[0]!.split(',').length).toBeLessThan(p!.lines[1]!.split(',').length);
  });

  it('a value of another type than its column goes to another file of the group', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    w.node(person({ id: 'p1', name: 'A', properties: { x: 1 } }));
    w.node(person({ id: 'p2', name: 'B', properties: { x: 'one' } }));
    w.node(person({ id: 'p3', name: 'C', properties: { x: 2 } }));
    const layouts = group(w.finish(), 'Person');
    expect(layouts).toHaveLength(2);
    expect(layouts[0]!.headerText).toContain('x:double');
    expect(layouts[0]!.lines).toHaveLength(2);
    expect(layouts[1]!.headerText.split(',')).toContain('x');
  });

  it('rows with line breaks go to a multiline file, the others stay in the parallel one', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    w.node(person({ id: 'p1', name: 'A', description: 'line 1\nline 2' }));
    w.node(person({ id: 'p2', name: 'B', description: 'one line' }));
    w.node(Source.parse({ id: 's1', name: 'S', sourceKind: 'book', authors: ['X\r\nY'] }));
    const files = w.finish();
    expect(group(files, 'Person', true)[0]!.lines.join('\n')).toContain('"line 1\nline 2"');
    expect(group(files, 'Person', false)[0]!.lines).toHaveLength(1);
    expect(group(files, 'Source', true)).toHaveLength(1);
  });

  it('writes a node without an importer id (the :Dataset node)', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    w.plainNode(['Dataset'], { name: 'ds', title: 'T', license: null, formats: ['yaml'] });
    const [d] = group(w.finish(), 'Dataset');
    expect(d!.headerText).toBe('name,title,formats:string[]');
    expect(d!.lines).toEqual(['"ds","T","yaml"']);
  });

  it('refuses what no column type holds', () => {
    const w = new BulkCsvWriter(dir, 'ds');
    expect(() => w.plainNode(['Dataset'], { name: 'ds', nested: { a: 1 } })).toThrow(/property "nested"/);
    expect(() => w.plainNode(['Dataset'], { name: 'ds', n: Number.NaN })).toThrow(/cannot write NaN/);
  });
});
