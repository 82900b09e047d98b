/**
 * FollowTheMoney (FtM) entity files, as OCCRP Aleph and OpenSanctions export
 * them: one JSON object per line, `{id, schema, properties: {prop: [values]}}`
 * plus optional top-level keys (`caption`, `datasets`, `referents`,
 * `first_seen`, ...). Each file is read twice as a stream: `indexFtmFile`
 * learns ids, names and schemata (memory grows with the number of entities,
 * not with their size) and decides what becomes what; `readFtmRecords` then
 * yields the same records the native format has.
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
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ftmClaimId, ftmEntityId } from '../../formats/ftm/ids.ts';
import { ID_RE } from '../../model/dataset.ts';
import { SOURCE_KINDS, type SourceKind } from '../../model/kinds.ts';
import { CLAIM_STATUSES } from '../../model/statuses.ts';
import { RELATION_TYPES, type RelationType } from '../../model/vocabulary.ts';
import type { DatasetIssue } from '../errors.ts';
import { emptyNotes, MAX_EXAMPLES, type DatasetNotes } from '../notes.ts';
import { displayPath, type RawRecord } from '../read.ts';
import { hashId, idFrom, isHttpUrl, isoDate, parseAmount, propertyName } from './values.ts';

type Kind = 'person' | 'organization' | 'event' | 'place' | 'concept';

export const FTM_ENTITY_KINDS: Record<string, Kind> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  PublicBody: 'organization',
  LegalEntity: 'organization',
  Event: 'event',
};

/** Schemata that are entities only when a relationship record links them. */
const LINKED_KINDS: Record<string, Kind> = { Address: 'place', Note: 'concept' };

const ORG_TYPES: Record<string, string> = { Company: 'company', PublicBody: 'public body', LegalEntity: 'legal entity' };

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
const DOCUMENT_KINDS: Record<string, SourceKind> = {
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
const ATTACHED: Record<string, { ref: string; prop: string }> = {
  Sanction: { ref: 'entity', prop: 'sanctions' },
  Passport: { ref: 'holder', prop: 'identifications' },
  Identification: { ref: 'holder', prop: 'identifications' },
  Documentation: { ref: 'entity', prop: 'documentedIn' },
};

/** Properties whose values are entity ids (besides relationship endpoints). */
const REFERENCE_PROPS = new Set(['addressEntity', 'proof', 'parent', 'ancestors', 'holder', 'entity', 'document', 'mainEntity']);

const NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias'];
const TYPE_PROPS = ['programme', 'role', 'relationship'];
const RELATION_SET = new Set<string>(RELATION_TYPES);
const STATUS_SET = new Set<string>(CLAIM_STATUSES);
const SOURCE_KIND_SET = new Set<string>(SOURCE_KINDS);

type Props = Record<string, string[]>;

interface FtmLine {
  id: string;
  schema: string;
  properties: Props;
  extra: Record<string, unknown>;
}

function safeId(id: string): string {
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

interface EdgeInfo {
  id: string;
  schema: string;
  from: string[];
  to: string[];
}

export interface FtmIndex {
  file: string;
  dataset: string;
  /** The file is claimgraph's own FtM export. */
  claimgraphExport: boolean;
  /** id -> schema, for every entity in the file. */
  schemaOf: Map<string, string>;
  /** id -> display name (entities and documents). */
  nameOf: Map<string, string>;
  /** Address id -> its text. */
  addressText: Map<string, string>;
  /** entity id -> property -> values folded in from attached records. */
  attached: Map<string, Record<string, string[]>>;
  /** Document ids that become sources. */
  sourceDocs: Set<string>;
  /** Address and Note ids that become places and concepts. */
  linked: Set<string>;
  /** Records folded into an imported entity's properties. */
  folded: Set<string>;
  /** Relationship record id -> why it is skipped (absent: it becomes claims). */
  edgeSkip: Map<string, string>;
  /** Ids not in the file that the database has. */
  knownElsewhere: Set<string>;
  notes: DatasetNotes;
}

export interface FtmIndexOptions {
  dataset: string;
  knownIds?: (ids: string[]) => Promise<Set<string>>;
}

async function* lines(file: string): AsyncGenerator<{ lineNo: number; text: string }> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const text of rl) {
    lineNo++;
    yield { lineNo, text: lineNo === 1 ? text.replace(/^\ufeff/, '') : text };
  }
}

