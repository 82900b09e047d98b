/**
 * CSV datasets, as people make them in spreadsheets: an entities file, a
 * claims file and a sources file, read as streams into the same records the
 * native format has, each with its file, line and column.
 *
 * - Which file is which: by name (`entities.csv`, `claims.csv`, `sources.csv`,
 *   any case; also names containing "entit", "claim", "source", ...), else by
 *   its headers (see `csvRole`).
 * - Delimiter: `,`, `;` or tab, whichever the header line uses most (outside quotes).
 * - Headers match case-insensitively and ignoring spaces, `_`, `-` and `.`;
 *   each field has aliases (COLUMNS, columns.ts). Every other column becomes a
 *   property of the entity or claim (name made safe: `Party affiliation` ->
 *   `partyAffiliation`).
 * - Empty cells are absent values. `aliases` and `authors` split on `;`.
 *   A cell a spreadsheet-safe export prefixed with `'` (cells.ts) is read
 *   without it.
 *   Dates at any ISO precision (timestamps cut to the day). Amounts: see
 *   `parseAmount` (in a `;`-delimited file a single `,` is a decimal comma).
 */
import { createReadStream } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import { displayPath, type DatasetIssue, type RawRecord, type Section } from '../records.ts';
import { hashId, isoDate, normKind, normRelation, parseAmount, splitList, headerKey } from '../values.ts';
import { COMPUTED, detectDelimiter, mapColumns, readHead, requiredMissing, roleFromHeaders, type Column, type Target } from './columns.ts';
import { unneutralize } from './cells.ts';

function toBool(s: string): boolean | string {
  const v = s.toLowerCase();
  if (['true', 'yes', 'y', '1', 'x'].includes(v)) return true;
  if (['false', 'no', 'n', '0'].includes(v)) return false;
  return s;
}

/** Start line of a record from csv-parse's info (`lines` is the line the record ends on). */
function startLine(endLine: number, raw: string | undefined): number {
  if (!raw) return endLine;
  const body = raw.replace(/^(?:\r?\n|\r)+/, '').replace(/(?:\r?\n|\r)$/, '');
  return endLine - (body.match(/\r\n|\r|\n/g)?.length ?? 0);
}

export interface CsvReadOptions {
  role?: Section;
  /** Ignore rows of kind "source" in an entities file (a sources file has them). */
  skipSourceRows?: boolean;
  onIssue: (i: DatasetIssue) => void;
}

/** The records of one CSV file, streamed. */
export async function* readCsvRecords(file: string, opts: CsvReadOptions): AsyncGenerator<RawRecord> {
  const shown = displayPath(file);
  const { onIssue } = opts;
  const delimiter = detectDelimiter(await readHead(file, 16384));
  const parser = createReadStream(file).pipe(
    parse({ bom: true, delimiter, info: true, raw: true, skip_empty_lines: true, relax_column_count: true, skip_records_with_empty_values: true }),
  );
  let columns: Column[] | undefined;
  let role = opts.role;
  let index = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw?: string; info: { lines: number } }>) {
      const line = startLine(item.info.lines, item.raw);
      if (!columns) {
        role ??= roleFromHeaders(item.record);
        if (!role) {
          onIssue({
            file: shown,
            line,
            message: 'cannot tell whether this CSV file holds entities, claims or sources: name it entities.csv, claims.csv or sources.csv',
          });
          return;
        }
        columns = mapColumns(item.record, role);
        const missing = requiredMissing(columns, role);
        if (missing.length) {
          onIssue({
            file: shown,
            line,
            message: `no column for ${missing.map((m) => `"${m}"`).join(', ')} (headers: ${columns.map((c) => c.header).join(', ')})`,
          });
          return;
        }
        continue;
      }
      const rec = toRecord(item.record, columns, role!, { file: shown, line, index, decimalComma: delimiter === ';', onIssue });
      if (opts.skipSourceRows && role === 'entities' && rec.section === 'sources') continue;
      index++;
      yield rec;
    }
  } catch (err) {
    const e = err as CsvError & { lines?: number };
    onIssue({ file: shown, line: typeof e.lines === 'number' ? e.lines : undefined, message: `not valid CSV: ${e.message}` });
  }
}

