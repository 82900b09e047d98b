/**
 * The server's copies of source documents, for the quote in context and the
 * source view. Where they are looked for (data/README.md, "Source documents
 * and verification"), in order:
 *
 *   1. DOCUMENTS_DIR (the configuration), when set;
 *   2. the `documents/` folder of DEFAULT_DATASET (the dataset `npm start`
 *      imports), resolved from the project's root.
 *
 * The server does not remember where other datasets were imported from (the
 * CLI may have imported them from anywhere, and a dataset's folder is not
 * data the API reads): their documents are served from DOCUMENTS_DIR. A
 * source's document is its `documentFile` (a bare file name; anything with a
 * directory part is refused, so data cannot point the server at other files),
 * else `<sourceId>.<ext>`, as the importer looks for it. Extracted and
 * normalized copies are kept in memory (a few, checked against the file's
 * size and modification time).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { apiError } from '../kernel/errors.ts';
import { candidateNames, documentFolders, loadDocument, type LoadedDocument } from '../provenance/documents.ts';
import { DocumentError } from '../provenance/extract.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Documents larger than this (bytes) are not read for the API (extraction would hold the server). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const CACHE_SIZE = 8;

const cache = new Map<string, { mtimeMs: number; size: number; doc: LoadedDocument }>();

/** The folders the server looks in for documents (see the module comment). */
export function serverDocumentFolders(config: Pick<Config, 'DOCUMENTS_DIR' | 'DEFAULT_DATASET'>): string[] {
  const documents = config.DOCUMENTS_DIR ? path.resolve(ROOT, config.DOCUMENTS_DIR) : undefined;
  return documentFolders({ documents, datasetFolder: path.resolve(ROOT, config.DEFAULT_DATASET) });
}

/** A file name the data may give: no directory part, no dot first, no control characters. */
export function safeDocumentName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && path.basename(name) === name && !name.startsWith('.') && !/[\\/]/.test(name) && ![...name].some((ch) => ch.charCodeAt(0) < 0x20);
}

/** The file of a source's document among the folders, or undefined. */
export function locateDocument(folders: string[], sourceId: string, documentFile: string | null | undefined): string | undefined {
  const names = candidateNames(sourceId, documentFile ? { file: documentFile } : undefined).filter(safeDocumentName);
  for (const folder of folders) {
    for (const name of names) {
      const file = path.join(folder, name);
      try {
        if (statSync(file).isFile()) return file;
      } catch {
        // not in this folder
      }
    }
  }
  return undefined;
}

/**
 * A source's document, extracted and normalized (cached), or undefined when
 * the server has no copy. A copy too big or unreadable is a 413 or 422 naming it.
 */
export async function sourceDocument(config: Pick<Config, 'DOCUMENTS_DIR' | 'DEFAULT_DATASET'>, sourceId: string, documentFile: string | null | undefined): Promise<LoadedDocument | undefined> {
  const file = locateDocument(serverDocumentFolders(config), sourceId, documentFile);
  if (!file) return undefined;
  const st = statSync(file);
  if (st.size > MAX_DOCUMENT_BYTES) throw apiError('PAYLOAD_TOO_LARGE', `the document of source "${sourceId}" (${path.basename(file)}) is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) {
    // Most recently used last.
    cache.delete(file);
    cache.set(file, hit);
    return hit.doc;
  }
  let doc: LoadedDocument;
  try {
    doc = await loadDocument(file);
  } catch (e) {
    if (e instanceof DocumentError) throw apiError('QUERY_FAILED', `the document of source "${sourceId}" (${path.basename(file)}) cannot be read: ${e.message.replace(file, path.basename(file))}`);
    throw e;
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, doc });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return doc;
}
