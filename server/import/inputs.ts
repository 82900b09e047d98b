/**
 * The format layer: which files a dataset has, what format each is in, and
 * one record stream for all of them. Native YAML/JSON/JSONL, CSV and
 * FollowTheMoney all yield the same `RawRecord`s (with file, line and column),
 * so validation, reference checks, writing, progress and the summary are
 * shared.
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetIssue } from './errors.ts';
import { csvRole, readCsvRecords } from './formats/csv.ts';
import { looksLikeFtm, readFtmRecords, type FtmIndex } from './formats/ftm.ts';
import { DOCUMENTS_FOLDER } from '../provenance/documents.ts';
import { extractZip, ZIP_LIMITS, ZipLimitError, type ZipLimits } from './zip.ts';
import { aliasFolder, displayPath, META_FILES, readFileRecords, type RawRecord, type Section } from './read.ts';

export const FORMATS = ['native', 'csv', 'ftm'] as const;
export type Format = (typeof FORMATS)[number];

export interface DataInput {
  file: string;
  format: Format;
  /** For CSV: which section the file holds. */
  role?: Section;
  /** For a CSV entities file next to a sources file: rows of kind "source" are read from the sources file only. */
  skipSourceRows?: boolean;
  /** The sections the file holds, once validation has read it (the writer reads it only for those). */
  sections?: Section[];
}

/** What the second and later passes over the inputs need from the first. */
export interface InputContext {
  ftm: Map<string, FtmIndex>;
}

const DATA_EXT = /\.(ya?ml|json|jsonl|ndjson|ijson|ftm|csv|tsv)$/i;

async function firstLine(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '');
    return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  } finally {
    await fh.close();
  }
}

/**
 * The format of one file, from its content: a first line that is a JSON
 * object with `schema` and `id` is FollowTheMoney; one with `record` (or a
 * YAML/JSON document) is native; `.csv`/`.tsv` files are CSV.
 */
export async function detectFormat(file: string): Promise<Format> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.yaml' || ext === '.yml') return 'native';
  const line = (await firstLine(file)).trim();
  if (line.startsWith('{')) {
    try {
      if (looksLikeFtm(JSON.parse(line))) return 'ftm';
    } catch {
      // a JSON document spread over lines
    }
    return ext === '.ijson' || ext === '.ftm' ? 'ftm' : 'native';
  }
  if (ext === '.ijson' || ext === '.ftm') return 'ftm';
  return 'native';
}

export interface InputList {
  inputs: DataInput[];
  /** The folder, when the target is one (for a ZIP archive: where it was extracted). */
  folder: string | undefined;
  issues: DatasetIssue[];
  /** Removes what was extracted (ZIP archives). */
  cleanup?: () => Promise<void>;
  /** ZIP entries not extracted (names outside the archive's folder), reported in the notes. */
  skippedEntries?: string[];
}

/** The data files of a folder (recursive, sorted, without dataset.yaml), or the one file given. */
export async function listInputs(target: string, format?: Format, zipLimits: Partial<ZipLimits> = {}): Promise<InputList> {
  let st;
  try {
    st = await stat(target);
  } catch {
    return { inputs: [], folder: undefined, issues: [{ file: displayPath(target), message: 'no such file or folder' }] };
  }
  const files: string[] = [];
  let folder: string | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  if (!st.isDirectory() && /\.zip$/i.test(target)) {
    let x;
    try {
      x = await extractZip(target, { ...ZIP_LIMITS, ...zipLimits });
    } catch (err) {
      const why = err instanceof ZipLimitError ? `refused: the archive ${err.message}` : `not a readable ZIP archive: ${(err as Error).message}`;
      return { inputs: [], folder: undefined, issues: [{ file: displayPath(target), message: why }] };
    }
    const unalias = aliasFolder(x.dir, target);
    cleanup = async () => {
      unalias();
      await x.cleanup();
    };
    try {
      const list = await listInputs(x.dir, format);
      return { ...list, cleanup, skippedEntries: x.skipped };
    } catch (err) {
      await cleanup();
      throw err;
    }
  }
  if (st.isDirectory()) {
    folder = target;
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        // A dataset's source documents (server/provenance) are not data, whatever their extension.
        if (dir === target && e.isDirectory() && e.name === DOCUMENTS_FOLDER) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (DATA_EXT.test(e.name) && !(dir === target && META_FILES.includes(e.name))) files.push(full);
      }
    };
    await walk(target);
  } else {
    files.push(target);
  }
  const issues: DatasetIssue[] = [];
  const inputs: DataInput[] = [];
  for (const file of files) {
    const f = format ?? (await detectFormat(file));
    if (f === 'csv') {
      const role = await csvRole(file);
      if (!role) {
        issues.push({ file: displayPath(file), line: 1, message: 'cannot tell whether this CSV file holds entities, claims or sources: name it entities.csv, claims.csv or sources.csv' });
        continue;
      }
      inputs.push({ file, format: f, role });
    } else {
      inputs.push({ file, format: f });
    }
  }
  if (inputs.some((i) => i.format === 'csv' && i.role === 'sources')) {
    for (const i of inputs) if (i.format === 'csv' && i.role === 'entities') i.skipSourceRows = true;
  }
  // CSV entities before sources before claims, so references read in order.
  const order = (i: DataInput) => (i.format !== 'csv' ? 0 : i.role === 'entities' ? 0 : i.role === 'sources' ? 1 : 2);
  inputs.sort((a, b) => order(a) - order(b));
  return { inputs, folder, issues };
}

/** Every record of one input, whatever its format. */
export function readInputRecords(input: DataInput, ctx: InputContext, onIssue: (i: DatasetIssue) => void): AsyncGenerator<RawRecord> {
  switch (input.format) {
    case 'csv':
      return readCsvRecords(input.file, { role: input.role, skipSourceRows: input.skipSourceRows, onIssue });
    case 'ftm': {
      const idx = ctx.ftm.get(input.file);
      if (!idx) throw new Error(`internal: ${input.file} was not indexed`);
      return readFtmRecords(idx, onIssue);
    }
    default:
      return readFileRecords(input.file, onIssue);
  }
}
