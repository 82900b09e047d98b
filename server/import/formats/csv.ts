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
 *   each field has aliases (COLUMNS below). Every other column becomes a
 *   property of the entity or claim (name made safe: `Party affiliation` ->
 *   `partyAffiliation`).
 * - Empty cells are absent values. `aliases` and `authors` split on `;`.
 *   Dates at any ISO precision (timestamps cut to the day). Amounts: see
 *   `parseAmount` (in a `;`-delimited file a single `,` is a decimal comma).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parse, type CsvError } from 'csv-parse';
import type { DatasetIssue } from '../errors.ts';
import { displayPath, type RawRecord, type Section } from '../read.ts';
import { hashId, headerKey, isoDate, parseAmount, propertyName, splitList } from './values.ts';

type Target = 'core' | 'list' | 'date' | 'amount' | 'int' | 'bool' | 'upper' | 'lower' | 'relation' | 'kind';

interface FieldSpec {
  field: string;
  aliases: string[];
  as?: Target;
  /** Only for these entity kinds (entities file); other rows keep the column as a property. */
  kinds?: string[];
}

const COMMON_ENTITY: FieldSpec[] = [
  { field: 'id', aliases: ['id', 'entityid', 'identifier'] },
  { field: 'name', aliases: ['name', 'label', 'entityname', 'title'] },
  { field: 'aliases', aliases: ['aliases', 'alias', 'aka', 'othernames', 'alsoknownas'], as: 'list' },
  { field: 'description', aliases: ['description', 'desc'] },
  { field: 'anonymous', aliases: ['anonymous'], as: 'bool' },
  { field: 'note', aliases: ['note', 'notes'] },
];

const SOURCE_FIELDS: FieldSpec[] = [
  { field: 'sourceKind', aliases: ['sourcekind', 'sourcetype', 'documenttype', 'doctype'], as: 'lower' },
  { field: 'authors', aliases: ['authors', 'author', 'by'], as: 'list' },
  { field: 'publisher', aliases: ['publisher', 'publication', 'outlet'] },
  { field: 'date', aliases: ['date', 'published', 'publishedat', 'publicationdate', 'pubdate'], as: 'date' },
  { field: 'url', aliases: ['url', 'link', 'href', 'sourceurl'] },
  { field: 'accessed', aliases: ['accessed', 'accessdate', 'retrieved', 'retrievedat', 'accessedat'], as: 'date' },
  { field: 'citation', aliases: ['citation', 'reference', 'bibliography'] },
];

const COLUMNS: Record<Section, FieldSpec[]> = {
  entities: [
    ...COMMON_ENTITY,
    { field: 'kind', aliases: ['kind', 'type', 'entitytype', 'entitykind'], as: 'kind' },
    { field: 'born', aliases: ['born', 'birthdate', 'dateofbirth', 'dob'], as: 'date', kinds: ['person'] },
    { field: 'died', aliases: ['died', 'deathdate', 'dateofdeath'], as: 'date', kinds: ['person'] },
    { field: 'nationality', aliases: ['nationality'], kinds: ['person'] },
    { field: 'founded', aliases: ['founded', 'foundingdate', 'incorporationdate', 'established'], as: 'date', kinds: ['organization'] },
    { field: 'dissolved', aliases: ['dissolved', 'dissolutiondate'], as: 'date', kinds: ['organization'] },
    { field: 'country', aliases: ['country', 'jurisdiction'], kinds: ['organization', 'place'] },
    { field: 'orgType', aliases: ['orgtype', 'organizationtype', 'organisationtype'], kinds: ['organization'] },
    { field: 'count', aliases: ['count'], as: 'int', kinds: ['organization'] },
    { field: 'date', aliases: ['date'], as: 'date', kinds: ['event'] },
    { field: 'start', aliases: ['start', 'startdate'], as: 'date', kinds: ['event'] },
    { field: 'end', aliases: ['end', 'enddate'], as: 'date', kinds: ['event'] },
    { field: 'placeType', aliases: ['placetype'], kinds: ['place'] },
    { field: 'category', aliases: ['category'], kinds: ['concept'] },
    // A source listed among the entities (kind "source").
    ...SOURCE_FIELDS.map((f) => ({ ...f, kinds: ['source'] })),
  ],
  sources: [...COMMON_ENTITY, { field: 'kind', aliases: ['kind'], as: 'lower' }, ...SOURCE_FIELDS],
  claims: [
    { field: 'id', aliases: ['id', 'claimid'] },
    { field: 'type', aliases: ['type', 'relation', 'relationship', 'relationtype', 'relationshiptype', 'predicate', 'claimtype'], as: 'relation' },
    { field: 'from', aliases: ['from', 'fromid', 'sourceentity', 'sourceentityid', 'subject', 'subjectid', 'fromentity'] },
    { field: 'to', aliases: ['to', 'toid', 'target', 'targetid', 'targetentity', 'targetentityid', 'object', 'objectid', 'toentity'] },
    { field: 'sourceId', aliases: ['sourceid', 'source', 'sourcedocument', 'document', 'documentid', 'sourcedocumentid'] },
    { field: 'status', aliases: ['status', 'claimstatus'], as: 'lower' },
    { field: 'quote', aliases: ['quote', 'passage', 'excerpt', 'evidence', 'quotation'] },
    { field: 'claimant', aliases: ['claimant', 'claimedby', 'saidby'] },
    { field: 'citedIn', aliases: ['citedin', 'citedby'] },
    { field: 'date', aliases: ['date'], as: 'date' },
    { field: 'start', aliases: ['start', 'startdate', 'from date', 'since'].map(headerKey), as: 'date' },
    { field: 'end', aliases: ['end', 'enddate', 'until'], as: 'date' },
    { field: 'role', aliases: ['role'] },
    { field: 'amount', aliases: ['amount', 'value', 'sum'], as: 'amount' },
    { field: 'currency', aliases: ['currency', 'currencycode'], as: 'upper' },
    { field: 'purpose', aliases: ['purpose'] },
    { field: 'note', aliases: ['note', 'notes'] },
  ],
};

