/**
 * Paths, pure: what the canvas highlights for a paths answer; the answer as
 * routes you can audit (each route a sequence of entities, each step with
 * every claim that makes it, the weakest step named); the API parameters of
 * a search under the canvas's filters; and why nothing was found, in words.
 */
import type { Claim, GraphEdge, PathsParams, PathsResult, SchemaInfo } from '../api/types.ts';
import type { Filters } from '../filters/types.ts';
import { foldKey } from '../graph/fold.ts';
import { typeLabel } from '../graph/format.ts';
import type { PathQuery } from './types.ts';

export type { PathQuery, PathDirection } from './types.ts';
export { DEFAULT_MAX_HOPS, HOP_CHOICES, MAX_HOPS } from './types.ts';

export function pathHighlight(result: PathsResult, only?: number): { nodes: Set<string>; edges: Set<string> } {
  const byId = new Map(result.edges.map((e) => [e.id, e] as const));
  const nodes = new Set<string>();
  const edges = new Set<string>();
  result.paths.forEach((p, i) => {
    if (only !== undefined && i !== only) return;
    p.nodes.forEach((n) => nodes.add(n));
    for (const id of p.edges) {
      const e = byId.get(id);
      if (e) edges.add(foldKey(e.source, e.type, e.target));
    }
  });
  return { nodes, edges };
}

/** One step of a route: from one entity to the next, with every claim that makes it (strongest first). */
export interface RouteStep {
  from: string;
  to: string;
  claims: Claim[];
  /** The strongest claim's status: how strong the step is. */
  status: string;
}

/** Paths through the same entities, as one route: each step with all their claims. */
export interface Route {
  nodes: string[];
  steps: RouteStep[];
  /** Indexes into the answer's paths that run this route. */
  paths: number[];
  /** The step whose strongest claim is the weakest (the first such step). */
  weakest: number;
}

const rankOf = (order: readonly string[], status: string) => {
  const i = order.indexOf(status);
  return i < 0 ? order.length : i;
};

/** A claim of an answer as the panel shows claims (names, kinds, the source resolved). */
export function claimOf(e: GraphEdge, result: PathsResult): Claim {
  const node = (id: string) => {
    const n = result.nodes.find((x) => x.id === id);
    return { id, name: n?.name ?? id, kind: n?.kind ?? '' };
  };
  const source = result.sources.find((s) => s.id === e.sourceId) ?? null;
  return { id: e.id, type: e.type, direction: 'out', from: node(e.source), to: node(e.target), status: e.status ?? '', quote: e.quote ?? '', source, properties: e.properties };
}

/**
 * The answer's paths grouped by the entities they run through (all shortest
 * paths often differ only by which of two parallel claims they take), in
 * the answer's order, each with its steps and its weakest step.
 */
export function routesOf(result: PathsResult, statusOrder: readonly string[]): Route[] {
  const byId = new Map(result.edges.map((e) => [e.id, e] as const));
  const routes = new Map<string, Route>();
  result.paths.forEach((p, i) => {
    const key = p.nodes.join('\u0000');
    let r = routes.get(key);
    if (!r) {
      r = { nodes: p.nodes, steps: p.edges.map((_, j) => ({ from: p.nodes[j]!, to: p.nodes[j + 1]!, claims: [], status: '' })), paths: [], weakest: 0 };
      routes.set(key, r);
    }
    r.paths.push(i);
    p.edges.forEach((id, j) => {
      const e = byId.get(id);
      const step = r.steps[j];
      if (e && step && !step.claims.some((c) => c.id === id)) step.claims.push(claimOf(e, result));
    });
  });
  for (const r of routes.values()) {
    for (const s of r.steps) {
      s.claims.sort((a, b) => rankOf(statusOrder, a.status) - rankOf(statusOrder, b.status) || a.id.localeCompare(b.id));
      s.status = s.claims[0]?.status ?? '';
    }
    r.weakest = r.steps.reduce((w, s, j) => (rankOf(statusOrder, s.status) > rankOf(statusOrder, r.steps[w]!.status) ? j : w), 0);
  }
  return [...routes.values()];
}

/** The canvas's filters as path-search parameters: no path through a claim or an entity they hide. */
export function filterParams(f: Filters, schema: SchemaInfo | null, statusOrder: readonly string[]): Partial<PathsParams> {
  const out: Partial<PathsParams> = {};
  if (f.hiddenStatuses.length) out.statuses = statusOrder.filter((s) => !f.hiddenStatuses.includes(s));
  const allTypes = schema?.vocabulary.map((v) => v.type) ?? [];
  if (f.hiddenTypes.length && allTypes.length) out.types = allTypes.filter((t) => !f.hiddenTypes.includes(t));
  const allKinds = schema?.kinds.map((k) => k.kind) ?? [];
  const hiddenKinds = f.hiddenKinds.filter((k) => k !== 'source');
  if (hiddenKinds.length && allKinds.length) out.kinds = allKinds.filter((k) => !f.hiddenKinds.includes(k));
  if (f.hiddenDatasets.length) out.hiddenDatasets = [...f.hiddenDatasets];
  if (f.yearFrom !== null) out.yearFrom = f.yearFrom;
  if (f.yearTo !== null) out.yearTo = f.yearTo;
  if ((f.yearFrom !== null || f.yearTo !== null) && !f.keepUndated) out.undated = false;
  return out;
}

