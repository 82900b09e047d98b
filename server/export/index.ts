/**
 * Exports: a selection of the graph in one of the registry's export formats
 * (server/formats/index.ts: each format's writer, content type and
 * extension), streamed.
 *
 * `prepareExport` resolves the selection (and so fails with a normal API error
 * - 404 for ids that do not exist, 403/400/408 for a refused or failed Cypher
 * query - before any byte is written); `write` then streams the file.
 * `writeExport` does both.
 *
 * Every format keeps each edge's claim id, type, status, quote and source id,
 * and carries the `:Source` nodes behind the edges (see select.ts and each
 * format's writer for its mapping).
 */
import type { z } from 'zod';
import { EXPORTERS, exporter } from '../formats/index.ts';
import type { ExportMeta } from '../formats/graph.ts';
import type { ExportFormat, ExportRequest, Selection } from '../kernel/contract.ts';
import type { Deps } from '../kernel/deps.ts';
import { resolveSelection, selectionSlug } from './select.ts';

export { ClientGone } from '../formats/sink.ts';

export type ExportRequestInput = z.output<typeof ExportRequest>;

/** Every content type an export can have (for the OpenAPI document). */
export const EXPORT_CONTENT_TYPES = [...new Set(EXPORTERS.map((f) => f.writer.contentType.split(';')[0]!))];

export function contentTypeFor(format: ExportFormat): string {
  return exporter(format).writer.contentType;
}

/**
 * The download's file name: `claimgraph-<selection>.<ext>`, e.g.
 * `claimgraph-mek-neighborhood-depth1.gexf`, `claimgraph-all.csv.zip`; or the
 * requested name (letters, digits, `_ . -`), given the format's extension
 * when it has none.
 */
export function filenameFor(format: ExportFormat, selection: Selection, requested?: string): string {
  const ext = exporter(format).writer.extension;
  if (requested) return requested.includes('.') ? requested : `${requested}${ext}`;
  return `claimgraph-${selectionSlug(selection)}${ext}`;
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
  const meta: ExportMeta = { format: req.format, selection: req.selection, exportedAt: new Date().toISOString(), raw: req.raw, view: req.view };
  const { writer } = exporter(req.format);
  return {
    format: req.format,
    filename: filenameFor(req.format, req.selection, req.filename),
    contentType: writer.contentType,
    write: (out) => writer.write(sub, out, meta),
  };
}

/** Resolves the selection and streams the export to `out` (which it does not end). */
export async function writeExport(deps: Deps, req: ExportRequestInput, out: NodeJS.WritableStream): Promise<void> {
  const prepared = await prepareExport(deps, req);
  await prepared.write(out);
}
