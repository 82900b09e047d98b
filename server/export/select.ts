/**
 * Resolves an export `Selection` into a `Subgraph`: nodes and edges read from
 * Neo4j in batches, plus the `:Source` nodes behind the edges ("sources travel
 * with the export").
 *
 * How each selection is read, and what it keeps in memory:
 * - `all`: keyset pagination on the unique id index, nodes by id and edges by
 *   (start id, claim id). Nothing is kept between batches but the page keys
 *   and the ids of the sources behind the claims.
 * - `ids` (with `depth`): the ids are checked (404 when none exists) and
 *   expanded `depth` hops in either direction; the selection is every node
 *   reached and every relationship between two of them (the induced
 *   subgraph). The set of selected ids (strings) is kept; nodes are re-read
 *   in batches by id, edges in keyset pages of at most EDGE_PAGE claims over
 *   slices of the sorted ids, the database keeping only claims whose target
 *   is selected (a dense node's other claims never reach the server), and
 *   the source ids behind them by one query that returns each id once.
 * - `neighborhood`: `neighborhood()` decides which nodes and claims belong
 *   (depth, filters, limit); their ids are kept and the data re-read in
 *   batches by id, like `ids`, but only the claims it returned.
 * - `cypher`: the read-only query runs through `streamSafeQuery` (row cap and
 *   timeout from the config); every node, relationship and path anywhere in
 *   its rows is kept (bounded by the row cap), with the missing endpoints of
 *   relationships fetched afterwards.
 *
 * Every pass (`nodes()`, `edges()`, ...) reads afresh, so writers that need a
 * header of every attribute (GEXF, GraphML, CSV) scan once, then write.
 */
import type { Node, Record as Neo4jRecord, Relationship } from 'neo4j-driver';
import { apiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { Selection } from '../kernel/contract.ts';
import { neighborhood } from '../reads/neighborhood.ts';
import { cypher } from '../neo4j/cypher.ts';
import { read as readPath, streamRead } from '../neo4j/read.ts';
import { collectGraph, nodeToJson, relationshipToJson, type GraphEdge, type GraphNode } from '../neo4j/values.ts';
import { streamSafeQuery } from '../reads/cypher/safe-cypher.ts';

const NODE_PAGE = 2000;
const EDGE_PAGE = 5000;
const ID_BATCH = 1000;
const CLAIM_BATCH = 1000;
/** Source ids fetched at a time. */
const SOURCE_ID_FETCH = 5000;

/** A node, with the keys of properties Neo4j stores as floats (JSON numbers lose that). */
export interface ExportNode extends GraphNode {
  floatKeys: string[];
}

/** An edge (one claim), with the kinds of its endpoints. */
export interface ExportEdge extends GraphEdge {
  sourceKind: string | null;
  targetKind: string | null;
  floatKeys: string[];
}

/** What a citation list needs of one claim. */
export interface CitedClaim {
  id: string;
  type: string;
  status: string | null;
  quote: string | null;
  sourceId: string | null;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
}

export interface Subgraph {
  selection: Selection;
  /** A short slug naming the selection (file names). */
  slug: string;
  /** The selection was cut short (neighborhood limit, query row cap). */
  truncated: boolean;
  /**
   * The selected nodes in batches; with `withSources`, followed by the sources
   * behind the edges that are not selected nodes themselves. Each node once.
   */
  nodes(opts?: { withSources?: boolean }): AsyncGenerator<ExportNode[]>;
  /** The edges in batches; both endpoints of each are selected nodes. */
  edges(): AsyncGenerator<ExportEdge[]>;
  /** The source nodes behind the edges, each once, in id order. */
  sources(): AsyncGenerator<ExportNode[]>;
  /**
   * Every edge for a citation list, ordered by `rank` of its source id
   * (unranked and missing sources last), then type, endpoint names and id.
   */
  citedClaims(rank: ReadonlyMap<string, number>): AsyncGenerator<CitedClaim[]>;
}

// ---- conversions ------------------------------------------------------------

function floatKeysOf(props: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === 'number' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number'))) keys.push(k);
  }
  return keys;
}

export function toExportNode(n: Node): ExportNode {
  return { ...nodeToJson(n), floatKeys: floatKeysOf(n.properties) };
}

function toExportEdge(r: Relationship, source: string, target: string, sourceKind: unknown, targetKind: unknown): ExportEdge {
  const e = relationshipToJson(r, (eid) => (eid === r.startNodeElementId ? source : target));
  return {
    ...e,
    source,
    target,
    sourceKind: typeof sourceKind === 'string' ? sourceKind : null,
    targetKind: typeof targetKind === 'string' ? targetKind : null,
    floatKeys: floatKeysOf(r.properties),
  };
}

