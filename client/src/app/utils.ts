/** Constants and small helpers of the app shell. */

/** How many entities the opening view draws at most (best connected first); `?limit=N` asks for more. */
export const OPENING_LIMIT = 2000;

/**
 * The claims asked for with a `?limit=N` opening view when `edgeLimit` is not
 * given: ten per entity, between the API's default (20 000) and its maximum.
 */
export function openingEdgeLimit(limit: number): number {
  return Math.min(500_000, Math.max(20_000, limit * 10));
}

/**
 * The opening view through Cypher, for a server without GET /api/graph (or
 * when it fails): every entity and claim, bounded.
 */
export const OPENING_QUERY =
  'MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->(m:Entity) RETURN n, r, m LIMIT 5000';

/** Neighbours an expansion adds at most; the rest is summarized. */
export const EXPAND_CAP = 40;
/** Neighbours added with an entity picked in the search box. */
export const SEARCH_ADD_CAP = 25;
/** "Show" on a left-out summary fetches up to this many of that type. */
export const LEFT_OUT_CAP = 1000;

export const DEFAULT_STATUS_ORDER = ['documented', 'reported', 'assessment', 'alleged', 'disputed'];

export interface SummaryOfView {
  nodes: number;
  edges: number;
  claims: number;
  visibleNodes: string[];
  visibleEdges: { id: string; source: string; target: string; type: string; statuses: string[]; claims: string[] }[];
  renderedNodes: number;
  selected: { type: 'node' | 'edge'; id: string } | null;
  highlight: { kind: string; nodes: string[]; edges: string[] } | null;
  layoutRunning: boolean;
  busy: number;
  panel: string | null;
  filters: { hiddenKinds: string[]; hiddenTypes: string[]; hiddenStatuses: string[]; hiddenDatasets: string[]; yearFrom: number | null; yearTo: number | null };
  camera: { x: number; y: number; ratio: number };
}

/** True when the keyboard event's target is a text field (shortcuts stay out of its way). */
export function typingIn(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable || !!t.closest('.cm-editor'));
}
