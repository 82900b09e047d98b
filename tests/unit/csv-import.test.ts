/**
 * CSV datasets: the column mapping, the value rules (aliases, dates, amounts)
 * and every edge case a spreadsheet brings: a BOM, quoted commas and
 * newlines, `;` delimiters with decimal commas, empty optional columns, a bad
 * status (named by line and column), a claim whose target is missing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIssue } from '../../server/import/errors.ts';
import { csvRole, detectDelimiter } from '../../server/formats/csv/columns.ts';
import { isoDate, parseAmount, propertyName } from '../../server/formats/values.ts';
import { detectFormat } from '../../server/import/inputs.ts';
import { loadDataset } from '../../server/import/load.ts';
import { issuesOf } from '../helpers/dataset.ts';

const FIX = path.resolve('tests/fixtures/csv');
const temps: string[] = [];

async function tempDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-csv-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}


afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('value rules', () => {
  it('reads amounts as spreadsheets write them', () => {
    expect(parseAmount('1200000')).toEqual({ value: 1200000 });
    expect(parseAmount('1,200,000')).toEqual({ value: 1200000 });
    expect(parseAmount('1 200 000.50')).toEqual({ value: 1200000.5 });
    expect(parseAmount('1\u00a0200\u202f000,50', { decimalComma: true })).toEqual({ value: 1200000.5 });
    expect(parseAmount('1.200.000,50')).toEqual({ value: 1200000.5 });
    expect(parseAmount("1'200'000.50")).toEqual({ value: 1200000.5 });
    expect(parseAmount('1.5')).toEqual({ value: 1.5 });
    expect(parseAmount('2.000.000')).toEqual({ value: 2000000 });
    // A single comma: thousands in a comma file, decimal in a semicolon file.
    expect(parseAmount('1,200')).toEqual({ value: 1200 });
    expect(parseAmount('1,200', { decimalComma: true })).toEqual({ value: 1.2 });
    expect(parseAmount('1,5', { decimalComma: true })).toEqual({ value: 1.5 });
    expect(parseAmount('USD 50,000')).toEqual({ value: 50000, currency: 'USD' });
    expect(parseAmount('€1,250.75')).toEqual({ value: 1250.75, currency: 'EUR' });
    expect(parseAmount('$500')).toEqual({ value: 500 });
    expect(parseAmount('12,34,567')).toHaveProperty('error');
    expect(parseAmount('about 5')).toHaveProperty('error');
    expect(parseAmount('')).toHaveProperty('error');
  });

  it('reads dates at any ISO precision and cuts timestamps to the day', () => {
    expect(isoDate('1970')).toBe('1970');
    expect(isoDate('1970-05')).toBe('1970-05');
    expect(isoDate('1970-05-01')).toBe('1970-05-01');
    expect(isoDate('1970-05-01T00:00:00Z')).toBe('1970-05-01');
    expect(isoDate('2019-06-30 12:00')).toBe('2019-06-30');
    expect(isoDate('2019-06-30T12:00:00.123+02:00')).toBe('2019-06-30');
    expect(isoDate('2019-02-30')).toBeUndefined();
    expect(isoDate('30/06/2019')).toBeUndefined();
  });

  it('makes property names from any header', () => {
    expect(propertyName('Party affiliation')).toBe('partyAffiliation');
    expect(propertyName('FEC ID')).toBe('FECID');
    expect(propertyName('2nd name')).toBe('_2ndName');
    expect(propertyName('Société')).toBe('societe');
    expect(propertyName('***')).toBe('_');
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('id,name,"a;b"\n1;2;3')).toBe(',');
    expect(detectDelimiter('\ufeffid;name;kind\n')).toBe(';');
    expect(detectDelimiter('id\tname\tkind\n')).toBe('\t');
  });

  it('tells entities, claims and sources files apart by name, then by headers', async () => {
    const dir = await tempDir({
      'CLAIMS.CSV': 'x\n',
      'people-entities.csv': 'x\n',
      'refs.csv': 'id,title,url\n',
      'links.csv': 'from,to,type\n',
      'data.csv': 'source,target,type,sourceId\n',
      'things.csv': 'id,name,kind\n',
      'other.csv': 'a,b\n',
    });
    expect(await csvRole(path.join(dir, 'CLAIMS.CSV'))).toBe('claims');
    expect(await csvRole(path.join(dir, 'people-entities.csv'))).toBe('entities');
    expect(await csvRole(path.join(dir, 'refs.csv'))).toBe('sources');
    expect(await csvRole(path.join(dir, 'links.csv'))).toBe('claims');
    expect(await csvRole(path.join(dir, 'data.csv'))).toBe('claims');
    expect(await csvRole(path.join(dir, 'things.csv'))).toBe('entities');
    expect(await csvRole(path.join(dir, 'other.csv'))).toBeUndefined();
    expect(await detectFormat(path.join(dir, 'things.csv'))).toBe('csv');
  });
});

describe('a spreadsheet dataset', () => {
  it('maps every column and value (BOM, quoted commas and newlines, header aliases, extra columns)', async () => {
    const d = await loadDataset(path.join(FIX, 'spreadsheet'));
    expect(d.meta.name).toBe('csv-spreadsheet');
    expect(d.inputs.map((i) => [path.basename(i.file), i.format, i.role])).toEqual([
      ['Entities.csv', 'csv', 'entities'],
      ['sources.csv', 'csv', 'sources'],
      ['claims.csv', 'csv', 'claims'],
    ]);
    expect(d.entities).toEqual([
      { id: 'p-ada', kind: 'person', name: 'Ada Quill', aliases: ['Ada Q.', 'A. Quill'], description: 'Leader of the fictional movement.', anonymous: false, born: '1961-03', properties: { partyAffiliation: 'Blue Party' } },
      { id: 'p-bruno', kind: 'person', name: 'Quill, Bruno', aliases: [], description: 'Founder; vanished in 2003, it is said.', anonymous: false, born: '1940' },
      { id: 'o-hub', kind: 'organization', name: 'Northwind Movement', aliases: ['NWM'], description: 'A fictional movement.\nIts description spans two lines.', anonymous: false, country: 'Freedonia', founded: '1970-05-01' },
      { id: 'o-front', kind: 'organization', name: 'Northwind Friends', aliases: [], description: '', anonymous: false, country: 'Freedonia', founded: '2001' },
      { id: 'e-rally', kind: 'event', name: 'The 2019 rally', aliases: [], description: 'A fictional rally.', anonymous: false },
    ]);
    expect(d.sources).toEqual([
      { id: 's-report', kind: 'source', name: 'The Northwind Movement, a Report', aliases: [], description: '', anonymous: false, sourceKind: 'report', authors: ['Dmitri Writer', 'Erin Analyst'], publisher: 'Example Institute', date: '2019-02-18', url: 'https://example.org/reports/northwind' },
      { id: 's-filing', kind: 'source', name: 'Annual filing 2019', aliases: [], description: '', anonymous: false, sourceKind: 'official-document', authors: [], publisher: 'Freedonia Revenue Service', date: '2019' },
    ]);
    expect(d.claims).toEqual([
      { id: 'c-leads', type: 'LEADS', from: 'p-ada', to: 'o-hub', sourceId: 's-report', status: 'reported', quote: 'Ada Quill has led the movement since 2003.', start: '2003', role: 'leader', properties: { confidence: 'high' } },
      { id: 'c-founded', type: 'FOUNDED', from: 'p-bruno', to: 'o-hub', sourceId: 's-report', status: 'reported', quote: 'Bruno Quill founded the movement in May 1970, in a barn.', date: '1970-05' },
      { id: 'c-funded', type: 'FUNDED', from: 'o-front', to: 'o-hub', sourceId: 's-filing', status: 'documented', quote: 'Grants: "1,200,000" in total.', date: '2019', amount: 1200000, currency: 'USD', properties: { confidence: 'medium' } },
      { id: 'c-paid', type: 'PAID', from: 'o-front', to: 'p-ada', sourceId: 's-filing', status: 'documented', quote: 'Paid for speeches.\nThe filing lists two payments.', date: '2019-06-30', amount: 1200000.5, currency: 'EUR' },
      { id: 'c-part', type: 'PART_OF', from: 'e-rally', to: 'o-hub', sourceId: 's-report', status: 'assessment', quote: "The rally was the movement's." },
    ]);
  });

  it('reads a semicolon-delimited file with decimal commas', async () => {
    const d = await loadDataset(path.join(FIX, 'semicolon'));
    expect(d.entities[0]).toMatchObject({ id: 'p-ada', aliases: ['Ada Q.', 'A. Quill'], description: 'Leader; of a fictional movement' });
    expect(d.entities[1]).toMatchObject({ description: 'A fictional movement, in Freedonia.' });
    expect(d.claims.map((c) => [c.id, c.amount, c.currency, c.date])).toEqual([
      ['c-paid-1', 1250.5, 'EUR', '2019-03'],
      ['c-paid-2', 1.5, 'EUR', '2019-04'],
      ['c-paid-3', 2000000, 'EUR', undefined],
    ]);
    expect(d.claims[1]!.quote).toBe('Paid "1,5" thousand; a small sum.');
  });

  it('names line 7 and the status column for a bad status (after a quoted newline)', async () => {
    const issues = await issuesOf(path.join(FIX, 'bad-status'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: expect.stringMatching(/bad-status\/claims\.csv$/), line: 7, field: 'status', column: 'status', record: 'claims[4] "c-5"' });
    expect(issues[0]!.message).toMatch(/documented.*reported.*assessment.*alleged.*disputed.*rumoured/);
    expect(formatIssue(issues[0]!)).toMatch(/claims\.csv:7 claims\[4\] "c-5" column "status": /);
  });

  it('names the line and the column of a claim whose target id is missing', async () => {
    const issues = await issuesOf(path.join(FIX, 'missing-target'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: expect.stringMatching(/claims\.csv$/), line: 3, field: 'to', column: 'to' });
    expect(issues[0]!.message).toContain('"o-nowhere" is not an entity or source id');
  });

  it('names the column as the header writes it, and bad amounts and dates by line', async () => {
    const dir = await tempDir({
      'entities.csv': 'ID,Kind,Name\np-a,person,A\np-b,person,B\n',
      'sources.csv': 'ID,Title,Kind of source\ns-1,A report,report\n',
      'claims.csv': 'From,To,Relation,Document,Status,Quote,Amount,Date\r\np-a,p-b,FUNDED,s-1,reported,A paid B.,"12,34,5",2019-13\r\np-a,p-b,PAID,s-1,reported,A paid B again.,$5,\r\n',
    });
    const issues = await issuesOf(dir);
    // "Kind of source" is not a known header: sourceKind is missing (and the claims citing s-1 are not blamed for it).
    expect(issues.map((i) => [path.basename(i.file), i.line, i.field, i.column, i.message.slice(0, 24)])).toEqual([
      ['sources.csv', 2, 'sourceKind', undefined, 'required: Invalid option'],
      ['claims.csv', 2, 'amount', 'Amount', 'not an amount: "12,34,5"'],
      ['claims.csv', 2, 'date', 'Date', 'an ISO 8601 date at the '],
      ['claims.csv', 3, 'amount', 'Amount', '"$" names no single curr'],
    ]);
  });

  it('reports a missing required column once, naming the headers', async () => {
    const dir = await tempDir({ 'entities.csv': 'id,kind,name\np,person,P\n', 'claims.csv': 'from,to,type,status\np,p,LEADS,reported\n' });
    const issues = await issuesOf(dir);
    expect(issues).toEqual([{ file: expect.stringMatching(/claims\.csv$/), line: 1, message: expect.stringMatching(/no column for "sourceId", "quote" \(headers: from, to, type, status\)/) }]);
  });

  it('treats empty optional columns as absent and gives id-less claims a stable id', async () => {
    const files = {
      'entities.csv': 'id,kind,name,aliases,description,born\np-a,person,A,,,\np-b,person,B,  ;  ; ,,\n',
      'sources.csv': 'id,name,sourceKind,authors,url\ns-1,Doc,report,,\n',
      'claims.csv': 'from,to,type,sourceId,status,quote,date,amount,currency,role\np-a,p-b,family of,s-1,reported,They are siblings.,,,,\n',
    };
    const a = await loadDataset(await tempDir(files));
    const b = await loadDataset(await tempDir(files));
    expect(a.entities[0]).toEqual({ id: 'p-a', kind: 'person', name: 'A', aliases: [], description: '', anonymous: false });
    expect(a.entities[1]!.aliases).toEqual([]);
    expect(a.sources[0]).toEqual({ id: 's-1', kind: 'source', name: 'Doc', sourceKind: 'report', aliases: [], authors: [], description: '', anonymous: false });
    expect(a.claims[0]).toEqual({ id: expect.stringMatching(/^claim-[0-9a-f]{16}$/), type: 'FAMILY_OF', from: 'p-a', to: 'p-b', sourceId: 's-1', status: 'reported', quote: 'They are siblings.' });
    expect(a.claims[0]!.id).toBe(b.claims[0]!.id);
  });

  it('reads the graph convention (source, target, sourceId) and a ZIP of CSV files', async () => {
    const zip = zipSync({
      'nodes.csv': strToU8('id,kind,name,labels,datasets\np-a,person,A,Entity;Person,old\np-b,person,B,Entity;Person,old\ns-1,source,Doc,Entity;Source,old\n'),
      'edges.csv': strToU8('id,source,type,target,status,sourceId,quote,dateMin,datasets\nc-1,p-a,ALLIED_WITH,p-b,reported,s-1,A and B allied.,2019-01-01,old\n'),
      'sources.csv': strToU8('id,title,sourceKind,kind\ns-1,Doc,report,source\n'),
    });
    const dir = await tempDir({ 'export.csv.zip': zip });
    const d = await loadDataset(path.join(dir, 'export.csv.zip'));
    expect(d.meta.name).toBe('export');
    expect(d.entities.map((e) => e.id)).toEqual(['p-a', 'p-b']);
    expect(d.entities[0]).not.toHaveProperty('properties'); // labels, datasets: computed, not kept
    expect(d.sources).toEqual([{ id: 's-1', kind: 'source', name: 'Doc', sourceKind: 'report', aliases: [], authors: [], description: '', anonymous: false }]);
    expect(d.claims).toEqual([{ id: 'c-1', type: 'ALLIED_WITH', from: 'p-a', to: 'p-b', sourceId: 's-1', status: 'reported', quote: 'A and B allied.' }]);
  });

  it('names the file inside a ZIP archive in errors', async () => {
    const zip = zipSync({ 'entities.csv': strToU8('id,kind,name\np-a,persn,A\n') });
    const dir = await tempDir({ 'bad.zip': zip });
    const [i] = await issuesOf(path.join(dir, 'bad.zip'));
    expect(i!.file).toMatch(/bad\.zip:entities\.csv$/);
    expect(i).toMatchObject({ line: 2, field: 'kind', column: 'kind' });
  });
});