function edgeFromRecord(rec: Neo4jRecord): ExportEdge {
  return toExportEdge(rec.get('r') as Relationship, rec.get('source') as string, rec.get('target') as string, rec.get('sourceKind'), rec.get('targetKind'));
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function claimFromRecord(rec: Neo4jRecord): CitedClaim {
  return {
    id: String(rec.get('id')),
    type: String(rec.get('type')),
    status: str(rec.get('status')),
    quote: str(rec.get('quote')),
    sourceId: str(rec.get('sourceId')),
    source: String(rec.get('source')),
    target: String(rec.get('target')),
    sourceName: String(rec.get('sourceName')),
    targetName: String(rec.get('targetName')),
  };
}

// ---- reading ----------------------------------------------------------------

/**
 * A statement of cypher/export/ through the one read path (timeout
 * EXPORT_TIMEOUT_MS, the caller's abort signal, errors mapped).
 */
async function read(deps: Deps, name: string, params: Record<string, unknown>): Promise<Neo4jRecord[]> {
  return readPath(deps, cypher(`export/${name}`), params, { timeoutMs: deps.config.EXPORT_TIMEOUT_MS });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function* nodesById(deps: Deps, ids: readonly string[]): AsyncGenerator<ExportNode[]> {
  for (const batch of chunks(ids, ID_BATCH)) {
    const recs = await read(deps, 'nodes-by-id', { ids: batch });
    if (recs.length) yield recs.map((r) => toExportNode(r.get('n') as Node));
  }
}

/**
 * Streams a statement of cypher/export/ in one read transaction, in batches
 * of `size` (also the fetch size); the database does the sorting.
 */
async function* streamed<T>(deps: Deps, name: string, params: Record<string, unknown>, map: (r: Neo4jRecord) => T, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const rec of streamRead(deps, cypher(`export/${name}`), params, { fetchSize: size, timeoutMs: deps.config.EXPORT_TIMEOUT_MS })) {
    batch.push(map(rec));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function sortedUnique(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function existingIds(deps: Deps, ids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const batch of chunks(sortedUnique(ids), 10_000)) {
    for (const r of await read(deps, 'existing-ids', { ids: batch })) found.push(r.get('id') as string);
  }
  return found;
}

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    if (!p) {
      p = f();
      p.catch(() => (p = undefined));
    }
    return p;
  };
}

// ---- slugs ------------------------------------------------------------------

function slugPart(s: string): string {
  return s.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60) || 'node';
}

export function selectionSlug(sel: Selection): string {
  switch (sel.type) {
    case 'all':
      return 'all';
    case 'cypher':
      return 'query';
    case 'neighborhood':
      return `${slugPart(sel.id)}-neighborhood-depth${sel.depth}`;
    case 'ids': {
      const first = sel.ids[0] ?? 'selection';
      const more = sel.ids.length > 1 ? `-and-${sel.ids.length - 1}-more` : '';
      return `${slugPart(first)}${more}${sel.depth > 0 ? `-depth${sel.depth}` : ''}`;
    }
  }
}

// ---- the selections ---------------------------------------------------------

function allSubgraph(deps: Deps, selection: Selection): Subgraph {
  const sourceIds = memo(async () => sortedUnique((await read(deps, 'all-source-ids', {})).map((r) => r.get('id') as string)));
  return {
    selection,
    slug: selectionSlug(selection),
    truncated: false,
    // Every :Entity is selected, so the sources behind the edges are among them.
    async *nodes() {
      let after = '';
      for (;;) {
        const recs = await read(deps, 'all-nodes', { after, limit: NODE_PAGE });
        if (!recs.length) return;
        const nodes = recs.map((r) => toExportNode(r.get('n') as Node));
        yield nodes;
        if (recs.length < NODE_PAGE) return;
        after = nodes[nodes.length - 1]!.id;
      }
    },
    async *edges() {
      let after = '';
      let afterRel = '';
      for (;;) {
        const recs = await read(deps, 'all-edges', { after, afterRel, limit: EDGE_PAGE });
        if (!recs.length) return;
        yield recs.map(edgeFromRecord);
        if (recs.length < EDGE_PAGE) return;
        const last = recs[recs.length - 1]!;
        after = last.get('source') as string;
        afterRel = last.get('rid') as string;
      }
    },
    async *sources() {
      yield* nodesById(deps, await sourceIds());
    },
    async *citedClaims(rank) {
      yield* streamed(deps, 'cited-claims-all', { rank: Object.fromEntries(rank), unranked: rank.size }, claimFromRecord, CLAIM_BATCH);
    },
  };
}

