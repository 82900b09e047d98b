/**
 * The columns of CSV datasets: which header names each field of the model
 * (COLUMNS, with aliases), which file holds which section (`csvRole`), and
 * the delimiter a file uses. The reader (read.ts) turns rows into records.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Section } from '../records.ts';
import { headerKey, propertyName } from '../values.ts';

export type Target = 'core' | 'list' | 'date' | 'amount' | 'int' | 'bool' | 'upper' | 'lower' | 'relation' | 'kind';

export interface FieldSpec {
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

export const COLUMNS: Record<Section, FieldSpec[]> = {
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
    { field: 'paraphrase', aliases: ['paraphrase'], as: 'bool' },
    { field: 'anchor', aliases: ['anchor', 'verbatim'] },
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
export const COMPUTED = new Set(['datasets', 'datemin', 'datemax', 'labels']);

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

export async function readHead(file: string, bytes = 65536): Promise<string> {
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

export interface Column {
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

export function mapColumns(headers: string[], role: Section): Column[] {
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

export function requiredMissing(columns: Column[], role: Section): string[] {
  const have = new Set(columns.flatMap((c) => c.specs.map((s) => s.field)));
  const required = role === 'claims' ? ['type', 'from', 'to', 'sourceId', 'status', 'quote'] : ['id', 'name'];
  return required.filter((f) => !have.has(f));
}

