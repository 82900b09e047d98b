/**
 * A graph file (GEXF, GraphML) as dataset records. data/README.md
 * ("GEXF and GraphML") has the rules for users; in short:
 *
 * - Ids: a claimgraph export keeps its ids; any other file's node and edge
 *   ids are local to it, so they become `<dataset>:<id>` (hashed when that
 *   is no valid id), the file's own id kept as the property `fileId`.
 * - Node -> entity: kind from a `kind` attribute naming one of claimgraph's
 *   kinds (organisation, company, people accepted as in CSV; `source` makes
 *   a source), else the `kind` option, else `concept` (counted in the notes);
 *   name from the label, else a `name` attribute, else the id; attributes
 *   named like a field of that kind fill it, the drawing (x, y, z, size,
 *   colour, shape) is left out, every other attribute is a property.
 * - Edge -> claim: type from a `type`, `kind`, `label`, `relation` or
 *   `relationship` attribute naming one of claimgraph's relationship types,
 *   else the `type` option, else ASSOCIATED_WITH (counted); status from a
 *   `status` attribute that is a claimgraph status, else the `status` option,
 *   which a file with edges lacking one requires (a Gephi file carries no
 *   evidence: the user says how strong its claims are).
 * - Evidence: an edge with a `quote` and a `sourceId` naming a source of the
 *   file (a claimgraph export) keeps its quote, paraphrase, anchor and
 *   source. Every other edge cites the file itself: a source of kind
 *   `dataset` named after the file is made for it, and the quote is the edge
 *   element as the file writes it (verbatim text of that source, so a check
 *   of quotes against the file finds it); other `quote`, `status`, `sourceId`
 *   values are kept as `quoteInFile`, `statusInFile`, `sourceIdInFile`.
 * - What an import computes (datasets, dateMin, dateMax, labels, the
 *   verification of quotes) is never read from a file.
 */
import { ID_RE } from '../../model/dataset.ts';
import { ENTITY_KINDS, SOURCE_KINDS, type EntityKind } from '../../model/kinds.ts';
import { CLAIM_STATUSES } from '../../model/statuses.ts';
import { RELATION_TYPES } from '../../model/vocabulary.ts';
import { CLAIM_FIELDS, COMPUTED_CLAIM_KEYS, COMPUTED_NODE_KEYS, DOCUMENT_KEYS, entityFields, VERIFICATION_KEYS } from '../fields.ts';
import { emptyNotes, type DatasetNotes } from '../notes.ts';
import { recordAt, type DatasetIssue, type RawRecord } from '../records.ts';
import type { ReaderOptions } from '../types.ts';
import { hashId, headerKey, idFrom, isoDate, normKind, normRelation } from '../values.ts';
import { fieldValue, properties } from './values.ts';

export interface GraphElement {
  /** The id as the file writes it. */
  id: string;
  line: number;
  /** The attributes graphology's parser read (typed as declared), label included. */
  attrs: Record<string, unknown>;
}

export interface GraphFileEdge extends GraphElement {
  source: string;
  target: string;
  directed: boolean;
  /** The edge element as the file writes it. */
  text: string | undefined;
}

export interface GraphFile {
  format: 'GEXF' | 'GraphML';
  /** The path shown to the user, and the file's name. */
  shown: string;
  base: string;
  /** Written by claimgraph's own export: ids and evidence are kept. */
  byClaimgraph: boolean;
  nodes: GraphElement[];
  edges: GraphFileEdge[];
  meta: { creator?: string; description?: string; date?: string };
  notes: DatasetNotes;
}

const KINDS = new Set<string>(ENTITY_KINDS);
const STATUSES = new Set<string>(CLAIM_STATUSES);
const RELATIONS = new Set<string>(RELATION_TYPES);
const SOURCE_KIND_SET = new Set<string>(SOURCE_KINDS);
/** The drawing, not data. */
const DRAWING = new Set(['x', 'y', 'z', 'size', 'color', 'shape', 'thickness', 'r', 'g', 'b']);
const TYPE_ATTRIBUTES = ['type', 'kind', 'label', 'relation', 'relationship'];
const QUOTE_MAX = 2000;