/** A selection given by node ids (and, for a neighborhood, claim ids). */
function idSubgraph(deps: Deps, selection: Selection, nodeIds: Set<string>, edgeIds: Set<string> | undefined, truncated: boolean): Subgraph {
  const sorted = sortedUnique(nodeIds);
  const edgeList = edgeIds ? [...edgeIds] : null;
  async function* edges(): AsyncGenerator<ExportEdge[]> {
    // Keyset pages of at most EDGE_PAGE claims over slices of ID_BATCH start
    // nodes: memory is bounded by a page however dense a node is, and no
    // transaction stays open while the sink waits for a slow client.
    let pos = 0;
    let after = '';
    let afterRel = '';
    while (pos < sorted.length) {
      const ids = sorted.slice(pos, pos + ID_BATCH);
      const recs = await read(deps, 'edges-among', { ids, selected: sorted, edgeIds: edgeList, after, afterRel, limit: EDGE_PAGE });
      if (recs.length) yield recs.map(edgeFromRecord);
      if (recs.length < EDGE_PAGE) {
        pos += ids.length;
        after = '';
        afterRel = '';
      } else {
        const last = recs[recs.length - 1]!;
        after = last.get('source') as string;
        afterRel = last.get('rid') as string;
        pos += ids.indexOf(after); // the next slice starts at the node the page ended in
      }
    }
  }
  // The source ids alone (at most one per source in the database), read by the database, not from the edges.
  const sourceIds = memo(async () => {
    const ids: string[] = [];
    for await (const batch of streamed(deps, 'source-ids-among', { selected: sorted, edgeIds: edgeList }, (r) => r.get('id') as string, SOURCE_ID_FETCH)) {
      ids.push(...batch);
    }
    return sortedUnique(ids);
  });
  return {
    selection,
    slug: selectionSlug(selection),
    truncated,
    async *nodes(opts) {
      yield* nodesById(deps, sorted);
      if (opts?.withSources) yield* nodesById(deps, (await sourceIds()).filter((id) => !nodeIds.has(id)));
    },
    edges,
    async *sources() {
      yield* nodesById(deps, await sourceIds());
    },
    async *citedClaims(rank) {
      yield* streamed(
        deps,
        'cited-claims-ids',
        { ids: sorted, edgeIds: edgeList, rank: Object.fromEntries(rank), unranked: rank.size },
        claimFromRecord,
        CLAIM_BATCH,
      );
    },
  };
}

/** A selection held in memory (a Cypher query's results, bounded by the row cap). */
function memorySubgraph(deps: Deps, selection: Selection, nodes: ExportNode[], edges: ExportEdge[], truncated: boolean): Subgraph {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const sourceIds = sortedUnique(edges.flatMap((e) => (e.sourceId === null ? [] : [e.sourceId])));
  const sourceNodes = memo(async () => {
    const found: ExportNode[] = [];
    const missing = sourceIds.filter((id) => !byId.has(id));
    for await (const batch of nodesById(deps, missing)) found.push(...batch);
    const all = new Map(found.map((n) => [n.id, n]));
    for (const id of sourceIds) {
      const n = byId.get(id);
      if (n) all.set(id, n);
    }
    return sourceIds.flatMap((id) => all.get(id) ?? []);
  });
  return {
    selection,
    slug: selectionSlug(selection),
    truncated,
    async *nodes(opts) {
      for (const batch of chunks(nodes, NODE_PAGE)) yield batch;
      if (opts?.withSources) {
        const extra = (await sourceNodes()).filter((n) => !byId.has(n.id));
        if (extra.length) yield extra;
      }
    },
    async *edges() {
      for (const batch of chunks(edges, EDGE_PAGE)) yield batch;
    },
    async *sources() {
      const s = await sourceNodes();
      if (s.length) yield s;
    },
    async *citedClaims(rank) {
      const unranked = rank.size;
      const name = (id: string) => byId.get(id)?.name ?? id;
      const claims: (CitedClaim & { rank: number })[] = edges.map((e) => ({
        id: e.id,
        type: e.type,
        status: e.status,
        quote: e.quote,
        sourceId: e.sourceId,
        source: e.source,
        target: e.target,
        sourceName: name(e.source),
        targetName: name(e.target),
        rank: e.sourceId === null ? unranked : (rank.get(e.sourceId) ?? unranked),
      }));
      const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
      claims.sort(
        (a, b) =>
          a.rank - b.rank ||
          cmp(a.sourceId, b.sourceId) ||
          cmp(a.type, b.type) ||
          cmp(a.sourceName, b.sourceName) ||
          cmp(a.targetName, b.targetName) ||
          cmp(a.id, b.id),
      );
      for (const batch of chunks(claims, CLAIM_BATCH)) yield batch.map(({ rank: _rank, ...c }) => c);
    },
  };
}