interface RowContext {
  file: string;
  line: number;
  index: number;
  decimalComma: boolean;
  onIssue: (i: DatasetIssue) => void;
}

/** A cell as the value of a field of type `as` (amounts: setAmount). */
function convert(as: Target | undefined, cell: string): unknown {
  switch (as) {
    case 'list':
      return splitList(cell);
    case 'date':
      return isoDate(cell) ?? cell;
    case 'int':
      return /^-?\d+$/.test(cell.replace(/[\s,']/g, '')) ? Number(cell.replace(/[\s,']/g, '')) : cell;
    case 'bool':
      return toBool(cell);
    case 'upper':
      return cell.toUpperCase();
    case 'lower':
      return cell.toLowerCase();
    case 'relation':
      return normRelation(cell);
    case 'kind':
      return normKind(cell);
    default:
      return cell;
  }
}

/** An amount cell: its value, and its currency when the cell names one and no currency column does. */
function setAmount(
  value: Record<string, unknown>,
  cell: string,
  field: string,
  cells: string[],
  columns: Column[],
  decimalComma: boolean,
  issue: (message: string) => void,
): void {
  const a = parseAmount(cell, { decimalComma });
  if ('error' in a) return issue(a.error);
  value[field] = a.value;
  const currencyColumn = columns.some((x) => x.specs.some((s) => s.field === 'currency') && (cells[x.index] ?? '').trim());
  if (a.currency && value.currency === undefined && !currencyColumn) value.currency = a.currency;
  if (!a.currency && /\$/.test(cell) && !currencyColumn) issue(`"$" names no single currency: give the currency (USD, CAD, AUD, ...) in a currency column`);
}

function toRecord(cells: string[], columns: Column[], role: Section, ctx: RowContext): RawRecord {
  const value: Record<string, unknown> = {};
  const properties: Record<string, string> = {};
  const columnOfField = new Map<string, string>();
  let section: Section = role;
  // The kind decides which kind-specific columns are fields (entities file).
  let kind: string | undefined;
  if (role === 'entities') {
    const kindCol = columns.find((c) => c.specs.some((s) => s.field === 'kind'));
    const raw = kindCol ? cells[kindCol.index]?.trim() : undefined;
    if (raw) kind = normKind(raw);
    if (kind === 'source') section = 'sources';
  }
  const issueAt = (c: Column, field: string, message: string) =>
    ctx.onIssue({ file: ctx.file, record: `${section}[${ctx.index}]`, line: ctx.line, field, column: c.header, message });

  for (const c of columns) {
    const cell = unneutralize((cells[c.index] ?? '').trim()).trim();
    if (cell === '') continue;
    const spec = c.specs.find((s) => !s.kinds || (kind !== undefined && s.kinds.includes(kind)));
    if (!spec) {
      if (!COMPUTED.has(headerKey(c.header)) && !(role === 'sources' && headerKey(c.header) === 'kind')) properties[c.property] = cell;
      continue;
    }
    columnOfField.set(spec.field, c.header);
    if (spec.as === 'amount') setAmount(value, cell, spec.field, cells, columns, ctx.decimalComma, (m) => issueAt(c, spec.field, m));
    else value[spec.field] = convert(spec.as, cell);
  }
  // `kind` in a sources file only says "source".
  if (section === 'sources') {
    if (role === 'sources') {
      const k = value.kind;
      delete value.kind;
      if (typeof k === 'string' && k !== 'source' && value.sourceKind === undefined) value.sourceKind = k;
    } else {
      value.kind = 'source';
    }
  }
  if (Object.keys(properties).length) value.properties = properties;
  if (section === 'claims' && value.id === undefined) {
    // A row without an id gets one made from what it says, stable across imports.
    value.id = hashId('claim', String(value.from), String(value.type), String(value.to), String(value.sourceId), String(value.quote));
  }
  const line = ctx.line;
  return {
    section,
    file: ctx.file,
    index: ctx.index,
    line,
    value,
    lineOf: () => line,
    columnOf: (p) => {
      const head = p[0];
      if (head === 'properties' && typeof p[1] === 'string') return columns.find((c) => c.property === p[1])?.header;
      return typeof head === 'string' ? columnOfField.get(head) : undefined;
    },
  };
}
