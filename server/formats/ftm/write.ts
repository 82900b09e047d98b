/**
 * FollowTheMoney (Aleph, OpenSanctions): one entity a line,
 * `{"id", "schema", "properties": {prop: [strings]}}`.
 *
 * Ids: server/formats/ftm/ids.ts (entity ids kept when FtM allows them,
 * escaped otherwise; claims as `claim-` + the escaped id). The claim's own
 * id is kept in `recordId`.
 *
 * Entities:
 * - person -> Person: name, alias, description, birthDate, deathDate,
 *   nationality, notes (the editorial note)
 * - organization -> Organization (Company when it is the asset of an OWNS
 *   claim: FtM's Ownership.asset must be an Asset, which Organization is not):
 *   name, alias, description, incorporationDate, dissolutionDate, country,
 *   classification (orgType), notes
 * - event -> Event: name, alias, description, date, startDate, endDate, notes
 * - place -> Address (FtM's location schema; a Thing since FtM 3): name,
 *   full (the name), alias, description, country, summary (placeType), notes
 * - concept -> Note (FtM has no schema for ideas or practices; Note is the
 *   generic Thing that can be linked to): name, alias, description,
 *   keywords (category), notes
 * - source -> Document: name and title, author, publisher, publishedAt (its
 *   date), sourceUrl, retrievedAt (accessed), keywords (sourceKind),
 *   description, notes (the citation as printed)
 * - anything else (nodes a Cypher selection returned) -> Note.
 * Other properties (count, anonymous, extra properties) have no FtM
 * counterpart and are left out.
 *
 * Claims: every claim becomes one interval entity. Its schema depends on the
 * type and on what the endpoints are (FtM property ranges are respected;
 * LegalEntity = Person, Organization, Company):
 * - PAID, FUNDED -> Payment (payer, beneficiary: LegalEntity; amount,
 *   currency, purpose; `programme` holds the claim type)
 * - MEMBER_OF -> Membership (member: LegalEntity, organization: Organization)
 * - LEADS -> Directorship (director: LegalEntity, organization: Organization)
 * - EMPLOYED_BY -> Employment (employee: Person, employer: Organization)
 * - OWNS -> Ownership (owner: LegalEntity, asset: the organization as Company)
 * - FAMILY_OF -> Family (person, relative: Person; relationship)
 * - REPRESENTS -> Representation (agent, client: LegalEntity)
 * - AUTHORED, PUBLISHED of a source -> Documentation (document: the source,
 *   entity: the author or publisher)
 * - any other type between two persons -> Associate (person, associate;
 *   relationship)
 * - everything else, and any of the above whose endpoints do not fit the
 *   ranges -> UnknownLink (subject, object)
 * The claim type is kept in `role` (Membership, Directorship, Employment,
 * Ownership, Representation, Documentation, UnknownLink), in `relationship`
 * (Family, Associate) or in `programme` (Payment), followed by the claim's own
 * role where it has one. Every claim entity also has:
 *   recordId (claim id), summary (claim status; `status` too where the schema
 *   has it), description (the quote), proof (the source's Document id),
 *   publisher and sourceUrl (the source's), date, startDate, endDate.
 * Claimant, citedIn and note are left out. A paraphrase (`paraphrase`,
 * `anchor`) and the quote's verification (`verification`,
 * `verificationScore`, `quoteExact`, `quotePrefix`, `quoteSuffix`,
 * `quoteStart`, `quoteEnd`) go in a top-level `claimgraph` object
 * (claimgraphBlock).
 */
import { ftmClaimId, ftmEntityId } from './ids.ts';
import type { Json } from '../../neo4j/values.ts';
import type { ExportEdge, ExportMeta, ExportNode, Subgraph } from '../graph.ts';
import { StreamSink } from '../sink.ts';

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  /** What FtM has no property for: a paraphrase and its anchor, the quote's verification (see claimgraphBlock). */
  claimgraph?: Record<string, Json>;
}

/** Claim properties FtM has no place for, kept in the entity's top-level `claimgraph` object. */
const CLAIMGRAPH_KEYS = ['paraphrase', 'anchor', 'verification', 'verificationScore', 'quoteExact', 'quotePrefix', 'quoteSuffix', 'quoteStart', 'quoteEnd'];