/** The attribute named `name` (any case, spaces, `_`, `-` ignored), with the name the file gives it. */
function attr(attrs: Record<string, unknown>, name: string): [string, unknown] | undefined {
  const key = headerKey(name);
  for (const [k, v] of Object.entries(attrs)) if (headerKey(k) === key && v !== null && v !== undefined && v !== '') return [k, v];
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

export class GraphFileMapper {
  private readonly ids = new Map<string, string>();
  private readonly sources = new Set<string>();
  readonly fileSourceId: string;

  constructor(
    private readonly g: GraphFile,
    private readonly dataset: string,
    private readonly options: ReaderOptions,
  ) {
    this.fileSourceId = idFrom('file', `${dataset}:${g.base}`);
  }

  /** The id a node of the file gets. */
  id(fileId: string): string {
    let id = this.ids.get(fileId);
    if (id === undefined) {
      id = this.g.byClaimgraph && ID_RE.test(fileId) ? fileId : ID_RE.test(`${this.dataset}:${fileId}`) ? `${this.dataset}:${fileId}` : hashId(this.dataset, fileId);
      this.ids.set(fileId, id);
    }
    return id;
  }

  private assume(what: string): void {
    this.g.notes.assumed[what] = (this.g.notes.assumed[what] ?? 0) + 1;
  }

  private kindOf(n: GraphElement): { kind: EntityKind; kept?: string } {
    const found = attr(n.attrs, 'kind');
    const given = found ? normKind(String(found[1])) : undefined;
    if (given && KINDS.has(given)) return { kind: given as EntityKind };
    if (this.options.kind) return { kind: this.options.kind, kept: found ? String(found[1]) : undefined };
    this.assume('kind "concept" for nodes that name none of claimgraph\'s kinds (--kind sets another)');
    return { kind: 'concept', kept: found ? String(found[1]) : undefined };
  }

  /** The entity or source record of a node. */
  node(n: GraphElement, index: number): RawRecord {
    const { kind, kept } = this.kindOf(n);
    const fields = entityFields(kind);
    const value: Record<string, unknown> = { id: this.id(n.id), kind };
    const name = str(attr(n.attrs, 'label')?.[1]) ?? str(attr(n.attrs, 'name')?.[1]) ?? n.id;
    const extra: [string, unknown][] = [];
    const document: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n.attrs)) {
      const key = headerKey(k);
      if (['label', 'kind', 'id'].includes(key) || DRAWING.has(key) || COMPUTED_NODE_KEYS.has(k)) continue;
      const field = [...fields].find((f) => headerKey(f) === key);
      if (k === DOCUMENT_KEYS.file || k === DOCUMENT_KEYS.sha256) document[k === DOCUMENT_KEYS.file ? 'file' : 'sha256'] = v;
      else if (field && field !== 'document') value[field] = fieldValue(field, v);
      else extra.push([k, v]);
    }
    value.name = name;
    if (kind === 'source') {
      if (typeof value.sourceKind !== 'string' || !SOURCE_KIND_SET.has(value.sourceKind)) value.sourceKind = 'other';
      if (document.sha256 !== undefined) value.document = document;
      this.sources.add(value.id as string);
    }
    if (kept !== undefined) extra.push(['kindInFile', kept]);
    if (!this.g.byClaimgraph) extra.push(['fileId', n.id]);
    const props = properties(extra);
    if (Object.keys(props).length) value.properties = props;
    return recordAt(kind === 'source' ? 'sources' : 'entities', this.g.shown, index, n.line, value);
  }

  /** The source standing for the file itself, cited by every edge that names no source of its own. */
  fileSource(index: number): RawRecord {
    const g = this.g;
    const props: Record<string, string> = { file: g.base };
    if (g.meta.creator) props.creator = g.meta.creator;
    if (g.meta.description) props.fileDescription = g.meta.description;
    const date = g.meta.date ? isoDate(g.meta.date) : undefined;
    return recordAt('sources', g.shown, index, undefined, {
      id: this.fileSourceId,
      kind: 'source',
      name: g.base,
      sourceKind: 'dataset',
      ...(date ? { date } : {}),
      description:
        `The ${g.format} file ${g.base}, imported as dataset "${this.dataset}". Each edge of it that names no source of its own ` +
        'is a claim citing this file, and quotes the edge as the file writes it; how strong those claims are was stated at import (--status).',
      properties: props,
    });
  }

  /** Whether the edge carries its own evidence (a claimgraph export's quote and source). */
  ownEvidence(e: GraphFileEdge): boolean {
    const src = str(attr(e.attrs, 'sourceId')?.[1]);
    return str(attr(e.attrs, 'quote')?.[1]) !== undefined && src !== undefined && this.sources.has(this.id(src));
  }

  private typeOf(e: GraphFileEdge): { type: string; from?: string } {
    for (const name of TYPE_ATTRIBUTES) {
      const found = attr(e.attrs, name);
      const t = found && typeof found[1] === 'string' ? normRelation(found[1]) : undefined;
      if (t && RELATIONS.has(t)) return { type: t, from: found![0] };
    }
    if (this.options.type) return { type: this.options.type };
    this.assume('type ASSOCIATED_WITH for edges that name none of claimgraph\'s relationship types (--type sets another)');
    return { type: 'ASSOCIATED_WITH' };
  }

  /** The claim of an edge, or undefined when it has no status and none was given (`missingStatus` counts it). */
  claim(e: GraphFileEdge, index: number, missingStatus: (e: GraphFileEdge) => void): RawRecord | undefined {
    const { type, from: typeAttr } = this.typeOf(e);
    const own = this.ownEvidence(e);
    const statusAttr = attr(e.attrs, 'status');
    const fileStatus = statusAttr && STATUSES.has(String(statusAttr[1])) ? String(statusAttr[1]) : undefined;
    const status = fileStatus ?? this.options.status;
    if (status === undefined) {
      missingStatus(e);
      return undefined;
    }
    const claimId = this.g.byClaimgraph ? str(attr(e.attrs, 'claimId')?.[1]) : undefined;
    const id = claimId && ID_RE.test(claimId) ? claimId : this.g.byClaimgraph && ID_RE.test(e.id) ? e.id : idFrom(this.dataset, e.id.startsWith('#') ? `edge${e.id.slice(1)}` : e.id);
    const value: Record<string, unknown> = { id, type, from: this.id(e.source), to: this.id(e.target), status };
    const extra: [string, unknown][] = [];
    const skip = new Set(['claimid', 'id', 'source', 'target', 'status', 'type', 'sourceid', 'quote', 'paraphrase', 'anchor']);
    for (const [k, v] of Object.entries(e.attrs)) {
      const key = headerKey(k);
      if (skip.has(key) || k === typeAttr || DRAWING.has(key) || COMPUTED_CLAIM_KEYS.has(k) || VERIFICATION_KEYS.has(k)) continue;
      if (this.g.byClaimgraph && (key === 'label' || key === 'kind')) continue;
      const field = [...CLAIM_FIELDS].find((f) => headerKey(f) === key);
      if (field === 'claimant' || field === 'citedIn') value[field] = this.id(String(v));
      else if (field) value[field] = fieldValue(field, v);
      else extra.push([k, v]);
    }
    if (own) {
      value.sourceId = this.id(str(attr(e.attrs, 'sourceId')![1])!);
      value.quote = attr(e.attrs, 'quote')![1];
      for (const f of ['paraphrase', 'anchor']) {
        const found = attr(e.attrs, f);
        if (found) value[f] = fieldValue(f, found[1]);
      }
    } else {
      value.sourceId = this.fileSourceId;
      value.quote = quoteOf(e);
      for (const f of ['quote', 'sourceId']) {
        const found = attr(e.attrs, f);
        if (found) extra.push([`${f}InFile`, found[1]]);
      }
    }
    if (statusAttr && fileStatus === undefined) extra.push(['statusInFile', statusAttr[1]]);
    if (!e.directed) extra.push(['directed', false]);
    if (!this.g.byClaimgraph) extra.push(['fileId', e.id.startsWith('#') ? `(edge ${e.id.slice(1)}, no id)` : e.id]);
    const props = properties(extra);
    if (Object.keys(props).length) value.properties = props;
    return recordAt('claims', this.g.shown, index, e.line, value);
  }
}

