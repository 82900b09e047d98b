/**
 * The ids of the file formats, as the API contract (server/kernel, which
 * imports only the model) and the client (types only) need them. Each
 * format itself lives in server/formats/<id>/ and is listed in the registry
 * (server/formats/index.ts); tests/unit/formats.test.ts fails when a
 * registry entry and these lists disagree. Export ids are in menu order.
 */
export const EXPORT_FORMAT_IDS = ['gexf', 'graphml', 'graphology', 'csv', 'cypher', 'ftm', 'markdown', 'native'] as const;
export type ExportFormat = (typeof EXPORT_FORMAT_IDS)[number];

export const IMPORT_FORMAT_IDS = ['native', 'csv', 'ftm', 'gexf', 'graphml'] as const;
export type ImportFormat = (typeof IMPORT_FORMAT_IDS)[number];

export type FormatId = ExportFormat | ImportFormat;

/** Export formats that draw the client's view (positions, colours, sizes: the request's `view`). */
export const VIEW_FORMATS: readonly ExportFormat[] = ['gexf', 'graphml'];

/** Export formats whose text cells are neutralized for spreadsheets unless the request says `raw`. */
export const RAW_FORMATS: readonly ExportFormat[] = ['csv'];