/**
 * A claim's paraphrase flag and anchor, and what checking its quote found, as
 * a top-level `claimgraph` object: FtM's Interval schemata have no property
 * for a quote's provenance (`proof` names the document, `description` holds
 * the quote), and FtM readers (followthemoney's EntityProxy, Aleph) ignore
 * top-level keys they do not know, as they do OpenSanctions' `datasets` or
 * `first_seen`. claimgraph's FtM import reads `paraphrase` and `anchor` back.
 */
function claimgraphBlock(p: Record<string, Json>): Record<string, Json> | undefined {
  const out: Record<string, Json> = {};
  for (const k of CLAIMGRAPH_KEYS) if (p[k] !== undefined && p[k] !== null) out[k] = p[k];
  return Object.keys(out).length ? out : undefined;
}

function texts(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap(texts);
  if (typeof v === 'object') return [JSON.stringify(v)];
  const s = String(v);
  return s.trim() === '' ? [] : [s];
}

class Props {
  readonly properties: Record<string, string[]> = {};
  add(name: string, v: Json | undefined): this {
    const values = texts(v);
    if (values.length) {
      const list = (this.properties[name] ??= []);
      for (const x of values) if (!list.includes(x)) list.push(x);
    }
    return this;
  }
}

const LEGAL = new Set(['Person', 'Organization', 'Company']);
const ORGS = new Set(['Organization', 'Company']);

function entitySchema(kind: string, owned: boolean): string {
  switch (kind) {
    case 'person':
      return 'Person';
    case 'organization':
      return owned ? 'Company' : 'Organization';
    case 'event':
      return 'Event';
    case 'place':
      return 'Address';
    case 'source':
      return 'Document';
    default:
      return 'Note';
  }
}

export function nodeToFtm(n: ExportNode, owned: boolean): FtmEntity {
  const p = n.properties;
  const schema = entitySchema(n.kind, owned);
  const props = new Props().add('name', n.name).add('alias', p.aliases).add('description', p.description).add('notes', p.note);
  switch (schema) {
    case 'Person':
      props.add('birthDate', p.born).add('deathDate', p.died).add('nationality', p.nationality);
      break;
    case 'Organization':
    case 'Company':
      props.add('incorporationDate', p.founded).add('dissolutionDate', p.dissolved).add('country', p.country).add('classification', p.orgType);
      break;
    case 'Event':
      props.add('date', p.date).add('startDate', p.start).add('endDate', p.end);
      break;
    case 'Address':
      props.add('full', n.name).add('country', p.country).add('summary', p.placeType);
      break;
    case 'Document':
      props
        .add('title', n.name)
        .add('author', p.authors)
        .add('publisher', p.publisher)
        .add('publishedAt', p.date)
        .add('sourceUrl', p.url)
        .add('retrievedAt', p.accessed)
        .add('keywords', p.sourceKind)
        .add('notes', p.citation);
      break;
    default:
      props.add('keywords', p.category);
  }
  return { id: ftmEntityId(n.id), schema, properties: props.properties };
}

interface SourceInfo {
  publisher: Json | undefined;
  url: Json | undefined;
}

type EndpointSchema = (kind: string | null, id: string) => string;

