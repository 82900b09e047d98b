/**
 * Source documents: where a source's document is, and its text ready for
 * matching. A document is looked for in the `--documents` folder first, then
 * in the dataset's own `documents/` folder, under the name the source's
 * `document.file` gives, else as `<sourceId>.<ext>` (txt, md, html, htm, pdf).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SourceDocument } from '../model/dataset.ts';
import { DOCUMENT_EXTENSIONS, extractDocumentText } from './extract.ts';
import { normalizeWithMap, sha256Hex, type NormalizedText } from './normalize.ts';

/** The folder name of a dataset's own documents (never read as data). */
export const DOCUMENTS_FOLDER = 'documents';

export interface LoadedDocument extends NormalizedText {
  /** The file it was read from. */
  file: string;
  /** The extracted text (before normalization). */
  raw: string;
  /** SHA-256 of the normalized text (hex). */
  sha256: string;
}

/**
 * The folders to look in, in order: `--documents`, then `<dataset>/documents/`
 * (only when the dataset is a folder). Folders that do not exist are left out.
 */
export function documentFolders(opts: { documents?: string; datasetFolder?: string }): string[] {
  const out: string[] = [];
  const isDir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  if (opts.documents && isDir(opts.documents)) out.push(opts.documents);
  if (opts.datasetFolder) {
    const own = path.join(opts.datasetFolder, DOCUMENTS_FOLDER);
    if (isDir(own) && !out.some((d) => path.resolve(d) === path.resolve(own))) out.push(own);
  }
  return out;
}

/** The names a source's document may have, in the order they are tried. */
export function candidateNames(sourceId: string, document?: Pick<SourceDocument, 'file'>): string[] {
  return document?.file ? [document.file] : DOCUMENT_EXTENSIONS.map((ext) => `${sourceId}.${ext}`);
}

/**
 * The file of a source's document, or undefined when none of the folders has it.
 *
 * @example
 *   findDocument('seed-analysis', { file: 'seed-analysis.txt', sha256: '…' }, ['../shared/sources'])
 *   // => '../shared/sources/seed-analysis.txt'
 */
export function findDocument(sourceId: string, document: Pick<SourceDocument, 'file'> | undefined, folders: string[]): string | undefined {
  for (const folder of folders) {
    for (const name of candidateNames(sourceId, document)) {
      const file = path.join(folder, name);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/** Reads, extracts and normalizes a document (throws DocumentError when it cannot be read). */
export async function loadDocument(file: string): Promise<LoadedDocument> {
  const raw = await extractDocumentText(file);
  const n = normalizeWithMap(raw);
  return { file, raw, ...n, sha256: sha256Hex(n.text) };
}
