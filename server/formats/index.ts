/**
 * The format registry: one line per format. Each format is a folder
 * (server/formats/<id>/) whose index.ts exports its descriptor (types.ts):
 * reader and/or writer, label, content type, extension. The importer's
 * detection and record stream (server/import/inputs.ts), the export's
 * writers and file names (server/export/index.ts), the CLI's `--format`
 * choices and, through the ids in server/model/formats.ts (which a unit test
 * holds to this list), the API contract and the client's export menu follow
 * from it.
 *
 * Adding a format: a folder with its descriptor, a line here, its id in
 * server/model/formats.ts (an export format also gets a label in the
 * client's menu, client/src/export/types.ts, which the compiler asks for).
 */
import { EXPORT_FORMAT_IDS, IMPORT_FORMAT_IDS, type ExportFormat, type ImportFormat } from '../model/formats.ts';
import { csv } from './csv/index.ts';
import { cypher } from './cypher/index.ts';
import { ftm } from './ftm/index.ts';
import { gexf } from './gexf/index.ts';
import { graphml } from './graphml/index.ts';
import { graphology } from './graphology/index.ts';
import { markdown } from './markdown/index.ts';
import { native } from './native/index.ts';
import type { ExportDescriptor, FormatDescriptor, ImportDescriptor } from './types.ts';

/** Every format; detection breaks ties between equally sure readers in this order. */
export const FORMATS: readonly FormatDescriptor[] = [
  native,
  csv,
  ftm,
  gexf,
  graphml,
  graphology,
  cypher,
  markdown,
];

/** The formats that can be imported, in registry order. */
export const IMPORTERS: readonly ImportDescriptor[] = FORMATS.filter((f): f is ImportDescriptor => f.reader !== undefined);

/** The formats that can be exported, in menu order (server/model/formats.ts). */
export const EXPORTERS: readonly ExportDescriptor[] = EXPORT_FORMAT_IDS.map((id) => FORMATS.find((f): f is ExportDescriptor => f.id === id && f.writer !== undefined)).filter(
  (f): f is ExportDescriptor => f !== undefined,
);

export function importer(id: ImportFormat): ImportDescriptor {
  const f = IMPORTERS.find((x) => x.id === id);
  if (!f) throw new Error(`internal: no reader for format "${id}"`);
  return f;
}

export function exporter(id: ExportFormat): ExportDescriptor {
  const f = EXPORTERS.find((x) => x.id === id);
  if (!f) throw new Error(`internal: no writer for format "${id}"`);
  return f;
}

/** The ids of the import formats (CLI `--format` choices). */
export const IMPORT_FORMATS: readonly ImportFormat[] = IMPORT_FORMAT_IDS.filter((id) => IMPORTERS.some((f) => f.id === id));

/** File name endings a dataset folder's files are read for. */
export const DATA_EXTENSIONS: readonly string[] = [...new Set(IMPORTERS.flatMap((f) => f.reader.extensions))];

export type { DataInput, ExportDescriptor, FormatDescriptor, ImportDescriptor, ReaderOptions } from './types.ts';