/** Schema and endpoint properties for a claim, by type and endpoint schemata. */
function claimShape(e: ExportEdge, from: string, to: string): { schema: string; ends: [string, string]; typeProp: string | null } {
  switch (e.type) {
    case 'PAID':
    case 'FUNDED':
      if (LEGAL.has(from) && LEGAL.has(to)) return { schema: 'Payment', ends: ['payer', 'beneficiary'], typeProp: 'programme' };
      break;
    case 'MEMBER_OF':
      if (LEGAL.has(from) && ORGS.has(to)) return { schema: 'Membership', ends: ['member', 'organization'], typeProp: 'role' };
      break;
    case 'LEADS':
      if (LEGAL.has(from) && ORGS.has(to)) return { schema: 'Directorship', ends: ['director', 'organization'], typeProp: 'role' };
      break;
    case 'EMPLOYED_BY':
      if (from === 'Person' && ORGS.has(to)) return { schema: 'Employment', ends: ['employee', 'employer'], typeProp: 'role' };
      break;
    case 'OWNS':
      if (LEGAL.has(from) && to === 'Company') return { schema: 'Ownership', ends: ['owner', 'asset'], typeProp: 'role' };
      break;
    case 'FAMILY_OF':
      if (from === 'Person' && to === 'Person') return { schema: 'Family', ends: ['person', 'relative'], typeProp: 'relationship' };
      break;
    case 'REPRESENTS':
      if (LEGAL.has(from) && LEGAL.has(to)) return { schema: 'Representation', ends: ['agent', 'client'], typeProp: 'role' };
      break;
    case 'AUTHORED':
    case 'PUBLISHED':
      // Documentation links a document to an entity: the source is `document`.
      if (to === 'Document') return { schema: 'Documentation', ends: ['entity', 'document'], typeProp: 'role' };
      break;
  }
  if (from === 'Person' && to === 'Person') return { schema: 'Associate', ends: ['person', 'associate'], typeProp: 'relationship' };
  return { schema: 'UnknownLink', ends: ['subject', 'object'], typeProp: 'role' };
}

const HAS_STATUS = new Set(['Membership', 'Directorship', 'Employment', 'Ownership', 'Representation', 'Documentation', 'UnknownLink']);

export function edgeToFtm(e: ExportEdge, schemaOf: EndpointSchema, sources: ReadonlyMap<string, SourceInfo>): FtmEntity {
  const shape = claimShape(e, schemaOf(e.sourceKind, e.source), schemaOf(e.targetKind, e.target));
  const p = e.properties;
  const props = new Props()
    .add(shape.ends[0], ftmEntityId(e.source))
    .add(shape.ends[1], ftmEntityId(e.target))
    .add('recordId', e.id)
    .add('summary', e.status)
    .add('description', e.quote)
    .add('date', p.date)
    .add('startDate', p.start)
    .add('endDate', p.end);
  if (shape.typeProp) props.add(shape.typeProp, e.type).add(shape.typeProp, shape.schema === 'Payment' ? undefined : p.role);
  if (HAS_STATUS.has(shape.schema)) props.add('status', e.status);
  if (shape.schema === 'Payment') props.add('amount', p.amount).add('currency', p.currency).add('purpose', p.purpose);
  if (e.sourceId !== null) {
    const src = sources.get(e.sourceId);
    if (src) props.add('proof', ftmEntityId(e.sourceId)).add('publisher', src.publisher).add('sourceUrl', src.url);
  }
  const block = claimgraphBlock(p);
  return { id: ftmClaimId(e.id), schema: shape.schema, properties: props.properties, ...(block ? { claimgraph: block } : {}) };
}

function endpointSchema(owned: ReadonlySet<string>): EndpointSchema {
  return (kind, id) => entitySchema(kind ?? '', owned.has(id));
}

export async function writeFtm(sub: Subgraph, out: NodeJS.WritableStream, _meta: ExportMeta): Promise<void> {
  // The sources behind the claims (their publisher and URL go on each claim).
  const sources = new Map<string, SourceInfo>();
  for await (const batch of sub.sources()) for (const s of batch) sources.set(s.id, { publisher: s.properties.publisher, url: s.properties.url });
  // Organizations owned by a person or organization are Companies (Assets).
  const owned = new Set<string>();
  for await (const batch of sub.edges()) {
    for (const e of batch) {
      if (e.type === 'OWNS' && e.targetKind === 'organization' && (e.sourceKind === 'person' || e.sourceKind === 'organization')) owned.add(e.target);
    }
  }
  const sink = new StreamSink(out);
  for await (const batch of sub.nodes({ withSources: true })) {
    for (const n of batch) await sink.write(`${JSON.stringify(nodeToFtm(n, n.kind === 'organization' && owned.has(n.id)))}\n`);
  }
  const schemaOf = endpointSchema(owned);
  for await (const batch of sub.edges()) {
    for (const e of batch) await sink.write(`${JSON.stringify(edgeToFtm(e, schemaOf, sources))}\n`);
  }
  await sink.flush();
}