async function cypherSubgraph(deps: Deps, selection: Extract<Selection, { type: 'cypher' }>): Promise<Subgraph> {
  const nodes = new Map<string, Node>();
  const rels = new Map<string, Relationship>();
  const summary = await streamSafeQuery(
    deps,
    selection.query,
    selection.params ?? {},
    { rowCap: deps.config.QUERY_ROW_CAP, timeoutMs: deps.config.QUERY_TIMEOUT_MS },
    (record) => {
      const g = collectGraph(Object.values(record.toObject()));
      for (const [k, n] of g.nodes) nodes.set(k, n);
      for (const [k, r] of g.rels) rels.set(k, r);
    },
  );
  const missing = new Set<string>();
  for (const r of rels.values()) {
    if (!nodes.has(r.startNodeElementId)) missing.add(r.startNodeElementId);
    if (!nodes.has(r.endNodeElementId)) missing.add(r.endNodeElementId);
  }
  for (const batch of chunks([...missing], ID_BATCH)) {
    for (const rec of await read(deps, 'nodes-by-element-id', { ids: batch })) {
      const n = rec.get('n') as Node;
      nodes.set(n.elementId, n);
    }
  }
  const keyOf = new Map<string, string>();
  const kindOf = new Map<string, string>();
  const exportNodes: ExportNode[] = [];
  const seen = new Set<string>();
  for (const n of nodes.values()) {
    const node = toExportNode(n);
    keyOf.set(n.elementId, node.id);
    kindOf.set(node.id, node.kind);
    if (seen.has(node.id)) continue; // two nodes with one id cannot be told apart in any format
    seen.add(node.id);
    exportNodes.push(node);
  }
  const exportEdges: ExportEdge[] = [];
  for (const r of rels.values()) {
    const source = keyOf.get(r.startNodeElementId);
    const target = keyOf.get(r.endNodeElementId);
    if (source === undefined || target === undefined) continue; // endpoint deleted meanwhile
    exportEdges.push(toExportEdge(r, source, target, kindOf.get(source), kindOf.get(target)));
  }
  const byKey = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  exportNodes.sort(byKey);
  exportEdges.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : byKey(a, b)));
  return memorySubgraph(deps, selection, exportNodes, exportEdges, summary.truncated);
}

/**
 * Resolves a selection. Throws ApiError NOT_FOUND when an `ids` selection
 * names no existing node or a neighborhood's center does not exist (thrown by
 * `neighborhood()`), and the
 * safe-query errors (403/400/408) for a `cypher` selection: all before any
 * byte of the export is written.
 */
export async function resolveSelection(deps: Deps, selection: Selection): Promise<Subgraph> {
  switch (selection.type) {
    case 'all':
      return allSubgraph(deps, selection);
    case 'cypher':
      return cypherSubgraph(deps, selection);
    case 'ids': {
      const found = await existingIds(deps, selection.ids);
      if (found.length === 0) {
        const shown = selection.ids.slice(0, 5).map((id) => `"${id}"`).join(', ');
        throw apiError('NOT_FOUND', `none of the ids exist: ${shown}${selection.ids.length > 5 ? ', ...' : ''}`);
      }
      const selected = new Set(found);
      let frontier = found;
      for (let hop = 0; hop < selection.depth && frontier.length; hop++) {
        const next: string[] = [];
        for (const batch of chunks(frontier, ID_BATCH)) {
          for (const rec of await read(deps, 'neighbor-ids', { ids: batch })) {
            const id = rec.get('id') as string;
            if (!selected.has(id)) {
              selected.add(id);
              next.push(id);
            }
          }
        }
        frontier = next;
      }
      return idSubgraph(deps, selection, selected, undefined, false);
    }
    case 'neighborhood': {
      const result = await neighborhood(deps, selection.id, {
        depth: selection.depth,
        types: selection.types,
        kinds: selection.kinds,
        status: selection.status,
        from: selection.from,
        to: selection.to,
        limit: selection.limit,
      });
      const nodeIds = new Set(result.nodes.map((n) => n.id));
      nodeIds.add(result.center);
      const edgeIds = new Set(result.edges.map((e) => e.id));
      return idSubgraph(deps, selection, nodeIds, edgeIds, result.truncated);
    }
  }
}