function first(p: Props, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = p[n]?.find((x) => x.trim() !== '');
    if (v !== undefined) return v.trim();
  }
  return undefined;
}

function displayName(e: FtmLine): string {
  const caption = typeof e.extra.caption === 'string' && e.extra.caption.trim() ? e.extra.caption.trim() : undefined;
  const person = [first(e.properties, 'firstName'), first(e.properties, 'lastName')].filter(Boolean).join(' ');
  // OpenSanctions' caption is the display name it chose among the names.
  if (caption && e.properties.name?.includes(caption)) return caption;
  return first(e.properties, 'name', 'title', 'fileName', 'full') ?? caption ?? (person || `${e.schema} ${e.id}`);
}

function addressOf(e: FtmLine): string {
  const p = e.properties;
  return first(p, 'full') ?? [first(p, 'street'), first(p, 'postalCode'), first(p, 'city'), first(p, 'region'), first(p, 'country')].filter(Boolean).join(', ');
}

function attachedText(e: FtmLine): string {
  const p = e.properties;
  switch (e.schema) {
    case 'Sanction': {
      const what = [first(p, 'authority'), first(p, 'program', 'programId')].filter(Boolean).join(': ');
      const span = [first(p, 'startDate', 'listingDate'), first(p, 'endDate')].filter(Boolean).join(' to ');
      return [what || 'sanction', span ? `(${span})` : '', first(p, 'reason') ? `- ${first(p, 'reason')}` : ''].filter(Boolean).join(' ');
    }
    case 'Documentation':
      return first(p, 'document') ?? e.id;
    default: {
      const number = first(p, 'number', 'passportNumber') ?? '';
      const extra = [first(p, 'type'), first(p, 'country'), first(p, 'authority')].filter(Boolean).join(', ');
      return `${e.schema} ${number}${extra ? ` (${extra})` : ''}`.trim();
    }
  }
}

/** The claimgraph relationship type a record names in role / relationship / programme. */
function recordType(p: Props): RelationType | undefined {
  for (const k of TYPE_PROPS) {
    const t = p[k]?.find((v) => RELATION_SET.has(v));
    if (t) return t as RelationType;
  }
  return undefined;
}

/** What kind of node an id of the file becomes (undefined: none). */
function nodeRole(idx: FtmIndex, id: string): 'entity' | 'source' | undefined {
  const schema = idx.schemaOf.get(id);
  if (schema === undefined) return undefined;
  if (FTM_ENTITY_KINDS[schema] || (LINKED_KINDS[schema] && idx.linked.has(id))) return 'entity';
  if (DOCUMENT_KINDS[schema] && idx.sourceDocs.has(id)) return 'source';
  return undefined;
}