/** Columns an export writes that are computed on import; they are not kept as properties. */
const COMPUTED = new Set(['datasets', 'datemin', 'datemax', 'labels']);

const KIND_SYNONYMS: Record<string, string> = { organisation: 'organization', org: 'organization', company: 'organization', people: 'person' };

export type Delimiter = ',' | ';' | '\t';

/** The delimiter the header line uses most, outside quotes (`,` on a tie). */
export function detectDelimiter(head: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of head.replace(/^\ufeff/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

async function readHead(file: string, bytes = 65536): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** The header cells of a CSV file (empty when it has none). */
export async function csvHeaders(file: string): Promise<string[]> {
  const head = await readHead(file);
  const delimiter = detectDelimiter(head);
  const firstRecord = firstLogicalLine(head.replace(/^\ufeff/, ''));
  try {
    const rows = await new Promise<string[][]>((resolve, reject) => {
      const p = parse({ delimiter, relax_column_count: true, relax_quotes: true, to_line: 1 });
      const out: string[][] = [];
      p.on('readable', () => {
        let r: string[] | null;
        while ((r = p.read() as string[] | null) !== null) out.push(r);
      });
      p.on('error', reject);
      p.on('end', () => resolve(out));
      p.end(firstRecord);
    });
    return rows[0] ?? [];
  } catch {
    return [];
  }
}

function firstLogicalLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i);
  }
  return text;
}

const NAME_ROLES: [RegExp, Section][] = [
  [/claim|edge|relation|link|statement/i, 'claims'],
  [/source|document|reference|citation|bibliograph/i, 'sources'],
  [/entit|node|actor|people|person|organi[sz]ation|compan/i, 'entities'],
];

/**
 * Which section a CSV file holds: by its name first (`claims.csv`,
 * `Sources.CSV`, `my-entities.csv`), else by its headers (from/to columns:
 * claims; a url, publisher, author or sourceKind column: sources; else
 * entities when it has an id and a name or kind).
 */
export async function csvRole(file: string): Promise<Section | undefined> {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  for (const s of ['entities', 'claims', 'sources'] as const) if (base.toLowerCase() === s) return s;
  for (const [re, s] of NAME_ROLES) if (re.test(base)) return s;
  return roleFromHeaders(await csvHeaders(file));
}

export function roleFromHeaders(headers: string[]): Section | undefined {
  const keys = new Set(headers.map(headerKey));
  const has = (section: Section, field: string) => COLUMNS[section].find((f) => f.field === field)!.aliases.some((a) => keys.has(a));
  if ((has('claims', 'from') || sourceIsSubject(keys)) && has('claims', 'to')) return 'claims';
  if (has('sources', 'sourceKind') || has('sources', 'url') || has('sources', 'authors') || has('sources', 'publisher')) return 'sources';
  if (keys.has('id') && (keys.has('name') || keys.has('kind'))) return 'entities';
  return undefined;
}