/** The edge as the file writes it (cut, with `...`, past the model's 2,000 characters; whitespace runs folded). */
function quoteOf(e: GraphFileEdge): string {
  const text = (e.text ?? `<edge id="${e.id}" source="${e.source}" target="${e.target}">`).replace(/\s+/g, ' ').trim();
  return text.length <= QUOTE_MAX ? text : `${text.slice(0, QUOTE_MAX - 4)} ...`;
}

/** Every record of a graph file: nodes (entities and sources), the file's own source where edges cite it, then claims. */
export function* graphFileRecords(g: GraphFile, dataset: string, options: ReaderOptions, onIssue: (i: DatasetIssue) => void): Generator<RawRecord> {
  g.notes.assumed = {};
  const map = new GraphFileMapper(g, dataset, options);
  let entities = 0;
  let sources = 0;
  for (const n of g.nodes) {
    const rec = map.node(n, 0);
    rec.index = rec.section === 'sources' ? sources++ : entities++;
    yield rec;
  }
  if (g.edges.some((e) => !map.ownEvidence(e))) yield map.fileSource(sources++);
  const missing: GraphFileEdge[] = [];
  let claims = 0;
  for (const e of g.edges) {
    const rec = map.claim(e, claims, (x) => missing.push(x));
    if (rec) {
      claims++;
      yield rec;
    }
  }
  if (missing.length) {
    const first = missing[0]!;
    onIssue({
      file: g.shown,
      line: first.line,
      record: `edge "${first.id}"`,
      field: 'status',
      option: 'status',
      message:
        `${missing.length} of ${g.edges.length} edges have no claimgraph status: a ${g.format} file carries no evidence of its own, ` +
        `so say how strong its claims are with --status <${CLAIM_STATUSES.join('|')}> (data/README.md, "GEXF and GraphML")`,
    });
  }
}

export function newNotes(): DatasetNotes {
  return emptyNotes();
}
