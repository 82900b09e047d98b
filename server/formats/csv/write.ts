/**
 * CSV: one ZIP (`format: csv` is always a .csv.zip) holding
 * - `nodes.csv`: the selected nodes (sources that are endpoints of edges
 *   included): id, kind, name, labels, then every other property
 *   (aliases, description, ..., datasets, extra properties);
 * - `edges.csv`: one row per claim: id, source, type, target, status,
 *   sourceId, quote, date, start, end, amount, currency, role, purpose,
 *   claimant, citedIn, note, dateMin, dateMax, datasets, extra properties;
 * - `sources.csv`: every source behind the edges: id, title, authors,
 *   publisher, date, url, sourceKind, accessed, citation, description, ...
 *
 * RFC 4180: UTF-8, CRLF line ends, a header row, fields holding a comma, a
 * double quote, CR or LF in double quotes with inner quotes doubled. Lists are
 * joined with `;` (an item that itself contains `;` cannot be told apart:
 * use GraphML or graphology JSON where that matters); booleans are
 * true/false; maps are JSON. Text a spreadsheet would run as a formula gets a
 * leading `'` unless the export is `raw` (cells.ts).
 */
import type { Json } from '../../neo4j/values.ts';
import { AttributeScanner, EDGE_ORDER, NODE_ORDER } from '../attributes.ts';
import type { ExportEdge, ExportMeta, ExportNode, Subgraph } from '../graph.ts';
import { ZipSink } from '../sink.ts';
import { csvField } from './cells.ts';

function csvRow(columns: readonly string[], row: Record<string, Json>, raw: boolean): string {
  return columns.map((c) => csvField(row[c], raw)).join(',') + '\r\n';
}

function nodeRow(n: ExportNode): Record<string, Json> {
  return { ...n.properties, id: n.id, kind: n.kind, name: n.name, labels: n.labels };
}

function edgeRow(e: ExportEdge): Record<string, Json> {
  return { ...e.properties, id: e.id, source: e.source, type: e.type, target: e.target, status: e.status, sourceId: e.sourceId, quote: e.quote };
}

function sourceRow(n: ExportNode): Record<string, Json> {
  const { name: _name, ...props } = n.properties;
  return { ...props, id: n.id, title: n.name };
}

const NODE_COLUMNS = ['id', 'kind', 'name', 'labels', ...NODE_ORDER.filter((c) => !['label', 'kind', 'labels', 'name'].includes(c))];
const EDGE_COLUMNS = ['id', 'source', 'type', 'target', ...EDGE_ORDER.filter((c) => !['label', 'type', 'claimId'].includes(c))];
const SOURCE_COLUMNS = ['id', 'title', 'authors', 'publisher', 'date', 'url', 'sourceKind', 'accessed', 'citation', 'description', 'aliases', 'note', 'kind', 'datasets'];

function columns(scanner: AttributeScanner, order: string[], always: string[]): string[] {
  return [...new Set([...always, ...scanner.specs(order).map((s) => s.name)])];
}

interface Table<T> {
  name: string;
  rows: () => AsyncIterable<T[]>;
  toRow: (t: T) => Record<string, Json>;
  order: string[];
  /** Columns written even when no row has a value. */
  always: string[];
}

async function writeTable<T>(zip: ZipSink, t: Table<T>, raw: boolean): Promise<void> {
  const scanner = new AttributeScanner();
  for await (const batch of t.rows()) for (const x of batch) scanner.add(t.toRow(x));
  const cols = columns(scanner, t.order, t.always);
  const file = zip.entry(t.name);
  await file.write(cols.map((c) => csvField(c, raw)).join(',') + '\r\n');
  for await (const batch of t.rows()) for (const x of batch) await file.write(csvRow(cols, t.toRow(x), raw));
  await file.close();
}

export async function writeCsvZip(sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta): Promise<void> {
  const zip = new ZipSink(out);
  const raw = meta.raw === true;
  // The columns of the data format are always there (empty when no row has a value); others when some row has one.
  await writeTable(zip, { name: 'nodes.csv', rows: () => sub.nodes(), toRow: nodeRow, order: NODE_COLUMNS, always: ['id', 'kind', 'name', 'labels', 'aliases', 'description'] }, raw);
  const edgeAlways = EDGE_COLUMNS.slice(0, EDGE_COLUMNS.indexOf('note') + 1);
  await writeTable(zip, { name: 'edges.csv', rows: () => sub.edges(), toRow: edgeRow, order: EDGE_COLUMNS, always: edgeAlways }, raw);
  const sourceAlways = SOURCE_COLUMNS.slice(0, SOURCE_COLUMNS.indexOf('citation') + 1);
  await writeTable(zip, { name: 'sources.csv', rows: () => sub.sources(), toRow: sourceRow, order: SOURCE_COLUMNS, always: sourceAlways }, raw);
  await zip.end();
}