interface Column {
  index: number;
  header: string;
  specs: FieldSpec[];
  property: string;
}

/**
 * `source` names the source document, except in a claims file that has a
 * `target` column and no other column for the claim's subject: there (the
 * graph convention, and claimgraph's own CSV export) it is the subject.
 */
function sourceIsSubject(keys: Set<string>): boolean {
  const from = COLUMNS.claims.find((f) => f.field === 'from')!.aliases;
  return keys.has('source') && keys.has('target') && !from.some((a) => keys.has(a));
}

function mapColumns(headers: string[], role: Section): Column[] {
  const used = new Set<string>();
  const taken = new Set<string>();
  const keys = new Set(headers.map(headerKey));
  const subject = role === 'claims' && sourceIsSubject(keys);
  return headers.map((header, index) => {
    const key = subject && headerKey(header) === 'source' ? 'from' : headerKey(header);
    // A field is taken by the first column naming it; later duplicates are properties.
    const specs = COLUMNS[role].filter((f) => f.aliases.includes(key) && !taken.has(`${f.field}|${(f.kinds ?? []).join()}`));
    specs.forEach((f) => taken.add(`${f.field}|${(f.kinds ?? []).join()}`));
    let property = propertyName(header);
    for (let n = 2; used.has(property); n++) property = `${propertyName(header)}_${n}`;
    used.add(property);
    return { index, header: header.replace(/^\ufeff/, '').trim(), specs, property };
  });
}

function toBool(s: string): boolean | string {
  const v = s.toLowerCase();
  if (['true', 'yes', 'y', '1', 'x'].includes(v)) return true;
  if (['false', 'no', 'n', '0'].includes(v)) return false;
  return s;
}

function normKind(s: string): string {
  const v = s.trim().toLowerCase();
  return KIND_SYNONYMS[v] ?? v;
}

function normRelation(s: string): string {
  return s.trim().toUpperCase().replace(/[\s-]+/g, '_');
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

function requiredMissing(columns: Column[], role: Section): string[] {
  const have = new Set(columns.flatMap((c) => c.specs.map((s) => s.field)));
  const required = role === 'claims' ? ['type', 'from', 'to', 'sourceId', 'status', 'quote'] : ['id', 'name'];
  return required.filter((f) => !have.has(f));
}

interface RowContext {
  file: string;
  line: number;
  index: number;
  decimalComma: boolean;
  onIssue: (i: DatasetIssue) => void;
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
    const cell = (cells[c.index] ?? '').trim();
    if (cell === '') continue;
    const spec = c.specs.find((s) => !s.kinds || (kind !== undefined && s.kinds.includes(kind)));
    if (!spec) {
      if (!COMPUTED.has(headerKey(c.header)) && !(role === 'sources' && headerKey(c.header) === 'kind')) properties[c.property] = cell;
      continue;
    }
    columnOfField.set(spec.field, c.header);
    switch (spec.as) {
      case 'list':
        value[spec.field] = splitList(cell);
        break;
      case 'date':
        value[spec.field] = isoDate(cell) ?? cell;
        break;
      case 'int':
        value[spec.field] = /^-?\d+$/.test(cell.replace(/[\s,']/g, '')) ? Number(cell.replace(/[\s,']/g, '')) : cell;
        break;
      case 'bool':
        value[spec.field] = toBool(cell);
        break;
      case 'upper':
        value[spec.field] = cell.toUpperCase();
        break;
      case 'lower':
        value[spec.field] = cell.toLowerCase();
        break;
      case 'relation':
        value[spec.field] = normRelation(cell);
        break;
      case 'kind':
        value[spec.field] = normKind(cell);
        break;
      case 'amount': {
        const a = parseAmount(cell, { decimalComma: ctx.decimalComma });
        if ('error' in a) issueAt(c, spec.field, a.error);
        else {
          value[spec.field] = a.value;
          if (a.currency && value.currency === undefined && !columns.some((x) => x.specs.some((s) => s.field === 'currency') && (cells[x.index] ?? '').trim())) {
            value.currency = a.currency;
          }
          if (!a.currency && /\$/.test(cell) && !columns.some((x) => x.specs.some((s) => s.field === 'currency') && (cells[x.index] ?? '').trim())) {
            issueAt(c, spec.field, `"$" names no single currency: give the currency (USD, CAD, AUD, ...) in a currency column`);
          }
        }
        break;
      }
      default:
        value[spec.field] = cell;
    }
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
