/**
 * The typed client of the claimgraph API. Every call takes an optional
 * AbortSignal; failures throw an ApiError with the server's code.
 *
 * @example
 *   const hits = await api.search('rajavi', { limit: 8 });
 *   const detail = await api.entity(hits.hits[0].id);
 */
import type {
  CypherResult,
  DownloadedFile,
  EntityDetail,
  ExportFormat,
  ExportView,
  Health,
  Neighborhood,
  NeighborhoodParams,
  Overview,
  OverviewParams,
  PathsParams,
  PathsResult,
  SchemaInfo,
  SearchResult,
  Selection,
} from './types.ts';
import { ApiError } from './errors.ts';
import { fileNameFrom, queryString } from './http.ts';

export { ApiError, isAbort } from './errors.ts';
export type * from './types.ts';

const BASE = '/api';

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(BASE + path, { ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) } });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw new ApiError('ABORTED', 'request cancelled', 0);
    throw new ApiError('NETWORK', `could not reach the server (${path.split('?')[0]}): ${(e as Error).message}`, 0, undefined, true);
  }
  if (!res.ok) {
    let body: { error?: { code?: string; message?: string; details?: unknown; retriable?: boolean } } | undefined;
    try {
      body = (await res.json()) as typeof body;
    } catch {
      body = undefined;
    }
    const err = body?.error;
    throw new ApiError(
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? `${res.status} ${res.statusText} from ${path.split('?')[0]}`,
      res.status,
      err?.details,
      err?.retriable ?? res.status >= 500,
    );
  }
  return res;
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await request(path, init);
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError('BAD_RESPONSE', `the server's answer to ${path.split('?')[0]} is not JSON`, res.status);
  }
}

function post(body: unknown, signal?: AbortSignal): RequestInit {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, signal };
}

export const api = {
  health: (signal?: AbortSignal) => json<Health>('/health', { signal }),

  schema: (signal?: AbortSignal) => json<SchemaInfo>('/schema', { signal }),

  /** The opening view: the best-connected entities and the claims among them. */
  graph: (p: OverviewParams = {}, signal?: AbortSignal) =>
    json<Overview>(
      `/graph${queryString({
        limit: p.limit,
        edgeLimit: p.edgeLimit,
        includeSources: p.includeSources === undefined ? undefined : String(p.includeSources),
        kinds: p.kinds,
        dataset: p.dataset,
      })}`,
      { signal },
    ),

  search: (q: string, opts: { kinds?: string[]; limit?: number } = {}, signal?: AbortSignal) =>
    json<SearchResult>(`/search${queryString({ q, kinds: opts.kinds, limit: opts.limit })}`, { signal }),

  entity: (id: string, signal?: AbortSignal) => json<EntityDetail>(`/entities/${encodeURIComponent(id)}`, { signal }),

  neighborhood: (id: string, p: NeighborhoodParams = {}, signal?: AbortSignal) =>
    json<Neighborhood>(
      `/entities/${encodeURIComponent(id)}/neighborhood${queryString({
        depth: p.depth,
        types: p.types,
        kinds: p.kinds,
        status: p.status,
        from: p.from,
        to: p.to,
        limit: p.limit,
      })}`,
      { signal },
    ),

  paths: (p: PathsParams, signal?: AbortSignal) =>
    json<PathsResult>(`/paths${queryString({ from: p.from, to: p.to, maxHops: p.maxHops, status: p.status })}`, { signal }),

  cypher: (query: string, params?: Record<string, unknown>, signal?: AbortSignal) =>
    json<CypherResult>('/cypher', post(params ? { query, params } : { query }, signal)),

  /**
   * Downloads an export; the file name comes from the server's Content-Disposition.
   * `view` (GEXF, GraphML): the picture as drawn, written as positions, colours and
   * sizes; `raw` (CSV): cells as they are, formulas not neutralized.
   */
  async export(format: ExportFormat, selection: Selection, signal?: AbortSignal, opts: { view?: ExportView; raw?: boolean } = {}): Promise<DownloadedFile> {
    const res = await request('/export', post({ format, selection, ...(opts.view ? { view: opts.view } : {}), ...(opts.raw ? { raw: true } : {}) }, signal));
    const blob = await res.blob();
    return {
      blob,
      fileName: fileNameFrom(res.headers.get('content-disposition'), `claimgraph.${format}`),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    };
  },
};

export type Api = typeof api;
