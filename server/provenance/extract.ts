/**
 * The text of a source document, by its extension:
 *
 * - `.txt`: the file as UTF-8 (a byte-order mark dropped);
 * - `.html`, `.htm`: html-to-text (no word wrap, headings as written, link
 *   targets, images, scripts and styles left out);
 * - `.md`, `.markdown`: rendered by marked, then read as HTML (so `*emphasis*`,
 *   links and list markers do not stand between a quote's words);
 * - `.pdf`: the text layer, page after page, by unpdf (PDF.js for servers).
 *
 * The dataset's `document.sha256` is of this text once normalized
 * (normalize.ts), so changing these options changes every recorded hash:
 * data/README.md documents them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HtmlToTextOptions } from 'html-to-text';

/** Extensions a document may have, in the order `<sourceId>.<ext>` is looked for. */
export const DOCUMENT_EXTENSIONS = ['txt', 'md', 'html', 'htm', 'pdf'] as const;
const MARKDOWN = new Set(['.md', '.markdown']);
const HTML = new Set(['.html', '.htm', '.xhtml']);

const HTML_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    // No bullet: a quote of a list item does not include one (an empty prefix would mean the default).
    { selector: 'ul', options: { itemPrefix: ' ' } },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'block' },
  ],
};

/** A document that cannot be read as text (an unknown extension, a broken PDF). */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

// The libraries are loaded when a document of their kind is read: most
// imports have no documents, and PDF.js alone takes a while to load.

export async function htmlText(html: string): Promise<string> {
  const { htmlToText } = await import('html-to-text');
  return htmlToText(html, HTML_OPTIONS);
}

export async function markdownText(md: string): Promise<string> {
  const { marked } = await import('marked');
  return htmlText(await marked.parse(md, { async: true, gfm: true }));
}

export async function pdfBytesText(bytes: Uint8Array): Promise<string> {
  const { extractText: pdfText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  try {
    const { text } = await pdfText(pdf, { mergePages: false });
    return text.join('\n');
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/**
 * The extracted (not yet normalized) text of a document file.
 *
 * @example
 *   const text = await extractDocumentText('documents/src-report.pdf');
 */
export async function extractDocumentText(file: string): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  try {
    if (ext === '.pdf') return await pdfBytesText(new Uint8Array(await readFile(file)));
    const text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
    if (HTML.has(ext)) return await htmlText(text);
    if (MARKDOWN.has(ext)) return await markdownText(text);
    if (ext === '.txt' || ext === '.text' || ext === '') return text;
  } catch (err) {
    throw new DocumentError(`${file}: cannot read its text: ${(err as Error).message}`);
  }
  throw new DocumentError(`${file}: unknown document type "${ext}" (use .txt, .md, .html, .htm or .pdf)`);
}
