/**
 * The investigations endpoints: saved views (/api/views) and the current
 * form of claims (/api/claims/current). Writing a saved view sends the API
 * token when the user gave one (kept for this tab only, in sessionStorage);
 * a 401 tells the caller to ask for it.
 */
import { ApiError } from '../api/index.ts';
import type { CurrentClaims, InvestigationDocument, SavedView, SavedViewList, SavedViewSummary } from './types.ts';

const TOKEN_KEY = 'claimgraph.apiToken';

export const token = {
  get: (): string | null => {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set: (t: string | null): void => {
    try {
      if (t) sessionStorage.setItem(TOKEN_KEY, t);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage off: the token lasts until the next 401 */
    }
  },
};

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
  const t = token.get();
  if (t && init.method && init.method !== 'GET') headers.Authorization = `Bearer ${t}`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { ...init, headers });
  } catch (e) {
    throw new ApiError('NETWORK', `could not reach the server: ${(e as Error).message}`, 0, undefined, true);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(err?.code ?? `HTTP_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`, res.status, err?.details, res.status >= 500);
  }
  return body as T;
}

export const viewsApi = {
  list: () => call<SavedViewList>('/views'),
  get: (id: string) => call<SavedView>(`/views/${encodeURIComponent(id)}`),
  create: (name: string, document: InvestigationDocument) => call<SavedViewSummary>('/views', { method: 'POST', body: JSON.stringify({ name, document }) }),
  update: (id: string, patch: { name?: string; document?: InvestigationDocument }) =>
    call<SavedViewSummary>(`/views/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(patch) }),
  remove: (id: string) => call<{ deleted: string }>(`/views/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  current: (req: { claims: { id: string; from: string }[]; entities: string[] }) => call<CurrentClaims>('/claims/current', { method: 'POST', body: JSON.stringify(req) }),
};