/** First pass over a file: ids, names, what becomes what, what is skipped and dangling. */
export async function indexFtmFile(file: string, opts: FtmIndexOptions): Promise<FtmIndex> {
  const idx: FtmIndex = {
    file,
    dataset: opts.dataset,
    claimgraphExport: false,
    schemaOf: new Map(),
    nameOf: new Map(),
    addressText: new Map(),
    attached: new Map(),
    sourceDocs: new Set(),
    linked: new Set(),
    folded: new Set(),
    edgeSkip: new Map(),
    knownElsewhere: new Set(),
    notes: emptyNotes(),
  };
  const refs: { from: string; prop: string; id: string }[] = [];
  const edges: EdgeInfo[] = [];
  const pendingAttach: { from: string; target: string; prop: string; text: string }[] = [];
  for await (const { text } of lines(file)) {
    const e = parseFtmLine(text);
    if (!e || 'error' in e) continue;
    if (idx.schemaOf.has(e.id)) continue; // a duplicate id: validation reports it
    idx.schemaOf.set(e.id, e.schema);
    if (FTM_ENTITY_KINDS[e.schema] || LINKED_KINDS[e.schema] || DOCUMENT_KINDS[e.schema]) idx.nameOf.set(e.id, displayName(e));
    if (e.schema === 'Address') idx.addressText.set(e.id, addressOf(e));
    let edge = FTM_EDGES[e.schema];
    if (edge?.typedOnly && !recordType(e.properties)) edge = undefined;
    for (const [prop, values] of Object.entries(e.properties)) {
      if (REFERENCE_PROPS.has(prop) || (edge && (prop === edge.source || prop === edge.target))) {
        for (const id of values) refs.push({ from: e.id, prop, id });
      }
      if (prop === 'proof') for (const id of values) idx.sourceDocs.add(id);
    }
    if (edge) {
      edges.push({ id: e.id, schema: e.schema, from: e.properties[edge.source] ?? [], to: e.properties[edge.target] ?? [] });
      const rid = e.properties.recordId?.[0];
      if (rid && e.id === ftmClaimId(rid)) idx.claimgraphExport = true;
    } else {
      const att = ATTACHED[e.schema];
      if (att) {
        for (const target of e.properties[att.ref] ?? []) pendingAttach.push({ from: e.id, target, prop: att.prop, text: attachedText(e) });
        if (e.schema === 'Documentation') for (const d of e.properties.document ?? []) idx.sourceDocs.add(d);
      }
    }
  }

  // References to ids not in the file: the database may have them.
  const missing = [...new Set(refs.map((r) => r.id).filter((id) => !idx.schemaOf.has(id)))];
  if (missing.length && opts.knownIds) {
    for (let i = 0; i < missing.length; i += 10_000) {
      const batch = missing.slice(i, i + 10_000);
      const known = await opts.knownIds(batch.map((id) => ourId(idx, id)));
      for (const id of batch) if (known.has(ourId(idx, id))) idx.knownElsewhere.add(id);
    }
  }
  const dangling = new Set<string>();
  for (const r of refs) {
    if (idx.schemaOf.has(r.id) || idx.knownElsewhere.has(r.id)) continue;
    dangling.add(r.id);
    idx.notes.dangling.byProperty[r.prop] = (idx.notes.dangling.byProperty[r.prop] ?? 0) + 1;
  }
  idx.notes.dangling.count = dangling.size;
  idx.notes.dangling.ids = [...dangling].slice(0, MAX_EXAMPLES);

  // Which relationship records become claims; the places, concepts and documents they link.
  for (const edge of edges) {
    const def = FTM_EDGES[edge.schema]!;
    if (!edge.from.length || !edge.to.length) {
      idx.edgeSkip.set(edge.id, `the record lacks "${!edge.from.length ? def.source : def.target}"`);
      continue;
    }
    let problem: string | undefined;
    for (const id of [...edge.from, ...edge.to]) {
      const schema = idx.schemaOf.get(id);
      if (schema === undefined) {
        if (!idx.knownElsewhere.has(id)) problem ??= 'an endpoint is in neither the file nor the database';
      } else if (!FTM_ENTITY_KINDS[schema] && !LINKED_KINDS[schema] && !DOCUMENT_KINDS[schema]) {
        problem ??= `an endpoint is a ${schema}, which claimgraph does not model`;
      }
    }
    if (problem) {
      idx.edgeSkip.set(edge.id, problem);
      continue;
    }
    for (const id of [...edge.from, ...edge.to]) {
      const schema = idx.schemaOf.get(id) ?? '';
      if (LINKED_KINDS[schema]) idx.linked.add(id);
      if (DOCUMENT_KINDS[schema]) idx.sourceDocs.add(id);
    }
  }
  // Only documents can be sources.
  for (const id of idx.sourceDocs) if (!DOCUMENT_KINDS[idx.schemaOf.get(id) ?? '']) idx.sourceDocs.delete(id);

  // Attached records go to entities that are imported; the others are counted as skipped.
  for (const a of pendingAttach) {
    if (nodeRole(idx, a.target) !== 'entity') continue;
    const props = idx.attached.get(a.target) ?? {};
    (props[a.prop] ??= []).push(a.prop === 'documentedIn' ? ourId(idx, a.text) : a.text);
    idx.attached.set(a.target, props);
    idx.folded.add(a.from);
  }
  for (const r of refs) {
    if (r.prop === 'addressEntity' && idx.addressText.has(r.id) && nodeRole(idx, r.from) === 'entity') idx.folded.add(r.id);
  }
  return idx;
}

