/**
 * claimgraph's own format as an export: JSON lines
 * (`{"record": "entity" | "source" | "claim", ...}`, data/README.md), so an
 * export is a dataset `claimgraph import` reads back as it was.
 *
 * Each stored property goes back to its field (kinds' fields read off the
 * model: fields.ts), the source's `documentFile`/`documentSha256` to its
 * `document`, every other property to `properties`. What the importer
 * computes (`datasets`, `dateMin`, `dateMax`, and the verification of a
 * quote, which an import of the file checks afresh) is left out. Entities
 * first, then sources, then claims. A claim's claimant or citing source
 * that the selection does not hold is kept as the property `claimantId` /
 * `citedInId`, since an import refuses a reference to nothing. Nodes that are not claimgraph entities
 * (a Cypher selection can return them) and relationships that are not
 * claims (no status, quote or source) have no record in this format and are
 * left out.
 */
import { ENTITY_KINDS, type EntityKind } from '../../model/kinds.ts';
import type { Json } from '../../neo4j/values.ts';
import { CLAIM_FIELDS, COMPUTED_CLAIM_KEYS, COMPUTED_NODE_KEYS, DOCUMENT_KEYS, entityFields, VERIFICATION_KEYS } from '../fields.ts';
import type { ExportEdge, ExportMeta, ExportNode, Subgraph } from '../graph.ts';
import { StreamSink } from '../sink.ts';

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isPropertyValue(v: Json): boolean {
  const scalar = (x: Json) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  return scalar(v) || (Array.isArray(v) && v.every(scalar));
}

/** Fields to their place, the rest into `properties`. */
function split(props: Record<string, Json>, fields: ReadonlySet<string>, skip: ReadonlySet<string>): Record<string, Json> {
  const out: Record<string, Json> = {};
  const extra: Record<string, Json> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === null || skip.has(k)) continue;
    if (fields.has(k)) out[k] = v;
    else if (PROPERTY_NAME.test(k) && isPropertyValue(v)) extra[k] = v;
  }
  if (Object.keys(extra).length) out.properties = extra;
  return out;
}

const NODE_SKIP = new Set([...COMPUTED_NODE_KEYS, DOCUMENT_KEYS.file, DOCUMENT_KEYS.sha256]);

export function nodeRecord(n: ExportNode): Record<string, Json> | undefined {
  if (!(ENTITY_KINDS as readonly string[]).includes(n.kind)) return undefined;
  const kind = n.kind as EntityKind;
  const value = split(n.properties, entityFields(kind), NODE_SKIP);
  const file = n.properties[DOCUMENT_KEYS.file];
  const sha256 = n.properties[DOCUMENT_KEYS.sha256];
  if (typeof sha256 === 'string') value.document = typeof file === 'string' ? { file, sha256 } : { sha256 };
  return { record: kind === 'source' ? 'source' : 'entity', ...value, id: n.id, kind, name: n.name };
}

const CLAIM_SKIP = new Set([...COMPUTED_CLAIM_KEYS, ...VERIFICATION_KEYS]);

export function claimRecord(e: ExportEdge): Record<string, Json> | undefined {
  if (e.status === null || e.quote === null || e.sourceId === null) return undefined;
  const value = split(e.properties, CLAIM_FIELDS, CLAIM_SKIP);
  return { record: 'claim', ...value, id: e.id, type: e.type, from: e.source, to: e.target, sourceId: e.sourceId, status: e.status, quote: e.quote };
}

/** A claimant or citing source the export does not hold is kept as the property `claimantId` / `citedInId` (an import would refuse the reference). */
function unresolved(rec: Record<string, Json>, written: ReadonlySet<string>): Record<string, Json> {
  for (const field of ['claimant', 'citedIn'] as const) {
    const ref = rec[field];
    if (typeof ref !== 'string' || written.has(ref)) continue;
    delete rec[field];
    rec.properties = { ...((rec.properties as Record<string, Json> | undefined) ?? {}), [`${field}Id`]: ref };
  }
  return rec;
}

export async function writeNative(sub: Subgraph, out: NodeJS.WritableStream, _meta: ExportMeta): Promise<void> {
  const sink = new StreamSink(out);
  const written = new Set<string>();
  // Entities, then sources: a reader meets every id before the claims that cite it.
  for (const pass of ['entity', 'source'] as const) {
    for await (const batch of sub.nodes({ withSources: true })) {
      for (const n of batch) {
        const rec = nodeRecord(n);
        if (rec?.record !== pass) continue;
        written.add(n.id);
        await sink.write(`${JSON.stringify(rec)}\n`);
      }
    }
  }
  for await (const batch of sub.edges()) {
    for (const e of batch) {
      const rec = written.has(e.source) && written.has(e.target) && e.sourceId !== null && written.has(e.sourceId) ? claimRecord(e) : undefined;
      if (rec) await sink.write(`${JSON.stringify(unresolved(rec, written))}\n`);
    }
  }
  await sink.flush();
}
