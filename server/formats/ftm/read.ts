/**
 * The second pass over a FollowTheMoney file (prepare.ts made the first):
 * its records, as the native format has them (schema.ts has the mapping).
 */
import path from 'node:path';
import { ID_RE } from '../../model/dataset.ts';
import { MAX_EXAMPLES, type DatasetNotes } from '../notes.ts';
import { displayPath, type DatasetIssue, type RawRecord } from '../records.ts';
import { hashId, idFrom, isHttpUrl, isoDate, parseAmount, propertyName } from '../values.ts';
import { ftmClaimId } from './ids.ts';
import { displayName, ourId, type FtmIndex } from './prepare.ts';
import {
  DOCUMENT_KINDS,
  extraValue,
  first,
  FTM_EDGES,
  FTM_ENTITY_KINDS,
  LINKED_KINDS,
  lines,
  NAME_PROPS,
  ORG_TYPES,
  parseFtmLine,
  recordType,
  RELATION_SET,
  safeId,
  scalarOrList,
  SOURCE_KIND_SET,
  STATUS_SET,
  stripUndefined,
  type FtmEdge,
  type FtmLine,
  type Kind,
  type Props,
} from './schema.ts';

/** The top-level keys besides id/schema/properties, as `ftm_<key>` properties. */
function ftmMeta(e: FtmLine): Record<string, unknown> {
  const out: Record<string, unknown> = { ftm_schema: e.schema };
  for (const [k, v] of Object.entries(e.extra)) {
    if (k === 'claimgraph') continue; // claimgraph's own block: paraphraseOf
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
      const { sourceId, source } = provenance(idx, p, proofs, madeSources);
      if (source) yield make('sources', source, lineNo);
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

/** The source a relationship record cites (its proof, else its URL or publisher, else the file), and its record when it is new. */
function provenance(idx: FtmIndex, p: Props, proofs: string[], made: Set<string>): { sourceId: string; source?: Record<string, unknown> } {
  if (proofs.length) return { sourceId: proofs[0]! };
  const url = first(p, 'sourceUrl');
  const publisher = first(p, 'publisher');
  const base = path.basename(idx.file);
  const sourceId = url ? hashId('url', url) : publisher ? hashId('publisher', publisher) : idFrom('file', `${idx.dataset}:${base}`);
  if (made.has(sourceId)) return { sourceId };
  made.add(sourceId);
  return { sourceId, source: url || publisher ? urlSource(sourceId, url, publisher, first(p, 'publisherUrl')) : fileSource(sourceId, base, idx.dataset) };
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
    ...paraphraseOf(e),
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

/**
 * A paraphrase and its anchor from claimgraph's own FtM export (its
 * top-level `claimgraph` object): a quote that is not the source's words
 * stays marked. The verification there is not read: an import checks quotes
 * afresh.
 */
function paraphraseOf(e: FtmLine): Record<string, unknown> {
  const block = e.extra.claimgraph;
  if (!block || typeof block !== 'object') return {};
  const { paraphrase, anchor } = block as Record<string, unknown>;
  return paraphrase === true && typeof anchor === 'string' ? { paraphrase: true, anchor } : {};
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
