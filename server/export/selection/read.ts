/**
 * The reads of the export selections: statements of cypher/export/ through
 * the one read path (neo4j/read.ts) with the export's time limit
 * (EXPORT_TIMEOUT_MS), the caller's abort signal and the one error mapping;
 * plus the batching helpers they share.
 */
import type { Node, Record as Neo4jRecord } from 'neo4j-driver';
import type { Deps } from '../../kernel/deps.ts';
import { cypher } from '../../neo4j/cypher.ts';
import { read as readPath, streamRead } from '../../neo4j/read.ts';
import { toExportNode, type ExportNode } from '../subgraph.ts';

export const NODE_PAGE = 2000;
export const EDGE_PAGE = 5000;
export const ID_BATCH = 1000;
export const CLAIM_BATCH = 1000;
/** Source ids fetched at a time. */
export const SOURCE_ID_FETCH = 5000;

/**
 * A statement of cypher/export/ through the one read path (timeout
 * EXPORT_TIMEOUT_MS, the caller's abort signal, errors mapped).
 */
export async function read(deps: Deps, name: string, params: Record<string, unknown>): Promise<Neo4jRecord[]> {
  return readPath(deps, cypher(`export/${name}`), params, { timeoutMs: deps.config.EXPORT_TIMEOUT_MS });
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function* nodesById(deps: Deps, ids: readonly string[]): AsyncGenerator<ExportNode[]> {
  for (const batch of chunks(ids, ID_BATCH)) {
    const recs = await read(deps, 'nodes-by-id', { ids: batch });
    if (recs.length) yield recs.map((r) => toExportNode(r.get('n') as Node));
  }
}

/**
 * Streams a statement of cypher/export/ in one read transaction, in batches
 * of `size` (also the fetch size); the database does the sorting.
 */
export async function* streamed<T>(deps: Deps, name: string, params: Record<string, unknown>, map: (r: Neo4jRecord) => T, size: number): AsyncGenerator<T[]> {
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

export function sortedUnique(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function existingIds(deps: Deps, ids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const batch of chunks(sortedUnique(ids), 10_000)) {
    for (const r of await read(deps, 'existing-ids', { ids: batch })) found.push(r.get('id') as string);
  }
  return found;
}

export function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    if (!p) {
      p = f();
      p.catch(() => (p = undefined));
    }
    return p;
  };
}
