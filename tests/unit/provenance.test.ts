/**
 * Provenance core (server/provenance): normalization and its offset map,
 * hashing, splitting a quote into pieces, exact and approximate matching,
 * the W3C selectors, the quote in context, one claim's verification and its
 * Neo4j properties.
 */
import { describe, expect, it } from 'vitest';
import { APPROXIMATE_MIN_SCORE, findPiece, findPieces, letters, splitPieces } from '../../server/provenance/match.ts';
import { documentHash, normalize, normalizeWithMap, rawSpan, sha256Hex } from '../../server/provenance/normalize.ts';
import { codePointToIndex, indexToCodePoint, PREFIX_LENGTH, quoteContext, selectorsFor } from '../../server/provenance/selectors.ts';
import { verificationProps, verifyClaimText } from '../../server/provenance/verify-claim.ts';

describe('normalize', () => {
  it.each([
    ['typographic single quotes', 'It\u2019s \u2018ours\u2019 \u201Aa\u201B', "It's 'ours' 'a'"],
    ['typographic double quotes', '\u201CYes\u201D, \u201Eja\u201F', '"Yes", "ja"'],
    ['every dash', 'a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g', 'a-b-c-d-e-f-g'],
    ['the ellipsis', 'and so\u2026 on', 'and so... on'],
    ['whitespace runs, line breaks, tabs, no-break and thin spaces', 'one\n\n two\t\tthree\u00A0four\u2009five\r\nsix', 'one two three four five six'],
    ['trimmed', '  \n padded \t ', 'padded'],
    ['NFC: a combining accent composed', 'cafe\u0301', 'caf\u00E9'],
    ['NFC: Hangul jamo composed', '\u1112\u1161\u11AB', '\uD55C'],
    ['nothing else: straight quotes, hyphens and case stay', `"Don't" - UPPER lower`, `"Don't" - UPPER lower`],
  ])('%s', (_what, raw, expected) => {
    expect(normalize(raw)).toBe(expected);
  });

  it('normalizeWithMap gives the same text as normalize, for every tricky character mixed at random', () => {
    const alphabet = ['a', 'B', ' ', '\n', '\t', '\u00A0', '\u2019', '\u201C', '\u2014', '\u2026', 'e\u0301', '\u1112\u1161', '\uD83D\uDE00', '\r\n', 'x', '.', '\u0301'];
    // A fixed linear congruential sequence: the same "random" strings every run.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const len = next() % 40;
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[next() % alphabet.length];
      const m = normalizeWithMap(s);
      expect(m.text, JSON.stringify(s)).toBe(normalize(s));
      expect(m.toRaw.length).toBe(m.text.length + 1);
      for (let i = 1; i < m.toRaw.length; i++) expect(m.toRaw[i]!).toBeGreaterThanOrEqual(m.toRaw[i - 1]!);
    }
  });

  it('a long document, in NFC or not, normalizes the same both ways', () => {
    const long = Array.from({ length: 20_000 }, (_, i) => `Sentence \u201C${i}\u201D, cafe\u0301\u2014ok.\n`).join('');
    const m = normalizeWithMap(long);
    expect(m.text).toBe(normalize(long));
    expect(m.text.endsWith('Sentence "19999", caf\u00E9-ok.')).toBe(true);
    const at = m.text.indexOf('"12345"');
    const span = rawSpan(m, at, at + 7);
    expect(long.slice(span.start, span.end)).toBe('\u201C12345\u201D');
    const ctx = quoteContext({ raw: long, ...m }, indexToCodePoint(m.text, at), indexToCodePoint(m.text, at + 7), 0);
    expect(ctx).toEqual({ before: 'Sentence ', exact: '\u201C12345\u201D', after: ', cafe\u0301\u2014ok.\n' });
  });

  it('maps every normalized offset back to the extracted text', () => {
    const raw = '  Intro.\n\n\u201CThe  group\u201D paid\u2026 them.';
    const m = normalizeWithMap(raw);
    expect(m.text).toBe('Intro. "The group" paid... them.');
    const start = m.text.indexOf('"The');
    const end = m.text.indexOf('paid...') + 'paid...'.length;
    const span = rawSpan(m, start, end);
    expect(raw.slice(span.start, span.end)).toBe('\u201CThe  group\u201D paid\u2026');
    // The whole text maps to the raw text without its surrounding whitespace.
    const all = rawSpan(m, 0, m.text.length);
    expect(raw.slice(all.start, all.end)).toBe(raw.trim());
  });
});

describe('hashing', () => {
  it('is SHA-256 in lowercase hex of the UTF-8 text', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('caf\u00E9')).toBe('850f7dc43910ff890f8879c0ed26fe697c93a067ad93a7d50f466a7028a9bf4e');
  });

  it('a document hashes by its normalized text: layout and typography do not change it, a word does', () => {
    const a = 'The group \u201Cpaid\u201D them\u2014twice.\n';
    expect(documentHash(a)).toBe(sha256Hex('The group "paid" them-twice.'));
    expect(documentHash('  The group  "paid"\nthem\u2013twice. ')).toBe(documentHash(a));
    expect(documentHash(a.replace('paid', 'gave'))).not.toBe(documentHash(a));
  });
});

