/**
 * FollowTheMoney (FtM) entity files, as OCCRP Aleph and OpenSanctions export
 * them: one JSON object per line, `{id, schema, properties: {prop: [values]}}`
 * plus optional top-level keys (`caption`, `datasets`, `referents`,
 * `first_seen`, ...). Each file is read twice as a stream: `indexFtmFile`
 * learns ids, names and schemata (memory grows with the number of entities,
 * not with their size) and decides what becomes what; `readFtmRecords` then
 * yields the same records the native format has.
 *
 * This module: the schemata and how each maps (the tables below), line
 * parsing; prepare.ts: the first pass; read.ts: the records.
 *
 * Mapping (data/README.md has the table):
 * - Person -> person; Organization, Company, PublicBody, LegalEntity ->
 *   organization (`orgType`: classification, else company / public body /
 *   legal entity); Event -> event. Address and Note become a place and a
 *   concept when a relationship record links them, else an Address is folded
 *   into the `address` property of the entities that point at it.
 * - Relationship records -> claims (id = the record's id, `.N` appended when
 *   a record has several endpoints): Payment payer->beneficiary PAID;
 *   Membership member->organization MEMBER_OF; Directorship
 *   director->organization LEADS; Employment employee->employer EMPLOYED_BY;
 *   Ownership owner->asset OWNS; Representation agent->client REPRESENTS;
 *   Associate person->associate ASSOCIATED_WITH; Family person->relative
 *   FAMILY_OF; UnknownLink subject->object ASSOCIATED_WITH. A record whose
 *   role / relationship / programme names a claimgraph relationship type
 *   (`FUNDED`) has that type; its `status` (or `summary`), when a claimgraph
 *   status, is the claim's status, else `reported`; its `description` (or
 *   `summary`) is the quote, else one is written from the record and
 *   `quoteGenerated: true` is set.
 * - Provenance: the record's `proof` document is its source; else its
 *   `sourceUrl` (with `publisher`), else its `publisher`; else a source
 *   standing for the file itself. Documents (Document, Article, Table, ...)
 *   cited by `proof` or linked by a relationship become sources.
 * - Sanction, Passport, Identification and (untyped) Documentation records
 *   are kept as properties (`sanctions`, `identifications`, `documentedIn`)
 *   of the entity they describe; any other schema is skipped and counted.
 * - A record whose endpoint is neither in the file nor in the database, or
 *   is of a schema claimgraph does not model, is skipped and counted.
 * - Every FtM property is kept as a property (a list when it has several
 *   values); `ftm_schema` and the top-level keys (`ftm_datasets`,
 *   `ftm_first_seen`, ...) too.
 * - claimgraph's own FtM export (claim records `claim-<id>` with `recordId`)
 *   is read back losslessly for what it carries: escaped ids are restored,
 *   notes/keywords/summary go back to note, sourceKind, category, placeType.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ID_RE } from '../../model/dataset.ts';
import { SOURCE_KINDS, type SourceKind } from '../../model/kinds.ts';
import { CLAIM_STATUSES } from '../../model/statuses.ts';
import { RELATION_TYPES, type RelationType } from '../../model/vocabulary.ts';
import { hashId } from '../values.ts';
import { ftmEntityId } from './ids.ts';

export type Kind = 'person' | 'organization' | 'event' | 'place' | 'concept';

export const FTM_ENTITY_KINDS: Record<string, Kind> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  PublicBody: 'organization',
  LegalEntity: 'organization',
  Event: 'event',
};

/** Schemata that are entities only when a relationship record links them. */
export const LINKED_KINDS: Record<string, Kind> = { Address: 'place', Note: 'concept' };

export const ORG_TYPES: Record<string, string> = { Company: 'company', PublicBody: 'public body', LegalEntity: 'legal entity' };

export interface FtmEdge {
  source: string;
  target: string;
  type: RelationType;
  /** Role when the record gives none. */
  role?: string;
  /** Only a claim when the record names its claimgraph type (else folded into properties). */
  typedOnly?: boolean;
}

export const FTM_EDGES: Record<string, FtmEdge> = {
  Payment: { source: 'payer', target: 'beneficiary', type: 'PAID' },
  Membership: { source: 'member', target: 'organization', type: 'MEMBER_OF' },
  Directorship: { source: 'director', target: 'organization', type: 'LEADS', role: 'director' },
  Employment: { source: 'employee', target: 'employer', type: 'EMPLOYED_BY' },
  Ownership: { source: 'owner', target: 'asset', type: 'OWNS' },
  Representation: { source: 'agent', target: 'client', type: 'REPRESENTS' },
  Associate: { source: 'person', target: 'associate', type: 'ASSOCIATED_WITH' },
  Family: { source: 'person', target: 'relative', type: 'FAMILY_OF' },
  UnknownLink: { source: 'subject', target: 'object', type: 'ASSOCIATED_WITH' },
  Documentation: { source: 'entity', target: 'document', type: 'ASSOCIATED_WITH', typedOnly: true },
};

