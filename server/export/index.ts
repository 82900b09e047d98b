/**
 * Exports: a selection of the graph in one of seven formats, streamed.
 *
 * `prepareExport` resolves the selection (and so fails with a normal API error
 * - 404 for ids that do not exist, 403/400/408 for a refused or failed Cypher
 * query - before any byte is written); `write` then streams the file.
 * `writeExport` does both.
 *
 * Every format keeps each edge's claim id, type, status, quote and source id,
 * and carries the `:Source` nodes behind the edges (see select.ts and each
 * format's module for its mapping).
 */
import type { Deps } from '../kernel/deps.ts';
import type { ExportFormat, ExportRequest, Selection } from '../kernel/contract.ts';
import type { z } from 'zod';
import { writeCsvZip } from './csv.ts';
import { writeCypherScript } from './cypher-script.ts';
import { writeFtm } from './ftm.ts';
import { writeGexf } from './gexf.ts';
import { writeGraphml } from './graphml.ts';
import { writeGraphology } from './graphology.ts';
import { writeMarkdown } from './markdown.ts';
import type { ExportMeta } from './meta.ts';
import { resolveSelection, selectionSlug, type Subgraph } from './select.ts';

export type ExportRequestInput = z.output<typeof ExportRequest>;

type Writer = (sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta) => Promise<void>;

const WRITERS: Record<ExportFormat, Writer> = {
  graphology: writeGraphology,
  gexf: writeGexf,
  graphml: writeGraphml,
  csv: writeCsvZip,
  cypher: writeCypherScript,
  ftm: writeFtm,
  markdown: writeMarkdown,
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
  graphology: 'application/json; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  csv: 'application/zip',
  cypher: 'text/plain; charset=utf-8',
  ftm: 'application/x-ndjson; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};

export const EXTENSIONS: Record<ExportFormat, string> = {
  graphology: '.json',
  gexf: '.gexf',
  graphml: '.graphml',
  csv: '.csv.zip',
  cypher: '.cypher',
  ftm: '.ftm.json',
  markdown: '.md',
};

/** Every content type an export can have (for the OpenAPI document). */
export const EXPORT_CONTENT_TYPES = [...new Set(Object.values(CONTENT_TYPES).map((t) => t.split(';')[0]!))];

export function contentTypeFor(format: ExportFormat): string {
  return CONTENT_TYPES[format];
}

/**
 * The download's file name: `claimgraph-<selection>.<ext>`, e.g.
 * `claimgraph-mek-neighborhood-depth1.gexf`, `claimgraph-all.csv.zip`; or the
 * requested name (letters, digits, `_ . -`), given the format's extension
 * when it has none.
 */
export function filenameFor(format: ExportFormat, selection: Selection, requested?: string): string {
  if (requested) return requested.includes('.') ? requested : `${requested}${EXTENSIONS[format]}`;
  return `claimgraph-${selectionSlug(selection)}${EXTENSIONS[format]}`;
}

export interface PreparedExport {
  format: ExportFormat;
  filename: string;
  contentType: string;
  /** Streams the export; rejects when the stream closes early. */
  write(out: NodeJS.WritableStream): Promise<void>;
}

export async function prepareExport(deps: Deps, req: ExportRequestInput): Promise<PreparedExport> {
  const sub = await resolveSelection(deps, req.selection);
  const meta: ExportMeta = { format: req.format, selection: req.selection, exportedAt: new Date().toISOString() };
  return {
    format: req.format,
    filename: filenameFor(req.format, req.selection, req.filename),
    contentType: contentTypeFor(req.format),
    write: (out) => WRITERS[req.format](sub, out, meta),
  };
}

/** Resolves the selection and streams the export to `out` (which it does not end). */
export async function writeExport(deps: Deps, req: ExportRequestInput, out: NodeJS.WritableStream): Promise<void> {
  const prepared = await prepareExport(deps, req);
  await prepared.write(out);
}