describe('splitPieces', () => {
  it.each([
    ['one verbatim piece', 'The group paid them.', ['The group paid them.']],
    ['pieces joined by ...', 'The group ... paid them', ['The group', 'paid them']],
    ['an ellipsis character', 'The group\u2026paid them', ['The group', 'paid them']],
    ['leading and trailing ellipses dropped', '... paid them ...', ['paid them']],
    ['four dots (a full stop and an ellipsis)', 'It ended.... Then it began', ['It ended', 'Then it began']],
    ['normalized like the document', '\u201CDon\u2019t\u201D \u2014  go', ['"Don\'t" - go']],
    ['nothing but dots', '...', []],
  ])('%s', (_what, quote, pieces) => {
    expect(splitPieces(quote)).toEqual(pieces);
  });
});

const TEXT = normalize(`Summary. The Harbour Movement was founded in 1971 by students of the Windward Academy.
Ada Quill has led the movement since 2003; her husband, Bram Quill, led it before her.
The Friends of the Harbour paid the former minister 20,000 dollars to speak at the June 2019 rally.`);

describe('matching', () => {
  it('finds a piece exactly', () => {
    const m = findPiece(TEXT, 'paid the former minister');
    expect(m).toEqual({ kind: 'exact', start: TEXT.indexOf('paid the former'), end: TEXT.indexOf('paid the former') + 24, score: 1 });
  });

  it('finds a piece approximately when only punctuation, case or spacing differ', () => {
    const m = findPiece(TEXT, 'her husband Bram Quill led it before her');
    expect(m.kind).toBe('approximate');
    if (m.kind !== 'approximate') return;
    expect(TEXT.slice(m.start, m.end)).toBe('her husband, Bram Quill, led it before her');
    expect(m.score).toBeCloseTo(1 - 2 / 40, 5);
    expect(m.score).toBeGreaterThanOrEqual(APPROXIMATE_MIN_SCORE);
  });

  it('a changed word is not found, however similar: the closest passage and its similarity are given', () => {
    const piece = 'The Friends of the Harbour gave the former minister 20,000 dollars to speak at the June 2019 rally.';
    const m = findPiece(TEXT, piece);
    expect(m.kind).toBe('not-found');
    if (m.kind !== 'not-found') return;
    expect(TEXT.slice(m.closest!.start, m.closest!.end)).toBe(piece.replace('gave', 'paid'));
    // Above the threshold: similarity alone would have let the changed word pass.
    expect(m.closest!.score).toBeGreaterThan(APPROXIMATE_MIN_SCORE);
    expect(letters(piece)).not.toBe(letters(TEXT.slice(m.closest!.start, m.closest!.end)));
  });

  it('a passage unlike anything in the text has no closest passage', () => {
    expect(findPiece(TEXT, 'Zebras quietly juggle seventeen purple umbrellas')).toEqual({ kind: 'not-found' });
  });

  it('letters() ignores punctuation, spacing, case, line-end hyphenation and ligatures', () => {
    expect(letters('The in\uFB02u- ence, of "MEK"')).toBe(letters('the influence of MEK'));
    expect(letters('paid $50,000')).not.toBe(letters('paid $60,000'));
  });

  it('pieces are found in order, as close together as the text allows', () => {
    const r = findPieces(TEXT, ['Harbour', 'paid the former minister']);
    expect('found' in r).toBe(true);
    if (!('found' in r)) return;
    // "Harbour" first occurs in "The Harbour Movement" at the top; the match is the one just before "paid".
    expect(TEXT.indexOf('Harbour')).toBeLessThan(TEXT.indexOf('Harbour paid'));
    expect(r.found[0]!.start).toBe(TEXT.indexOf('Harbour paid'));
    expect(TEXT.slice(r.found[0]!.start, r.found[1]!.end)).toBe('Harbour paid the former minister');
  });

  it('pieces out of order are not found, and said to be out of order', () => {
    const r = findPieces(TEXT, ['paid the former minister', 'founded in 1971']);
    expect('missing' in r).toBe(true);
    if (!('missing' in r)) return;
    expect(r.match.outOfOrderAt).toBe(TEXT.indexOf('founded in 1971'));
  });
});

