/**
 * The first pass over a FollowTheMoney file (schema.ts has the mapping):
 * ids, names and schemata (memory grows with the number of entities, not
 * with their size), what becomes an entity, a source or a claim, what is
 * folded into other entities' properties, skipped, or dangling.
 */
import { emptyNotes, MAX_EXAMPLES, type DatasetNotes } from '../notes.ts';
import { ftmClaimId } from './ids.ts';
import {
  ATTACHED,
  DOCUMENT_KINDS,
  first,
  FTM_EDGES,
  FTM_ENTITY_KINDS,
  LINKED_KINDS,
  lines,
  parseFtmLine,
  recordType,
  REFERENCE_PROPS,
  unescapeClaimgraphId,
  type FtmLine,
} from './schema.ts';

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


export function displayName(e: FtmLine): string {
  const caption = typeof e.extra.caption === 'string' && e.extra.caption.trim() ? e.extra.caption.trim() : undefined;
  const person = [first(e.properties, 'firstName'), first(e.properties, 'lastName')].filter(Boolean).join(' ');
  // OpenSanctions' caption is the display name it chose among the names.
  if (caption && e.properties.name?.includes(caption)) return caption;
  return first(e.properties, 'name', 'title', 'fileName', 'full') ?? caption ?? (person || `${e.schema} ${e.id}`);
}

export function addressOf(e: FtmLine): string {
  const p = e.properties;
  return first(p, 'full') ?? [first(p, 'street'), first(p, 'postalCode'), first(p, 'city'), first(p, 'region'), first(p, 'country')].filter(Boolean).join(', ');
}

export function attachedText(e: FtmLine): string {
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
export function nodeRole(idx: FtmIndex, id: string): 'entity' | 'source' | undefined {
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
  const pass = await scanFile(file, idx);
  await resolveReferences(idx, pass.refs, opts);
  decideEdges(idx, pass.edges);
  // Only documents can be sources.
  for (const id of idx.sourceDocs) if (!DOCUMENT_KINDS[idx.schemaOf.get(id) ?? '']) idx.sourceDocs.delete(id);

  attach(idx, pass.pendingAttach, pass.refs);
  return idx;
}

interface Reference {
  from: string;
  prop: string;
  id: string;
}

interface Attachment {
  from: string;
  target: string;
  prop: string;
  text: string;
}

/** Reads the file once: ids, schemata, names, references, relationship records, attached records. */
async function scanFile(file: string, idx: FtmIndex): Promise<{ refs: Reference[]; edges: EdgeInfo[]; pendingAttach: Attachment[] }> {
  const refs: Reference[] = [];
  const edges: EdgeInfo[] = [];
  const pendingAttach: Attachment[] = [];
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

  return { refs, edges, pendingAttach };
}

/** References to ids not in the file: the database may have them; the others are dangling. */
async function resolveReferences(idx: FtmIndex, refs: Reference[], opts: FtmIndexOptions): Promise<void> {
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

}

/** Which relationship records become claims; the places, concepts and documents they link. */
function decideEdges(idx: FtmIndex, edges: EdgeInfo[]): void {
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
}

/** Attached records go to entities that are imported; the others are counted as skipped. */
function attach(idx: FtmIndex, pendingAttach: Attachment[], refs: Reference[]): void {
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
}

/** The id a node gets: claimgraph's own escaped ids are restored. */
export function ourId(idx: FtmIndex, id: string): string {
  return idx.claimgraphExport ? (unescapeClaimgraphId(id) ?? id) : id;
}
