/**
 * The export modules' pure pieces: literal escaping (Cypher, CSV, XML,
 * Markdown, GEXF lists), FtM ids, attribute type inference, file names.
 */
import { describe, expect, it } from 'vitest';
import { AttributeScanner, xmlAttr, xmlText } from '../../server/formats/attributes.ts';
import { csvField } from '../../server/formats/csv/cells.ts';
import { cypherMap, cypherName, cypherString, cypherValue } from '../../server/formats/cypher/write.ts';
import { ftmClaimId, ftmEntityId } from '../../server/formats/ftm/ids.ts';
import { gexfValue } from '../../server/formats/gexf/write.ts';
import { filenameFor } from '../../server/export/index.ts';
import { md } from '../../server/formats/markdown/write.ts';

describe('Cypher literals', () => {
  it('escapes backslashes, quotes, line breaks and control characters', () => {
    expect(cypherString("it's")).toBe("'it\\'s'");
    expect(cypherString('a\\b')).toBe("'a\\\\b'");
    expect(cypherString('l1\nl2\r\tx')).toBe("'l1\\nl2\\r\\tx'");
    expect(cypherString('\u0001\u2028')).toBe("'\\u0001\\u2028'");
    expect(cypherString('Société 🙂 "q"')).toBe("'Société 🙂 \"q\"'");
  });

  it('backticks names that are not plain identifiers', () => {
    expect(cypherName('name')).toBe('name');
    expect(cypherName('odd key')).toBe('`odd key`');
    expect(cypherName('a`b')).toBe('`a``b`');
    expect(cypherName('1st')).toBe('`1st`');
  });

  it('keeps floats floats and writes lists, booleans and points', () => {
    expect(cypherValue(120000, true)).toBe('120000.0');
    expect(cypherValue(1.5)).toBe('1.5');
    expect(cypherValue(12)).toBe('12');
    expect(cypherValue(1e21, true)).toBe('1e21');
    expect(cypherValue([1, 2], true)).toBe('[1.0, 2.0]');
    expect(cypherValue(['a', "b'"])).toBe("['a', 'b\\'']");
    expect(cypherValue(true)).toBe('true');
    expect(cypherValue({ srid: 4326, x: 1, y: 2 })).toBe('point({srid: 4326, x: 1.0, y: 2.0})');
    expect(cypherMap({ id: 'x', end: '2003', 'a b': null, amount: 5 }, ['amount'], ['id'])).toBe("{end: '2003', amount: 5.0}");
  });
});

describe('CSV fields (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('l1\r\nl2')).toBe('"l1\r\nl2"');
    expect(csvField(null)).toBe('');
    expect(csvField(['a', 'b c'])).toBe('a;b c');
    expect(csvField(['a,b', 'c'])).toBe('"a,b;c"');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(false)).toBe('false');
  });
});

describe('XML', () => {
  it('escapes markup and keeps whitespace in attributes', () => {
    expect(xmlText('a < b & c > d\r')).toBe('a &lt; b &amp; c &gt; d&#13;');
    expect(xmlAttr('"x"\n\t')).toBe('&quot;x&quot;&#10;&#9;');
    expect(xmlText('bad\u0001char\uFFFE')).toBe('badchar');
  });

  it('writes GEXF 1.3 lists with quoted, escaped items', () => {
    expect(gexfValue({ name: 'aliases', type: 'string', list: true, json: false }, ['a, b', 'c"d', 'e\\f', 'g\nh'])).toBe('["a, b", "c\\"d", "e\\\\f", "g\\nh"]');
    expect(gexfValue({ name: 'n', type: 'long', list: true, json: false }, [1, 2])).toBe('[1, 2]');
    expect(gexfValue({ name: 'x', type: 'string', list: false, json: true }, ['a'])).toBe('["a"]');
  });
});

describe('attribute types', () => {
  it('infers long, double, boolean, lists and falls back to string for mixed values', () => {
    const s = new AttributeScanner();
    s.add({ count: 3, amount: 10, flag: true, aliases: ['a'], mixed: 'x', empty: [] }, ['amount']);
    s.add({ count: 4, aliases: ['b', 'c'], mixed: ['y'], late: 1.5 });
    s.add({ count: 2.5, late: 2 });
    const byName = Object.fromEntries(s.specs().map((x) => [x.name, x]));
    expect(byName.count).toMatchObject({ type: 'double', list: false, json: false });
    expect(byName.amount).toMatchObject({ type: 'double', list: false });
    expect(byName.flag).toMatchObject({ type: 'boolean' });
    expect(byName.aliases).toMatchObject({ type: 'string', list: true, json: false });
    expect(byName.mixed).toMatchObject({ type: 'string', list: false, json: true });
    expect(byName.empty).toMatchObject({ type: 'string', list: true });
    expect(byName.late).toMatchObject({ type: 'double' });
  });

  it('orders names as asked, the rest alphabetically', () => {
    const s = new AttributeScanner();
    s.add({ z: 1, b: 1, quote: 'q', type: 't' });
    expect(s.specs(['type', 'quote']).map((x) => x.name)).toEqual(['type', 'quote', 'b', 'z']);
  });
});

describe('FtM ids', () => {
  it('keeps valid ids and escapes the others one-to-one', () => {
    expect(ftmEntityId('org-hub')).toBe('org-hub');
    expect(ftmEntityId('a_b:c')).toBe('a.5fb.3ac');
    expect(ftmEntityId('a.b')).toBe('a.2eb');
    expect(ftmEntityId('trailing-')).toBe('trailing.2d');
    expect(ftmEntityId('element:4:abc:12')).toBe('element.3a4.3aabc.3a12');
    expect(ftmEntityId('claim-x')).toBe('claim.2dx');
    expect(ftmClaimId('c-leads')).toBe('claim-c-leads');
    expect(ftmClaimId('c_1')).toBe('claim-c.5f1');
    const ids = ['a_b', 'a.5fb', 'a-b', 'ab', 'claim-ab', 'claim.2dab'].map(ftmEntityId);
    expect(new Set([...ids, ftmClaimId('ab')]).size).toBe(7);
    for (const id of [...ids, ftmEntityId('_x'), ftmEntityId('é')]) expect(id).toMatch(/^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/);
  });
});

describe('Markdown text', () => {
  it('escapes markup, HTML and line starts; folds line breaks', () => {
    expect(md('Eve <img src=x onerror=alert(1)>')).toBe('Eve \\<img src=x onerror=alert(1)\\>');
    expect(md('*bold* _it_ [l](u) `c` a|b ~s~ &amp;')).toBe('\\*bold\\* \\_it\\_ \\[l\\](u) \\`c\\` a\\|b \\~s\\~ \\&amp;');
    expect(md('# title')).toBe('\\# title');
    expect(md('- item')).toBe('\\- item');
    expect(md('1. first')).toBe('1\\. first');
    expect(md('a\n\nb\tc')).toBe('a b c');
    expect(md(['A', 'B'])).toBe('A, B');
    expect(md(null)).toBe('');
  });
});

describe('file names', () => {
  it('names the selection and the format', () => {
    expect(filenameFor('gexf', { type: 'neighborhood', id: 'mek', depth: 1, limit: 1000 })).toBe('claimgraph-mek-neighborhood-depth1.gexf');
    expect(filenameFor('csv', { type: 'all' })).toBe('claimgraph-all.csv.zip');
    expect(filenameFor('graphology', { type: 'ids', ids: ['x'], depth: 0 })).toBe('claimgraph-x.json');
    expect(filenameFor('cypher', { type: 'all' }, 'my.file.cypher')).toBe('my.file.cypher');
  });
});