describe('selectors', () => {
  it('TextQuoteSelector: exact, and up to 32 characters of prefix and suffix', () => {
    const start = TEXT.indexOf('Ada Quill');
    const end = start + 'Ada Quill has led the movement'.length;
    const s = selectorsFor(TEXT, start, end);
    expect(s.quote.exact).toBe('Ada Quill has led the movement');
    expect(s.quote.prefix).toBe(TEXT.slice(start - PREFIX_LENGTH, start));
    expect(s.quote.prefix).toHaveLength(32);
    expect(s.quote.suffix).toBe(TEXT.slice(end, end + 32));
    expect(s.position).toEqual({ type: 'TextPositionSelector', start, end });
  });

  it('prefix and suffix stop at the text ends', () => {
    const s = selectorsFor('short text', 0, 5);
    expect(s.quote).toEqual({ type: 'TextQuoteSelector', exact: 'short', prefix: '', suffix: ' text' });
  });

  it('TextPositionSelector counts code points, not UTF-16 units', () => {
    const text = 'A \uD83D\uDE00 smile and a quote here';
    const start = text.indexOf('quote');
    const s = selectorsFor(text, start, start + 5);
    expect(s.position.start).toBe(start - 1); // the emoji is two UTF-16 units, one code point
    expect(codePointToIndex(text, s.position.start)).toBe(start);
    expect(indexToCodePoint(text, start)).toBe(start - 1);
    expect([...text].slice(s.position.start, s.position.end).join('')).toBe('quote');
  });

  it('the quote in context: its sentence and one on either side, from the extracted text', () => {
    const raw = 'First sentence.\nThe group \u201Cpaid\u201D\nthem twice. Third sentence. Fourth one.';
    const doc = { raw, ...normalizeWithMap(raw) };
    const start = doc.text.indexOf('"paid" them');
    const ctx = quoteContext(doc, start, start + '"paid" them'.length, 0);
    expect(ctx).toEqual({ before: 'The group ', exact: '\u201Cpaid\u201D\nthem', after: ' twice. ' });
    const wider = quoteContext(doc, start, start + 4, 1);
    expect(wider.before).toBe('First sentence.\nThe group ');
    expect(wider.exact).toBe('\u201Cpai');
    expect(wider.after).toBe('d\u201D\nthem twice. Third sentence. ');
  });
});

describe('verifyClaimText', () => {
  const doc = { text: TEXT, sha256: sha256Hex(TEXT) };

  it('verified: every piece exact; the selector spans them, with each piece\u2019s offsets', () => {
    const v = verifyClaimText({ quote: 'The Harbour Movement ... founded in 1971' }, doc);
    expect(v.outcome).toBe('verified');
    expect(v.score).toBe(1);
    expect(v.selector!.quote.exact).toBe('The Harbour Movement was founded in 1971');
    expect(v.pieces).toEqual([
      { start: TEXT.indexOf('The Harbour'), end: TEXT.indexOf('The Harbour') + 20 },
      { start: TEXT.indexOf('founded in 1971'), end: TEXT.indexOf('founded in 1971') + 15 },
    ]);
    expect(v.documentSha256).toBe(doc.sha256);
  });

  it('approximate, with the lowest score of its pieces', () => {
    const v = verifyClaimText({ quote: 'Ada Quill has led the movement ... her husband Bram Quill led it' }, doc);
    expect(v.outcome).toBe('approximate');
    // Two commas missing from the 29 characters of the second piece.
    expect(v.score).toBe(Math.round((1 - 2 / 29) * 1000) / 1000);
  });

  it('paraphrase-anchored: the anchor is what is looked for, not the paraphrase', () => {
    const v = verifyClaimText({ quote: 'Quill took over in 2003.', paraphrase: true, anchor: 'Ada Quill has led the movement since 2003' }, doc);
    expect(v).toMatchObject({ outcome: 'paraphrase-anchored', field: 'anchor', score: 1 });
    const missing = verifyClaimText({ quote: 'Quill took over in 2003.', paraphrase: true, anchor: 'Ada Quill has run the movement since 2003' }, doc);
    expect(missing).toMatchObject({ outcome: 'not-found', field: 'anchor', missing: 'Ada Quill has run the movement since 2003' });
    expect(missing.closest!.exact).toBe('Ada Quill has led the movement since 2003');
  });

  it('not-found names the piece missing and the closest passage', () => {
    const v = verifyClaimText({ quote: 'The Harbour Movement ... founded in 1972 by students' }, doc);
    expect(v.outcome).toBe('not-found');
    expect(v.missing).toBe('founded in 1972 by students');
    expect(v.closest).toMatchObject({ exact: 'founded in 1971 by students' });
    expect(v.closest!.score).toBeCloseTo(1 - 1 / 27, 3);
  });

  it('as Neo4j properties: flat, with the names data/README.md lists', () => {
    const found = verificationProps(verifyClaimText({ quote: 'The Harbour Movement ... founded in 1971' }, doc));
    expect(Object.keys(found).sort()).toEqual(
      ['verification', 'verificationScore', 'verificationSha256', 'quoteExact', 'quotePrefix', 'quoteSuffix', 'quoteStart', 'quoteEnd', 'quotePieceStarts', 'quotePieceEnds'].sort(),
    );
    const missed = verificationProps(verifyClaimText({ quote: 'founded in 1972 by students' }, doc));
    expect(missed).toMatchObject({ verification: 'not-found', verificationMissing: 'founded in 1972 by students', verificationClosest: 'founded in 1971 by students' });
    expect(missed).not.toHaveProperty('quoteExact');
    expect(verificationProps(undefined)).toEqual({ verification: 'no-document' });
  });
});
