/**
 * One entity with every claim touching it, each with its source resolved,
 * grouped by relationship type (the evidence panel's data). When several
 * datasets share the entity (or a claim), each dataset's own values and the
 * properties they disagree on come too (server/model/layers.ts); the
 * `_layers` bookkeeping property itself is not passed on.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { Claim, EntityDetail, SourceRef } from '../kernel/contract.ts';
import { conflictsOf, layersOf, LAYERS_KEY, type Props } from '../model/layers.ts';
import { RELATION_TYPES, RELATIONS, type RelationType } from '../model/vocabulary.ts';
import { cypher, withType } from '../neo4j/cypher.ts';
import { nodeToJson, toPlain, type Json } from '../neo4j/values.ts';
import { read } from '../neo4j/read.ts';

export const CLAIM_LIMIT = 2000;
/**
 * Above this many claims a node is dense: its claims are not all sorted to
 * keep the first CLAIM_LIMIT (the hub of the 1M-claim benchmark has 137k), but
 * counted per type from the degree store and read type by type
 * (reads/entity-dense): whole types while they fit, then the first claims of
 * the next type only.
 */
export const DENSE_FROM = 10_000;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The vocabulary's types in Cypher's string order (ORDER BY type(r)). */
const TYPES_IN_ORDER = [...RELATION_TYPES].sort(byCodePoint);

/** reads/entity with its per-type counts (one COUNT per type of the vocabulary, a degree lookup on a dense node). */
const entityText = (() => {
  let text: string | undefined;
  return () =>
    (text ??= cypher('reads/entity').replace(
      '__DEGREES__',
      `{${TYPES_IN_ORDER.map((t) => withType('`__TYPE__`: COUNT { (n)-[:__TYPE__]-() }', t)).join(', ')}}`,
    ));
})();

/**
 * The branches of reads/entity-dense for the first `limit` claims of a node
 * with `degrees` claims per type: whole types in order while they fit, then
 * the first claims of the next one. Undefined when the counts do not cover the
 * node's claims (a type outside the vocabulary): then all are sorted.
 */
export function denseBranches(degrees: Record<string, number>, claimCount: number, limit: number): { text: string; partialLimit: number } | undefined {
  if (TYPES_IN_ORDER.reduce((n, t) => n + (degrees[t] ?? 0), 0) !== claimCount) return undefined;
  const full: string[] = [];
  let taken = 0;
  let partial: string | undefined;
  for (const t of TYPES_IN_ORDER) {
    const d = degrees[t] ?? 0;
    if (d === 0) continue;
    if (taken + d <= limit) {
      full.push(t);
      taken += d;
      if (taken === limit) break;
    } else {
      partial = t;
      break;
    }
  }
  const branches = [];
  if (full.length) branches.push(`MATCH (n)-[r:${full.map((t) => withType('__TYPE__', t)).join('|')}]-(m)\n  RETURN r, m`);
  if (partial) branches.push(withType('MATCH (n)-[r:__TYPE__]-(m)\n  WITH r, m ORDER BY r.dateMin, r.id\n  LIMIT $partialLimit\n  RETURN r, m', partial));
  if (!branches.length) return undefined;
  return { text: cypher('reads/entity-dense').replace('__BRANCHES__', branches.join('\n  UNION ALL\n  ')), partialLimit: limit - taken };
}

type RawClaim = { r: Relationship; other: Node; source: Node | null; out: boolean };

/** The claims of a dense node (see DENSE_FROM), or of any node when its counts do not cover its claims. */
async function denseClaims(deps: Deps, id: string, degrees: Record<string, number>, claimCount: number, limit: number): Promise<RawClaim[]> {
  const plan = denseBranches(degrees, claimCount, limit);
  const [rec] = plan
    ? await read(deps, plan.text, { id, partialLimit: plan.partialLimit })
    : await read(deps, cypher('reads/entity-all'), { id, claimLimit: limit });
  return (rec?.get('claims') as RawClaim[] | undefined) ?? [];
}

export function sourceRef(s: Node | null | undefined): z.output<typeof SourceRef> | null {
  if (!s) return null;
  const p = s.properties as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: String(p.id),
    title: String(p.name ?? p.id),
    authors: Array.isArray(p.authors) ? p.authors.map(String) : [],
    publisher: str(p.publisher),
    date: str(p.date),
    url: str(p.url),
    kind: str(p.sourceKind),
  };
}

function brief(n: Node) {
  const j = nodeToJson(n);
  return { id: j.id, name: j.name, kind: j.kind };
}

/** A record's layers as JSON, its conflicts, and its properties without the bookkeeping of layers. */
function layered(props: Record<string, Json>) {
  const { [LAYERS_KEY]: _layers, ...plain } = props;
  const layers = typeof _layers === 'string' ? layersOf(props as Props) : [];
  return { plain, layers, conflicts: conflictsOf(layers) as { property: string; values: { dataset: string; value: Json }[] }[] };
}

export function claimJson(r: Relationship, self: Node, other: Node, out: boolean, source: Node | null): z.output<typeof Claim> {
  const { plain: props, conflicts } = layered(toPlain(r.properties) as Record<string, Json>);
  return {
    id: typeof props.id === 'string' ? props.id : `element:${r.elementId}`,
    type: r.type,
    direction: out ? 'out' : 'in',
    from: brief(out ? self : other),
    to: brief(out ? other : self),
    status: String(props.status ?? ''),
    quote: String(props.quote ?? ''),
    source: sourceRef(source),
    properties: props,
    ...(conflicts.length ? { conflicts } : {}),
  };
}

export async function entityDetail(
  deps: Deps,
  id: string,
  opts: { claimLimit?: number; denseFrom?: number } = {},
): Promise<z.output<typeof EntityDetail>> {
  const claimLimit = opts.claimLimit ?? CLAIM_LIMIT;
  const denseFrom = Math.max(claimLimit, opts.denseFrom ?? DENSE_FROM);
  const [rec] = await read(deps, entityText(), { id, claimLimit, denseFrom });
  if (!rec) throw apiError('NOT_FOUND', `no entity with id "${id}"`);
  const n = rec.get('n') as Node;
  const claimCount = Number(toPlain(rec.get('claimCount')));
  const degrees = rec.get('degrees') as Record<string, unknown> | null;
  const raw = degrees
    ? await denseClaims(deps, id, Object.fromEntries(Object.entries(degrees).map(([t, d]) => [t, Number(toPlain(d))])), claimCount, claimLimit)
    : (rec.get('claims') as RawClaim[]);
  const groups = new Map<string, z.output<typeof Claim>[]>();
  for (const c of raw) {
    const claim = claimJson(c.r, n, c.other, c.out, c.source);
    const list = groups.get(claim.type) ?? [];
    list.push(claim);
    groups.set(claim.type, list);
  }
  const entity = nodeToJson(n);
  const { plain, layers, conflicts } = layered(entity.properties);
  entity.properties = plain;
  return {
    entity,
    claims: [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([type, claims]) => ({ type, meaning: RELATIONS[type as RelationType]?.meaning ?? null, claims })),
    claimCount,
    layers: layers.map(([dataset, values]) => ({ dataset, properties: values as Record<string, Json> })),
    conflicts,
  };
}
