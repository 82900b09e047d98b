/**
 * The server's side of the quote in context and the source view, without
 * Neo4j (server/reads/quote-context.ts, server/reads/documents.ts): context
 * cut from a document and each piece's place in it, why there is none, and
 * where documents are looked for (never outside the folders).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeWithMap, sha256Hex } from '../../server/provenance/normalize.ts';
import { verifyClaimText, verificationProps } from '../../server/provenance/verify-claim.ts';
import { locateDocument, safeDocumentName, serverDocumentFolders } from '../../server/reads/documents.ts';
import { CONTEXT_CHARS, contextOf, noContextReason, rawPieces, type StoredQuote } from '../../server/reads/quote-context.ts';

function docOf(raw: string) {
  const n = normalizeWithMap(raw);
  return { file: 'doc.txt', raw, ...n, sha256: sha256Hex(n.text) };
}

/** What the importer stores on a claim, verified against the document. */
function stored(doc: ReturnType<typeof docOf>, quote: string): StoredQuote {
  return verificationProps(verifyClaimText({ quote, paraphrase: false }, doc)) as unknown as StoredQuote;
}

const RAW = 'First sentence here.\nThe Trust paid “the Council”\ntwice — it said. Third one follows. Fourth is far.';

describe('the quote in context', () => {
  it('is the sentence around the quote and one on either side, as the document has it, the quote marked', () => {
    const doc = docOf(RAW);
    const q = stored(doc, 'The Trust paid "the Council" twice');
    expect(q.verification).toBe('verified');
    const ctx = contextOf(doc, q);
    expect(ctx.text).toBe('First sentence here.\nThe Trust paid “the Council”\ntwice — it said. Third one follows. ');
    expect(ctx.highlights).toHaveLength(1);
    const h = ctx.highlights[0]!;
    expect(ctx.text.slice(h.start, h.end)).toBe('The Trust paid “the Council”\ntwice');
    expect([ctx.clippedStart, ctx.clippedEnd]).toEqual([false, false]);
  });

  it('marks each verbatim piece of a quote joined by "..."', () => {
    const doc = docOf(RAW);
    const q = stored(doc, 'The Trust paid ... it said');
    const ctx = contextOf(doc, q);
    expect(ctx.highlights.map((h) => ctx.text.slice(h.start, h.end))).toEqual(['The Trust paid', 'it said']);
    expect(rawPieces(doc, q).map((p) => RAW.slice(p.start, p.end))).toEqual(['The Trust paid', 'it said']);
  });

  it('cuts a very long sentence to CONTEXT_CHARS on either side and says so', () => {
    const long = `${'word '.repeat(400)}the quote itself ${'more '.repeat(400)}end.`;
    const doc = docOf(long);
    const ctx = contextOf(doc, stored(doc, 'the quote itself'));
    expect(ctx.clippedStart && ctx.clippedEnd).toBe(true);
    expect(ctx.text.length).toBeLessThanOrEqual(2 * CONTEXT_CHARS + 'the quote itself'.length);
    expect(ctx.text.slice(ctx.highlights[0]!.start, ctx.highlights[0]!.end)).toBe('the quote itself');
  });

  it('says why there is none: not checked, not found, no copy, a changed copy', () => {
    const doc = docOf(RAW);
    const q = stored(doc, 'Third one follows');
    expect(noContextReason(doc, q)).toBeNull();
    expect(noContextReason(undefined, q)).toBe('document-missing');
    expect(noContextReason(docOf(`${RAW} An added line.`), q)).toBe('document-changed');
    expect(noContextReason(doc, { verification: 'no-document' })).toBe('not-checked');
    expect(noContextReason(doc, stored(doc, 'Words that are not there at all'))).toBe('not-found');
  });
});

describe('where the server finds documents', () => {
  it('takes only bare file names from the data', () => {
    for (const bad of ['../secret.txt', '..', '.env', 'a/b.txt', 'a\\b.txt', '/etc/passwd', '', 'x\u0000.txt']) expect(safeDocumentName(bad), bad).toBe(false);
    for (const good of ['seed-analysis.txt', 'Report 2019 (final).pdf']) expect(safeDocumentName(good), good).toBe(true);
  });

  it('looks in DOCUMENTS_DIR, then the default dataset’s documents/, by the file the source names or by its id', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'claimgraph-docs-'));
    const extra = path.join(root, 'extra');
    const dataset = path.join(root, 'dataset');
    mkdirSync(extra);
    mkdirSync(path.join(dataset, 'documents'), { recursive: true });
    writeFileSync(path.join(extra, 'named.txt'), 'x');
    writeFileSync(path.join(dataset, 'documents', 'src-a.md'), 'x');
    writeFileSync(path.join(root, 'outside.txt'), 'x');
    const folders = serverDocumentFolders({ DOCUMENTS_DIR: extra, DEFAULT_DATASET: dataset });
    expect(folders).toEqual([extra, path.join(dataset, 'documents')]);
    expect(locateDocument(folders, 'src-b', 'named.txt')).toBe(path.join(extra, 'named.txt'));
    expect(locateDocument(folders, 'src-a', null)).toBe(path.join(dataset, 'documents', 'src-a.md'));
    expect(locateDocument(folders, 'src-c', '../outside.txt')).toBeUndefined();
    expect(locateDocument(folders, '../outside', null)).toBeUndefined();
    expect(serverDocumentFolders({ DOCUMENTS_DIR: undefined, DEFAULT_DATASET: path.join(root, 'none') })).toEqual([]);
  });
});
