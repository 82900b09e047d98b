/**
 * Text extraction from source documents made here (not downloaded): a PDF
 * written with pdf-lib, an HTML page, a Markdown file; then a quote found in
 * each, and the failures a user can get (unknown type, a broken PDF).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentError, extractDocumentText } from '../../server/provenance/extract.ts';
import { findDocument, loadDocument } from '../../server/provenance/documents.ts';
import { documentHash, normalize } from '../../server/provenance/normalize.ts';
import { verifyClaimText } from '../../server/provenance/verify-claim.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-extract-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function makePdf(file: string): Promise<void> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page1 = doc.addPage();
  page1.drawText('The Harbour Movement, a Report', { x: 50, y: 760, size: 16, font });
  page1.drawText('The Friends of the Harbour paid the former minister', { x: 50, y: 720, size: 11, font });
  page1.drawText('20,000 dollars to speak at the June 2019 rally.', { x: 50, y: 706, size: 11, font });
  page1.drawText('A spokesman called it \u201Centirely ordinary\u201D \u2014 nothing more.', { x: 50, y: 680, size: 11, font });
  const page2 = doc.addPage();
  page2.drawText('Members were forbidden to speak to outsiders.', { x: 50, y: 760, size: 11, font });
  await writeFile(file, await doc.save());
}

describe('PDF', () => {
  it('extracts the text layer of every page, in order', async () => {
    const file = path.join(dir, 'report.pdf');
    await makePdf(file);
    const text = normalize(await extractDocumentText(file));
    expect(text).toContain('The Harbour Movement, a Report');
    expect(text).toContain('A spokesman called it "entirely ordinary" - nothing more.');
    expect(text.indexOf('rally.')).toBeLessThan(text.indexOf('Members were forbidden'));
  });

  it('a quote over two lines of the page is verified, and the document hash is stable', async () => {
    const file = path.join(dir, 'report.pdf');
    const doc = await loadDocument(file);
    const v = verifyClaimText({ quote: 'The Friends of the Harbour paid the former minister 20,000 dollars to speak at the June 2019 rally.' }, doc);
    expect(v.outcome).toBe('verified');
    expect(doc.sha256).toBe(documentHash(await extractDocumentText(file)));
    expect((await loadDocument(file)).sha256).toBe(doc.sha256);
  });

  it('a file that is not a PDF is a DocumentError naming the file', async () => {
    const file = path.join(dir, 'broken.pdf');
    await writeFile(file, 'this is not a PDF at all');
    await expect(extractDocumentText(file)).rejects.toThrow(DocumentError);
    await expect(extractDocumentText(file)).rejects.toThrow(/broken\.pdf: cannot read its text/);
  });
});

describe('HTML', () => {
  const PAGE = `<!doctype html>
<html><head><title>Harbour watch</title>
<style>p { color: red }</style>
<script>var hidden = "the movement paid everyone";</script></head>
<body>
  <nav><a href="/">Home</a></nav>
  <h1>What the Friends are for</h1>
  <p>The <em>Friends</em> of the <strong>Harbour</strong> act, in our judgment,
     as a front for the movement &amp; its leader.</p>
  <p>They share its offices at <a href="https://example.org/camp">Camp Windward</a>.</p>
  <ul><li>first point</li><li>second point</li></ul>
  <img src="x.png" alt="a picture">
</body></html>`;

  it('extracts the text without markup, scripts, styles or link targets; headings as written', async () => {
    const file = path.join(dir, 'page.html');
    await writeFile(file, PAGE);
    const text = normalize(await extractDocumentText(file));
    expect(text).toContain('What the Friends are for');
    expect(text).toContain('The Friends of the Harbour act, in our judgment, as a front for the movement & its leader.');
    expect(text).toContain('They share its offices at Camp Windward.');
    expect(text).toContain('first point second point');
    expect(text).not.toMatch(/hidden|color|example\.org|x\.png|<|\*/);
  });

  it('a quote across inline markup and a line break of the source is verified', async () => {
    const doc = await loadDocument(path.join(dir, 'page.html'));
    expect(verifyClaimText({ quote: 'The Friends of the Harbour act, in our judgment, as a front for the movement' }, doc).outcome).toBe('verified');
  });
});

describe('Markdown and plain text', () => {
  it('Markdown is read without its markup', async () => {
    const file = path.join(dir, 'notes.md');
    await writeFile(file, '# Notes\n\nThe **Friends** paid [the minister](https://example.org) in *June*.\n\n- a point\n');
    const text = normalize(await extractDocumentText(file));
    expect(text).toContain('The Friends paid the minister in June.');
    expect(text).not.toMatch(/\*|\[|example\.org|#/);
  });

  it('plain text is read as UTF-8, without a byte-order mark', async () => {
    const file = path.join(dir, 'plain.txt');
    await writeFile(file, '\uFEFFCaf\u00E9 \u201Cquoted\u201D\r\ntext');
    expect(await extractDocumentText(file)).toBe('Caf\u00E9 \u201Cquoted\u201D\r\ntext');
  });

  it('an unknown extension is a DocumentError saying which types work', async () => {
    const file = path.join(dir, 'report.docx');
    await writeFile(file, 'x');
    await expect(extractDocumentText(file)).rejects.toThrow(/unknown document type "\.docx" \(use \.txt, \.md, \.html, \.htm or \.pdf\)/);
  });
});

describe('finding a source document', () => {
  it('by document.file, else by <sourceId>.<ext>, in the folders in order', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(a);
    await mkdir(b);
    await writeFile(path.join(b, 'src-x.html'), '<p>x</p>');
    await writeFile(path.join(b, 'named.txt'), 'x');
    await writeFile(path.join(a, 'named.txt'), 'x');
    expect(findDocument('src-x', undefined, [a, b])).toBe(path.join(b, 'src-x.html'));
    expect(findDocument('src-x', { file: 'named.txt' }, [a, b])).toBe(path.join(a, 'named.txt'));
    expect(findDocument('src-y', undefined, [a, b])).toBeUndefined();
  });
});