/** The id a node gets: claimgraph's own escaped ids are restored. */
function ourId(idx: FtmIndex, id: string): string {
  return idx.claimgraphExport ? (unescapeClaimgraphId(id) ?? id) : id;
}

function scalarOrList(values: string[]): string | string[] {
  return values.length === 1 ? values[0]! : values;
}

function extraValue(v: unknown): string | number | boolean | (string | number | boolean)[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    const items = v.filter((x) => x !== null && x !== undefined).map((x) => (typeof x === 'object' ? JSON.stringify(x) : (x as string | number | boolean)));
    return items.length && new Set(items.map((x) => typeof x)).size === 1 ? items : items.map(String);
  }
  return JSON.stringify(v);
}

/** The top-level keys besides id/schema/properties, as `ftm_<key>` properties. */
function ftmMeta(e: FtmLine): Record<string, unknown> {
  const out: Record<string, unknown> = { ftm_schema: e.schema };
  for (const [k, v] of Object.entries(e.extra)) {
    const value = extraValue(v);
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[`ftm_${propertyName(k)}`] = value;
  }
  return out;
}

/**
 * FtM properties kept on the node or claim: every one, a list only when there
 * are several values. A property named like a model field either is that
 * field's source (`mapped`: further values kept as `<name>Values`) or is
 * renamed `ftm_<name>`.
 */
function keepProps(p: Props, drop: Set<string>, reserved: Set<string>, mapped: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, values] of Object.entries(p)) {
    if (drop.has(k)) continue;
    const name = propertyName(k);
    if (mapped.has(name)) {
      if (values.length > 1) out[`${name}Values`] = values;
    } else if (reserved.has(name)) {
      out[`ftm_${name}`] = scalarOrList(values);
    } else {
      out[name] = scalarOrList(values);
    }
  }
  return out;
}

const BASE_RESERVED = ['id', 'kind', 'name', 'aliases', 'description', 'anonymous', 'note', 'properties', 'datasets', 'labels'];
const RESERVED: Record<Kind | 'source' | 'claim', Set<string>> = {
  person: new Set([...BASE_RESERVED, 'born', 'died', 'nationality']),
  organization: new Set([...BASE_RESERVED, 'founded', 'dissolved', 'country', 'orgType', 'count']),
  event: new Set([...BASE_RESERVED, 'date', 'start', 'end']),
  place: new Set([...BASE_RESERVED, 'country', 'placeType']),
  concept: new Set([...BASE_RESERVED, 'category']),
  source: new Set([...BASE_RESERVED, 'sourceKind', 'authors', 'publisher', 'date', 'url', 'accessed', 'citation']),
  claim: new Set(['id', 'type', 'from', 'to', 'sourceId', 'status', 'quote', 'claimant', 'citedIn', 'date', 'start', 'end', 'role', 'amount', 'currency', 'purpose', 'note', 'properties', 'datasets', 'dateMin', 'dateMax']),
};

