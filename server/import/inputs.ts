/**
 * The format layer of the importer: which files a dataset has, what format
 * each is in (the readers of the format registry, server/formats/, each say
 * how sure they are), and one record stream for all of them. Every reader
 * yields the same `RawRecord`s (with file, line and column), so validation,
 * reference checks, writing, progress and the summary are shared.
 */
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { DATA_EXTENSIONS, IMPORTERS, importer, IMPORT_FORMATS, type DataInput } from '../formats/index.ts';
import { aliasFolder, displayPath, type DatasetIssue, type RawRecord } from '../formats/records.ts';
import type { FileProbe } from '../formats/types.ts';
import type { ImportFormat } from '../model/formats.ts';
import { DOCUMENTS_FOLDER } from '../provenance/documents.ts';

/** The import formats' ids (`--format`). */
export const FORMATS = IMPORT_FORMATS;
export type Format = ImportFormat;
export type { DataInput } from '../formats/index.ts';

/** A dataset folder's own description, not data. */
export const META_FILES = ['dataset.yaml', 'dataset.yml', 'dataset.json'];

/** What the second and later passes over the inputs need from the first: each file's prepared state (FtM index, parsed graph file). */
export interface InputContext {
  state: Map<string, unknown>;
}

async function probe(file: string): Promise<FileProbe> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '');
    const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
    return { file, name: path.basename(file).toLowerCase(), firstLine, head: text.slice(0, 4096) };
  } finally {
    await fh.close();
  }
}

/**
 * The format of one file: the reader most sure of it (by content, then by
 * name, then the native format as the fallback), ties by registry order.
 */
export async function detectFormat(file: string): Promise<Format> {
  const p = await probe(file);
  let best: { id: Format; score: number } = { id: 'native', score: 0 };
  for (const f of IMPORTERS) {
    const score = f.reader.detect(p);
    if (score > best.score) best = { id: f.id, score };
  }
  return best.id;
}

function isDataFile(name: string): boolean {
  const lower = name.toLowerCase();
  return DATA_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export interface InputList {
  inputs: DataInput[];
  /** The folder, when the target is one (for a ZIP archive: where it was extracted). */
  folder: string | undefined;
  issues: DatasetIssue[];
  /** Removes what was extracted (ZIP archives). */
  cleanup?: () => Promise<void>;
}

/**
 * Extracts a ZIP archive (e.g. claimgraph's CSV export) to a temporary
 * folder; file names in messages read `archive.zip:entities.csv`.
 */
async function extractZip(file: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const entries = unzipSync(new Uint8Array(await readFile(file)));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-zip-'));
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const target = path.resolve(dir, name);
    if (!target.startsWith(dir + path.sep)) continue; // no paths outside the folder
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
  }
  const unalias = aliasFolder(dir, file);
  return {
    dir,
    cleanup: async () => {
      unalias();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The data files of a folder (recursive, sorted, without dataset.yaml), or the one file given. */
export async function listInputs(target: string, format?: Format): Promise<InputList> {
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
    try {
      const x = await extractZip(target);
      cleanup = x.cleanup;
      const list = await listInputs(x.dir, format);
      return { ...list, cleanup };
    } catch (err) {
      await cleanup?.();
      return { inputs: [], folder: undefined, issues: [{ file: displayPath(target), message: `not a readable ZIP archive: ${(err as Error).message}` }] };
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
        else if (isDataFile(e.name) && !(dir === target && META_FILES.includes(e.name))) files.push(full);
      }
    };
    await walk(target);
  } else {
    files.push(target);
  }
  const { inputs, issues } = await planInputs(files, format);
  return { inputs, folder, issues };
}

/** Each file's format (given or detected) and what its reader's first look finds; ordered as the readers ask. */
async function planInputs(files: string[], format: Format | undefined): Promise<{ inputs: DataInput[]; issues: DatasetIssue[] }> {
  const issues: DatasetIssue[] = [];
  const inputs: DataInput[] = [];
  for (const file of files) {
    const f = format ?? (await detectFormat(file));
    const look = (await importer(f).reader.inspect?.(file)) ?? {};
    if ('issue' in look) issues.push(look.issue);
    else inputs.push({ ...look, file, format: f });
  }
  for (const f of IMPORTERS) f.reader.arrange?.(inputs.filter((i) => i.format === f.id));
  const order = (i: DataInput) => importer(i.format).reader.order?.(i) ?? 0;
  inputs.sort((a, b) => order(a) - order(b));
  return { inputs, issues };
}

/** Every record of one input, whatever its format. */
export function readInputRecords(input: DataInput, ctx: InputContext, onIssue: (i: DatasetIssue) => void): AsyncGenerator<RawRecord> {
  const { reader } = importer(input.format);
  if (reader.prepare && !ctx.state.has(input.file)) throw new Error(`internal: ${input.file} was not prepared`);
  return reader.records(input, ctx.state.get(input.file), onIssue);
}
