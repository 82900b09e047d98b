/**
 * The attributes graph formats carry, and their declared types.
 *
 * One canonical attribute set per node and per edge, shared by graphology
 * JSON, GEXF and GraphML (and, minus `label`, by CSV):
 * - node: `label` (its name), `kind`, `labels` (Neo4j labels), then every
 *   stored property but `id` (the node's key): name, aliases, description, ...
 * - edge: `label` (its type), `type`, `claimId`, `status`, `sourceId`,
 *   `quote`, then every other stored property of the claim (date, start, end,
 *   amount, currency, role, purpose, claimant, citedIn, note, paraphrase,
 *   anchor, the quote's verification (verification, verificationScore,
 *   quoteExact, quotePrefix, quoteSuffix, quoteStart, quoteEnd), dateMin,
 *   dateMax, datasets, extra properties). The edge's key is the claim id too.
 *   (`claimId`, not `id`: Gephi reserves an `id` column.)
 *
 * Header formats need every attribute declared with a type before the first
 * node, so an `AttributeScanner` reads the data once first. Types: a string
 * is `string`; a boolean `boolean`; a number `double` when Neo4j stores it as
 * a float or it has a fraction, else `long`; a list is a list of its items'
 * type. A property whose values disagree (a list here, a string there; a
 * number here, a string there) is declared `string`, and its non-string values
 * are written as JSON.
 */
import type { Json } from '../neo4j/values.ts';
import type { ExportEdge, ExportNode } from './graph.ts';

export type ScalarType = 'string' | 'long' | 'double' | 'boolean';

export interface AttributeSpec {
  name: string;
  type: ScalarType;
  list: boolean;
  /** Mixed values: declared string, non-strings written as JSON. */
  json: boolean;
}

export type Attributes = Record<string, Json>;

export function nodeAttributes(n: ExportNode): Attributes {
  const { id: _id, ...props } = n.properties;
  return { label: n.name, kind: n.kind, labels: n.labels, ...props };
}

export function edgeAttributes(e: ExportEdge): Attributes {
  const { id: _id, status: _s, sourceId: _src, quote: _q, ...rest } = e.properties;
  return { label: e.type, type: e.type, claimId: e.id, status: e.status, sourceId: e.sourceId, quote: e.quote, ...rest };
}

interface Seen {
  type: ScalarType | null;
  list: boolean | null;
  json: boolean;
}

function mergeType(a: ScalarType | null, b: ScalarType | null): ScalarType | null {
  if (a === null) return b;
  if (b === null || a === b) return a;
  if ((a === 'long' && b === 'double') || (a === 'double' && b === 'long')) return 'double';
  return 'string';
}

function scalarType(v: Json, float: boolean): ScalarType | 'json' {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return float || !Number.isInteger(v) ? 'double' : 'long';
  return 'json';
}

/** Collects the attribute names and types of every node or edge it is shown. */
export class AttributeScanner {
  private readonly seen = new Map<string, Seen>();

  add(attrs: Attributes, floatKeys: readonly string[] = []): void {
    for (const [name, v] of Object.entries(attrs)) {
      if (v === null) continue;
      let s = this.seen.get(name);
      if (!s) {
        s = { type: null, list: null, json: false };
        this.seen.set(name, s);
      }
      if (s.json) continue;
      const float = floatKeys.includes(name);
      const isList = Array.isArray(v);
      if (s.list !== null && s.list !== isList) {
        s.json = true;
        continue;
      }
      s.list = isList;
      for (const item of isList ? v : [v]) {
        if (item === null) continue;
        const t = scalarType(item, float);
        if (t === 'json') {
          s.json = true;
          break;
        }
        s.type = mergeType(s.type, t);
      }
    }
  }

  /** The attributes seen, `first` names first (in that order), then the rest by name. */
  specs(first: readonly string[] = [], omit: readonly string[] = []): AttributeSpec[] {
    const names = [...this.seen.keys()].filter((n) => !omit.includes(n));
    const rank = (n: string) => {
      const i = first.indexOf(n);
      return i === -1 ? first.length : i;
    };
    names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return names.map((name) => {
      const s = this.seen.get(name)!;
      if (s.json) return { name, type: 'string', list: false, json: true };
      return { name, type: s.type ?? 'string', list: s.list === true, json: false };
    });
  }
}

export const NODE_ORDER = [
  'label',
  'kind',
  'labels',
  'name',
  'aliases',
  'description',
  'anonymous',
  'born',
  'died',
  'nationality',
  'founded',
  'dissolved',
  'country',
  'orgType',
  'count',
  'date',
  'start',
  'end',
  'placeType',
  'category',
  'sourceKind',
  'authors',
  'publisher',
  'url',
  'accessed',
  'citation',
  'note',
  'datasets',
];

export const EDGE_ORDER = [
  'label',
  'type',
  'claimId',
  'status',
  'sourceId',
  'quote',
  'date',
  'start',
  'end',
  'amount',
  'currency',
  'role',
  'purpose',
  'claimant',
  'citedIn',
  'note',
  // A paraphrase and the verbatim passage it stands for, and what checking the
  // quote against the source's document found (server/provenance).
  'paraphrase',
  'anchor',
  'verification',
  'verificationScore',
  'quoteExact',
  'quotePrefix',
  'quoteSuffix',
  'quoteStart',
  'quoteEnd',
  'dateMin',
  'dateMax',
  'datasets',
];

/** A value as one string for a declared scalar (non-list) attribute. */
export function scalarText(v: Json): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Scans nodes and edges of a pass for their attributes. */
export async function scanAttributes(
  nodes: AsyncIterable<ExportNode[]>,
  edges: AsyncIterable<ExportEdge[]>,
): Promise<{ node: AttributeScanner; edge: AttributeScanner }> {
  const node = new AttributeScanner();
  const edge = new AttributeScanner();
  for await (const batch of nodes) for (const n of batch) node.add(nodeAttributes(n), n.floatKeys);
  for await (const batch of edges) for (const e of batch) edge.add(edgeAttributes(e), e.floatKeys);
  return { node, edge };
}

// ---- XML --------------------------------------------------------------------

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&`, `<`, `>` escaped; `\r` kept as a character reference. */
export function xmlText(s: string): string {
  return s.replace(XML_INVALID, '').replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** An attribute value in double quotes: also `"` and whitespace kept as references. */
export function xmlAttr(s: string): string {
  return s
    .replace(XML_INVALID, '')
    .replace(/[&<>"\r\n\t]/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === '\r' ? '&#13;' : c === '\n' ? '&#10;' : '&#9;',
    );
}