/** Second pass: the records of an FtM file. */
export async function* readFtmRecords(idx: FtmIndex, onIssue: (i: DatasetIssue) => void): AsyncGenerator<RawRecord> {
  const shown = displayPath(idx.file);
  const counters = { entities: 0, sources: 0, claims: 0 };
  const madeSources = new Set<string>();
  // Counts are rebuilt on every pass (each pass sees the same file).
  const skipped: Record<string, number> = {};
  const kept: Record<string, number> = {};
  const claimsSkipped: DatasetNotes['claimsSkipped'] = {};
  let keptRaw = 0;
  const raw = () => keptRaw++;
  const skipClaim = (reason: string, id: string) => {
    const s = (claimsSkipped[reason] ??= { count: 0, examples: [] });
    s.count++;
    if (s.examples.length < MAX_EXAMPLES) s.examples.push(id);
  };

  const make = (section: RawRecord['section'], value: Record<string, unknown>, line: number, columns: Record<string, string> = {}): RawRecord => ({
    section,
    file: shown,
    index: counters[section]++,
    line,
    value,
    lineOf: () => line,
    columnOf: (p) => (typeof p[0] === 'string' ? columns[p[0]] : undefined),
  });

  for await (const { lineNo, text } of lines(idx.file)) {
    const e = parseFtmLine(text);
    if (!e) continue;
    if ('error' in e) {
      onIssue({ file: shown, line: lineNo, message: e.error });
      continue;
    }
    const kind = FTM_ENTITY_KINDS[e.schema] ?? (idx.linked.has(e.id) ? LINKED_KINDS[e.schema] : undefined);
    let edge = FTM_EDGES[e.schema];
    if (edge?.typedOnly && !recordType(e.properties)) edge = undefined;
    if (kind) {
      yield make('entities', entityValue(e, kind, idx, raw), lineNo, ENTITY_COLUMNS);
    } else if (DOCUMENT_KINDS[e.schema] && idx.sourceDocs.has(e.id)) {
      yield make('sources', sourceValue(e, idx), lineNo, SOURCE_COLUMNS);
    } else if (edge) {
      const why = idx.edgeSkip.get(e.id);
      if (why) {
        skipClaim(why, e.id);
        continue;
      }
      const p = e.properties;
      // Provenance: proof document, else sourceUrl/publisher, else the file.
      const proofs = (p.proof ?? []).filter((d) => idx.sourceDocs.has(d)).map((d) => ourId(idx, d));
      const url = first(p, 'sourceUrl');
      const publisher = first(p, 'publisher');
      let sourceId: string;
      if (proofs.length) sourceId = proofs[0]!;
      else if (url || publisher) {
        sourceId = url ? hashId('url', url) : hashId('publisher', publisher!);
        if (!madeSources.has(sourceId)) {
          madeSources.add(sourceId);
          yield make('sources', urlSource(sourceId, url, publisher, first(p, 'publisherUrl')), lineNo);
        }
      } else {
        const base = path.basename(idx.file);
        sourceId = idFrom('file', `${idx.dataset}:${base}`);
        if (!madeSources.has(sourceId)) {
          madeSources.add(sourceId);
          yield make('sources', fileSource(sourceId, base, idx.dataset), lineNo);
        }
      }
      const froms = p[edge.source]!;
      const tos = p[edge.target]!;
      const pairs = froms.flatMap((f) => tos.map((t) => [f, t] as const));
      const rid = p.recordId?.[0];
      const baseId = rid && e.id === ftmClaimId(rid) && ID_RE.test(rid) ? rid : e.id;
      for (let i = 0; i < pairs.length; i++) {
        const [from, to] = pairs[i]!;
        const id = pairs.length === 1 ? baseId : safeId(`${baseId}.${i}`);
        const value = claimValue(e, edge, { id, from: ourId(idx, from), to: ourId(idx, to), sourceId, extraSources: proofs.slice(1) }, idx, raw, [from, to]);
        yield make('claims', value, lineNo, claimColumns(edge));
      }
    } else if (idx.folded.has(e.id)) {
      kept[e.schema] = (kept[e.schema] ?? 0) + 1;
    } else {
      skipped[e.schema] = (skipped[e.schema] ?? 0) + 1;
    }
  }
  idx.notes.skipped = skipped;
  idx.notes.keptAsProperties = kept;
  idx.notes.claimsSkipped = claimsSkipped;
  idx.notes.keptRaw = keptRaw;
}

function urlSource(id: string, url: string | undefined, publisher: string | undefined, publisherUrl: string | undefined): Record<string, unknown> {
  const value: Record<string, unknown> = { id, kind: 'source', name: url ?? publisher, sourceKind: 'other' };
  if (publisher) value.publisher = publisher;
  if (url && isHttpUrl(url)) value.url = url;
  else if (url) value.properties = { sourceUrl: url };
  else if (publisherUrl && isHttpUrl(publisherUrl)) value.url = publisherUrl;
  return value;
}

function fileSource(id: string, base: string, dataset: string): Record<string, unknown> {
  return {
    id,
    kind: 'source',
    name: base,
    sourceKind: 'dataset',
    description: `The FollowTheMoney file ${base}, imported as dataset "${dataset}". Relationship records that name no source of their own cite it.`,
    properties: { ftm_file: base },
  };
}