/** Document schemata: sources when cited as `proof` or linked by a relationship. */
export const DOCUMENT_KINDS: Record<string, SourceKind> = {
  Document: 'other',
  Pages: 'other',
  Folder: 'other',
  Package: 'other',
  Workbook: 'dataset',
  Table: 'dataset',
  PlainText: 'other',
  HyperText: 'other',
  Image: 'other',
  Video: 'video',
  Audio: 'other',
  Email: 'other',
  Message: 'social-media-post',
  Article: 'news-article',
};

/** Schemata folded into a property of the entity they point at. */
export const ATTACHED: Record<string, { ref: string; prop: string }> = {
  Sanction: { ref: 'entity', prop: 'sanctions' },
  Passport: { ref: 'holder', prop: 'identifications' },
  Identification: { ref: 'holder', prop: 'identifications' },
  Documentation: { ref: 'entity', prop: 'documentedIn' },
};

/** Properties whose values are entity ids (besides relationship endpoints). */
export const REFERENCE_PROPS = new Set(['addressEntity', 'proof', 'parent', 'ancestors', 'holder', 'entity', 'document', 'mainEntity']);

export const NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias'];
export const TYPE_PROPS = ['programme', 'role', 'relationship'];
export const RELATION_SET = new Set<string>(RELATION_TYPES);
export const STATUS_SET = new Set<string>(CLAIM_STATUSES);
export const SOURCE_KIND_SET = new Set<string>(SOURCE_KINDS);

export type Props = Record<string, string[]>;

export interface FtmLine {
  id: string;
  schema: string;
  properties: Props;
  extra: Record<string, unknown>;
}

export function safeId(id: string): string {
  return ID_RE.test(id) ? id : hashId('ftm', id);
}

/** Parses one line; undefined for blank lines. */
export function parseFtmLine(text: string): FtmLine | { error: string } | undefined {
  if (text.trim() === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: 'expected a JSON object on each line' };
  const { id, schema, properties, ...extra } = v as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return { error: 'an FtM entity needs a string "id"' };
  if (typeof schema !== 'string' || schema === '') return { error: 'an FtM entity needs a "schema"' };
  const props: Props = {};
  const edge = FTM_EDGES[schema];
  if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
    for (const [k, raw] of Object.entries(properties as Record<string, unknown>)) {
      const list = (Array.isArray(raw) ? raw : [raw])
        .map((x) => (x && typeof x === 'object' ? (typeof (x as { id?: unknown }).id === 'string' ? (x as { id: string }).id : JSON.stringify(x)) : x))
        .filter((x): x is string | number | boolean => x !== null && x !== undefined && String(x).trim() !== '')
        .map(String);
      const isRef = REFERENCE_PROPS.has(k) || (edge !== undefined && (k === edge.source || k === edge.target));
      if (list.length) props[k] = isRef ? list.map(safeId) : list;
    }
  }
  return { id: safeId(id), schema, properties: props, extra };
}

/** True when a parsed line looks like an FtM entity (format detection). */
export function looksLikeFtm(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  return typeof o.schema === 'string' && typeof o.id === 'string' && (o.properties === undefined || (typeof o.properties === 'object' && o.properties !== null));
}

/** The claimgraph id an FtM id was escaped from by claimgraph's FtM export, if it was. */
export function unescapeClaimgraphId(id: string): string | undefined {
  if (!id.includes('.')) return undefined;
  const body = id.startsWith('0.00') ? id.slice(4) : id;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const m = body[i] === '.' ? /^[0-9a-f]{2}/.exec(body.slice(i + 1, i + 3)) : null;
    if (m) {
      bytes.push(parseInt(m[0], 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(body[i]!));
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
  return decoded !== id && ID_RE.test(decoded) && ftmEntityId(decoded) === id ? decoded : undefined;
}

export async function* lines(file: string): AsyncGenerator<{ lineNo: number; text: string }> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const text of rl) {
    lineNo++;
    yield { lineNo, text: lineNo === 1 ? text.replace(/^\ufeff/, '') : text };
  }
}

export function first(p: Props, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = p[n]?.find((x) => x.trim() !== '');
    if (v !== undefined) return v.trim();
  }
  return undefined;
}

export function recordType(p: Props): RelationType | undefined {
  for (const k of TYPE_PROPS) {
    const t = p[k]?.find((v) => RELATION_SET.has(v));
    if (t) return t as RelationType;
  }
  return undefined;
}

/** What kind of node an id of the file becomes (undefined: none). */
export function scalarOrList(values: string[]): string | string[] {
  return values.length === 1 ? values[0]! : values;
}

export function extraValue(v: unknown): string | number | boolean | (string | number | boolean)[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    const items = v.filter((x) => x !== null && x !== undefined).map((x) => (typeof x === 'object' ? JSON.stringify(x) : (x as string | number | boolean)));
    return items.length && new Set(items.map((x) => typeof x)).size === 1 ? items : items.map(String);
  }
  return JSON.stringify(v);
}


export function stripUndefined(v: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
}