/**
 * The API parameters of a search: the path finder's choices, and the
 * canvas's filters unless the search ignores them. Types chosen in the
 * finder and types the canvas shows both apply. Null when the filters
 * leave no type or no status to go through.
 */
export function pathParams(q: PathQuery, f: Filters, schema: SchemaInfo | null, statusOrder: readonly string[]): PathsParams | null {
  const fromFilters = q.canvasFilters ? filterParams(f, schema, statusOrder) : {};
  if (fromFilters.statuses?.length === 0) return null;
  let types = q.types;
  if (fromFilters.types) types = types ? types.filter((t) => fromFilters.types!.includes(t)) : fromFilters.types;
  if (types && types.length === 0) return null;
  return { ...fromFilters, from: q.from, to: q.to, maxHops: q.maxHops, status: q.status ?? undefined, direction: q.direction, types: types ?? undefined };
}

/** The filters a search followed, in words, for the panel ("alleged, disputed hidden · 2003–2012"). */
export function filtersInWords(p: PathsParams, statusOrder: readonly string[]): string[] {
  const out: string[] = [];
  if (p.statuses) out.push(`${statusOrder.filter((s) => !p.statuses!.includes(s)).join(', ')} hidden`);
  if (p.kinds) out.push(`only through ${p.kinds.filter((k) => k !== 'source').join(', ')}`);
  if (p.hiddenDatasets?.length) out.push(`datasets ${p.hiddenDatasets.join(', ')} hidden`);
  if (p.yearFrom !== undefined || p.yearTo !== undefined) out.push(`${p.yearFrom ?? '…'}–${p.yearTo ?? '…'}${p.undated === false ? ', dated only' : ''}`);
  return out;
}

/** The search's limits in words ("claims at least reported · within 4 hops · out from Maryam Rajavi · LEADS, FUNDED"). */
export function limitsInWords(q: PathQuery, names: { from: string; to: string }): string[] {
  return [
    q.status ? `claims at least ${q.status}` : 'any claim',
    `within ${q.maxHops} hop${q.maxHops === 1 ? '' : 's'}`,
    q.direction === 'out' ? `each claim pointing from ${names.from} onwards` : q.direction === 'in' ? `each claim pointing from ${names.to} onwards` : 'either direction',
    q.types ? q.types.map(typeLabel).join(', ') : 'every relationship',
  ];
}

type Blocked = NonNullable<PathsResult['blocked']>;
export type PathLimit = Blocked['by'][number]['limit'];

/** Why nothing was found: each limit that alone stopped a path, what relaxing it finds, and the query that relaxes it. */
export function blockedInWords(q: PathQuery, blocked: Blocked): { limit: PathLimit | 'all'; text: string; relaxed: PathQuery }[] {
  const hops = (n: number) => `${n} hop${n === 1 ? '' : 's'}`;
  const out: { limit: PathLimit | 'all'; text: string; relaxed: PathQuery }[] = blocked.by.map((b) => {
    switch (b.limit) {
      case 'strength':
        return { limit: b.limit, text: `Claim strength: with claims of any status, a path of ${hops(b.hops)} exists.`, relaxed: { ...q, status: null } };
      case 'filters':
        return { limit: b.limit, text: `The canvas filters: a path of ${hops(b.hops)} runs through claims or entities they hide.`, relaxed: { ...q, canvasFilters: false } };
      case 'types':
        return { limit: b.limit, text: `Relationship types: with every type, a path of ${hops(b.hops)} exists.`, relaxed: { ...q, types: null } };
      case 'direction':
        return { limit: b.limit, text: `Direction: with claims in either direction, a path of ${hops(b.hops)} exists.`, relaxed: { ...q, direction: 'any' } };
      case 'hops':
        return { limit: b.limit, text: `Hops: the shortest path takes ${hops(b.hops)}, more than ${q.maxHops}.`, relaxed: { ...q, maxHops: Math.max(b.hops, q.maxHops) } };
    }
  });
  if (!out.length && blocked.relaxedHops !== null) {
    out.push({
      limit: 'all',
      text: `No single limit: only with all of them relaxed is there a path (${hops(blocked.relaxedHops)}).`,
      relaxed: { ...q, status: null, canvasFilters: false, types: null, direction: 'any', maxHops: Math.max(blocked.relaxedHops, q.maxHops) },
    });
  }
  return out;
}