const ENTITY_COLUMNS: Record<string, string> = {
  id: 'id',
  name: 'properties.name',
  aliases: 'properties.alias',
  born: 'properties.birthDate',
  died: 'properties.deathDate',
  nationality: 'properties.nationality',
  founded: 'properties.incorporationDate',
  dissolved: 'properties.dissolutionDate',
  country: 'properties.country',
  description: 'properties.description',
  date: 'properties.date',
  start: 'properties.startDate',
  end: 'properties.endDate',
};
const SOURCE_COLUMNS: Record<string, string> = { id: 'id', name: 'properties.title', date: 'properties.publishedAt', url: 'properties.sourceUrl', authors: 'properties.author', accessed: 'properties.retrievedAt' };

function claimColumns(edge: FtmEdge): Record<string, string> {
  return {
    id: 'id',
    from: `properties.${edge.source}`,
    to: `properties.${edge.target}`,
    date: 'properties.date',
    start: 'properties.startDate',
    end: 'properties.endDate',
    amount: 'properties.amount',
    currency: 'properties.currency',
    role: 'properties.role',
    quote: 'properties.description',
  };
}

function dateField(p: Props, names: string[], keptRaw: () => void): string | undefined {
  const raw = first(p, ...names);
  if (raw === undefined) return undefined;
  const d = isoDate(raw);
  if (d === undefined) keptRaw();
  return d;
}

function entityValue(e: FtmLine, kind: Kind, idx: FtmIndex, keptRaw: () => void): Record<string, unknown> {
  const p = e.properties;
  const cg = idx.claimgraphExport;
  const name = displayName(e);
  const aliases = [...new Set(NAME_PROPS.flatMap((k) => p[k] ?? []).map((s) => s.trim()))].filter((s) => s && s !== name);
  const value: Record<string, unknown> = { id: ourId(idx, e.id), kind, name, aliases, description: first(p, 'description', 'summary') ?? '' };
  const mapped = new Set(['description']);
  switch (kind) {
    case 'person':
      value.born = dateField(p, ['birthDate'], keptRaw);
      value.died = dateField(p, ['deathDate'], keptRaw);
      value.nationality = first(p, 'nationality');
      mapped.add('nationality');
      break;
    case 'organization':
      value.founded = dateField(p, ['incorporationDate', 'foundingDate'], keptRaw);
      value.dissolved = dateField(p, ['dissolutionDate'], keptRaw);
      value.country = first(p, 'country', 'jurisdiction');
      value.orgType = first(p, 'classification') ?? (cg ? undefined : ORG_TYPES[e.schema]);
      mapped.add('country');
      break;
    case 'event':
      value.date = dateField(p, ['date'], keptRaw);
      value.start = dateField(p, ['startDate'], keptRaw);
      value.end = dateField(p, ['endDate'], keptRaw);
      break;
    case 'place':
      value.country = first(p, 'country');
      mapped.add('country');
      if (cg) {
        value.placeType = first(p, 'summary');
        if (value.description === value.placeType) value.description = first(p, 'description') ?? '';
      }
      break;
    case 'concept':
      if (cg) value.category = first(p, 'keywords');
      break;
  }
  if (cg) value.note = first(p, 'notes');
  const properties: Record<string, unknown> = { ...ftmMeta(e), ...keepProps(p, new Set(['name', 'alias']), RESERVED[kind], mapped) };
  const att = idx.attached.get(e.id);
  if (att) for (const [k, v] of Object.entries(att)) properties[k] = scalarOrList(v);
  const addresses = (p.addressEntity ?? []).map((a) => idx.addressText.get(a)).filter((a): a is string => !!a);
  if (addresses.length) properties.address = scalarOrList([...new Set([...(p.address ?? []), ...addresses])]);
  value.properties = properties;
  return stripUndefined(value);
}

function sourceValue(e: FtmLine, idx: FtmIndex): Record<string, unknown> {
  const p = e.properties;
  const name = displayName(e);
  const parent = first(p, 'parent');
  const parentName = parent ? idx.nameOf.get(parent) : undefined;
  const date = first(p, 'publishedAt', 'date', 'authoredAt');
  const accessed = first(p, 'retrievedAt');
  const keyword = p.keywords?.find((k) => SOURCE_KIND_SET.has(k));
  return stripUndefined({
    id: ourId(idx, e.id),
    kind: 'source',
    name,
    sourceKind: keyword ?? DOCUMENT_KINDS[e.schema] ?? 'other',
    aliases: (p.alias ?? []).filter((a) => a !== name),
    authors: [...new Set((p.author ?? []).map((a) => a.trim()).filter(Boolean))],
    publisher: first(p, 'publisher'),
    date: date ? isoDate(date) : undefined,
    accessed: accessed ? isoDate(accessed) : undefined,
    url: (p.sourceUrl ?? []).find(isHttpUrl),
    citation: idx.claimgraphExport ? first(p, 'notes') : parentName ? `${name} (in ${parentName})` : undefined,
    description: first(p, 'description', 'summary') ?? '',
    properties: { ...ftmMeta(e), ...keepProps(p, new Set(['title', 'alias']), RESERVED.source, new Set(['description', 'publisher'])) },
  });
}

function claimValue(
  e: FtmLine,
  edge: FtmEdge,
  c: { id: string; from: string; to: string; sourceId: string; extraSources: string[] },
  idx: FtmIndex,
  keptRaw: () => void,
  rawEnds: readonly [string, string],
): Record<string, unknown> {
  const p = e.properties;
  const type = recordType(p) ?? edge.type;
  const properties: Record<string, unknown> = { ...ftmMeta(e), ...keepProps(p, new Set([edge.source, edge.target]), RESERVED.claim, new Set(['role', 'purpose'])) };
  if (c.extraSources.length) properties.alsoSourceIds = c.extraSources;
  let amount: number | undefined;
  let currency: string | undefined;
  const amountField = (['amount', 'amountEur', 'amountUsd'] as const).find((k) => first(p, k) !== undefined);
  if (amountField) {
    const a = parseAmount(first(p, amountField)!);
    if ('error' in a || a.value < 0) keptRaw();
    else {
      amount = a.value;
      currency = amountField === 'amountEur' ? 'EUR' : amountField === 'amountUsd' ? 'USD' : (first(p, 'currency')?.toUpperCase() ?? a.currency);
      if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
        keptRaw();
        currency = undefined;
      }
    }
  }
  // Role: the record's role or relationship, without the type it names.
  const role = [...(p.role ?? []), ...(p.relationship ?? [])].find((v) => v !== type && !RELATION_SET.has(v)) ?? (recordType(p) ? undefined : edge.role);
  const date = dateField(p, ['date'], keptRaw);
  const start = dateField(p, ['startDate'], keptRaw);
  const end = dateField(p, ['endDate'], keptRaw);
  const status = [...(p.status ?? []), ...(p.summary ?? [])].find((s) => STATUS_SET.has(s)) ?? 'reported';
  const given = [...(p.description ?? []), ...(p.summary ?? [])].find((s) => !STATUS_SET.has(s) && s.trim() !== '');
  const quote = (given ?? synthesizedQuote(e, edge, rawEnds, idx, { role, amount, currency, date, start, end })).slice(0, 2000);
  if (given === undefined) properties.quoteGenerated = true;
  return stripUndefined({
    id: c.id,
    type,
    from: c.from,
    to: c.to,
    sourceId: c.sourceId,
    status,
    quote,
    date,
    start,
    end,
    role,
    amount,
    currency,
    purpose: first(p, 'purpose'),
    properties,
  });
}

/** A plain statement of what the record says, for records that quote no passage. */
function synthesizedQuote(
  e: FtmLine,
  edge: FtmEdge,
  [from, to]: readonly [string, string],
  idx: FtmIndex,
  d: { role?: string; amount?: number; currency?: string; date?: string; start?: string; end?: string },
): string {
  const label = (id: string) => `"${idx.nameOf.get(id) ?? id}"`;
  const parts = [`${e.schema} record: ${edge.source} ${label(from)}, ${edge.target} ${label(to)}`];
  if (d.role) parts.push(`${e.schema === 'Family' || e.schema === 'Associate' ? 'relationship' : 'role'} ${d.role}`);
  const pct = first(e.properties, 'percentage');
  if (pct) parts.push(`percentage ${pct}`);
  if (d.amount !== undefined) parts.push(`amount ${d.amount}${d.currency ? ` ${d.currency}` : ''}`);
  if (d.date) parts.push(`date ${d.date}`);
  if (d.start) parts.push(`from ${d.start}`);
  if (d.end) parts.push(`until ${d.end}`);
  return `${parts.join('; ')}.`;
}

function stripUndefined(v: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
}
