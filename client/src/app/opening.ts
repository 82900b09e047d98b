/**
 * Opening the explorer: the opening view's requests (started before the app
 * is built), the link's view restored on top of it, and Reset, back to the
 * opening view. A link with the exact canvas in its fragment (see
 * view-link.ts) gets its entities, claims and places back as they were; an
 * older link re-runs its additions, expansions and query. Then hides, the
 * path, pins, camera and focus.
 */
import { api, isAbort, type GraphEdge, type GraphNode, type SchemaInfo } from '../api/index.ts';
import { expandParams } from '../filters/index.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import { EXPAND_CAP } from '../panel/entity-actions.ts';
import { addRecord, leftOutRecord } from '../panel/left-out.ts';
import type { PathsFeature } from '../paths/actions.ts';
import { SEARCH_ADD_CAP } from '../search/actions.ts';
import type { OpeningView, ViewState } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import { decodeUrlState, type UrlState } from '../url/index.ts';
import type { UrlSync } from './url-sync.ts';
import { restoreViewLink, viewOfHash, type Baseline } from './view-link.ts';
import type { DecodedViewLink } from '../url/view-link.ts';

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
export const OPENING_QUERY = 'MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->(m:Entity) RETURN n, r, m LIMIT 5000';

type OpeningData = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };

/** What prefetch() started: the URL's view (and the exact canvas of its fragment), and the schema and opening view requests. */
export interface Prefetched {
  url: UrlState;
  link: DecodedViewLink | null;
  schema: Promise<SchemaInfo | null>;
  opening: Promise<OpeningData>;
}

/**
 * The opening view: GET /api/graph (sources included, so showing them is a
 * filter toggle, not a request), or the same through Cypher when it fails.
 * `limit` / `edgeLimit` come from the URL (a big view); otherwise the default.
 */
export async function loadOpening(view: Pick<OpeningView, 'limit' | 'edgeLimit'>): Promise<OpeningData> {
  try {
    const { limit, edgeLimit } = view;
    if (limit === null && edgeLimit === null) return await api.graph({ limit: OPENING_LIMIT, includeSources: true });
    const n = limit ?? OPENING_LIMIT;
    return await api.graph({ limit: n, edgeLimit: edgeLimit ?? openingEdgeLimit(n), includeSources: true });
  } catch (e) {
    if (isAbort(e)) throw e;
    const res = await api.cypher(OPENING_QUERY);
    return { ...res.graph, truncated: res.truncated };
  }
}

/**
 * The opening view's requests, started before the app is built (main.ts
 * calls this first, so the download overlaps loading fonts and building the
 * canvas).
 */
export function prefetch(): Prefetched {
  const url = decodeUrlState(window.location.search);
  const opening = loadOpening(url);
  opening.catch(() => {}); // handled in start(); no unhandled-rejection report meanwhile
  return { url, link: viewOfHash(window.location.hash), schema: api.schema().catch(() => null), opening };
}

/** The schema, and the status order it gives (strongest first). */
function schemaView(schema: SchemaInfo | null): Partial<ViewState> {
  if (!schema) return {};
  return schema.statuses.length ? { schema, statusOrder: [...schema.statuses].sort((a, b) => b.rank - a.rank).map((s) => s.status) } : { schema };
}

export class Opening {
  constructor(
    private readonly s: Services,
    private readonly f: { layout: LayoutFeature; panel: PanelFeature; paths: PathsFeature; url: UrlSync },
  ) {}

  /** Draws the opening view and the link's view on top of it; resolves when it is laid out and the focus shown. */
  async start(pre: Prefetched): Promise<void> {
    const { state, canvas, progress, toasts } = this.s;
    const url = pre.url;
    const view: Partial<ViewState> = { filters: url.filters, metric: url.metric, opening: { limit: url.limit, edgeLimit: url.edgeLimit, autoLayout: url.autoLayout } };
    const task = progress.start('Loading the network');
    let placed = false;
    try {
      const [schema, opening] = await Promise.all([pre.schema, pre.opening]);
      performance.mark('claimgraph:opening-received');
      state.batch(() => {
        state.set({ ...view, ...schemaView(schema) });
        // A big opening view goes in with the renderer detached; the notification at the end of this batch draws it.
        // Not laid out on purpose (layout=0): the seeded places stand (filters and expansions lay out only what is new).
        canvas.bulk(() => state.graph.merge(opening, { laidOut: !url.autoLayout }));
        performance.mark('claimgraph:opening-merged');
      });
      this.f.url.setBaseline(baselineOf(opening));
      if (opening.truncated) toasts.show(`Showing the ${opening.nodes.length} best-connected entities; search or expand to bring in more`, 'info', 8000);
      placed = await this.restore(url, pre.link);
    } catch (e) {
      state.set(view);
      toasts.show(`Could not load the network: ${(e as Error).message}`, 'error', 20000);
    } finally {
      progress.end(task);
    }
    // A link's exact view stands where it stood: only what it did not place (if anything) is laid out.
    if (placed) await this.f.layout.run('incremental');
    else if (url.autoLayout) await this.f.layout.run('full');
    if (url.pinned.length) state.batch(() => url.pinned.forEach((id) => state.graph.setPinned(id, true)));
    if (url.camera) state.set({ camera: { ...url.camera, angle: 0 } });
    // A link's path shows its panel; otherwise its focus does.
    if (url.focus && !(url.path && state.view.highlight?.kind === 'path')) await this.f.panel.select({ type: 'node', id: url.focus }, { moveCamera: !url.camera });
    state.clearHistory();
    this.f.url.start({ edited: pre.link !== null });
  }

  /** Re-applies a shared view on top of the opening one; true when a link's exact view put every entity back in place. */
  private async restore(url: UrlState, link: DecodedViewLink | null): Promise<boolean> {
    const { state, toasts } = this.s;
    let placed = false;
    if (link) {
      try {
        placed = (await restoreViewLink(state, link)).placed;
        if (!placed) toasts.show('The data changed since this link was made: its entities were brought back and laid out again', 'info', 10000);
      } catch (e) {
        toasts.show(`The link's view could not be restored: ${(e as Error).message}`, 'error');
      }
      // The fragment holds what the query merged; the text stays for the console.
      if (url.query) state.set({ query: url.query });
    } else await this.replay(url);
    if (url.hidden.length) state.graph.setHidden(url.hidden, true);
    if (url.path) await this.f.paths.restore(url.path);
    return placed;
  }

  /** An older link (no exact view): its removals, additions, expansions and query run again. */
  private async replay(url: UrlState): Promise<void> {
    const { state, toasts } = this.s;
    if (url.removed.length) state.batch(() => {
      state.graph.removeNodes(url.removed);
      state.set({ removed: [...url.removed] });
    });
    for (const id of url.added) {
      const r = await api.neighborhood(id, { limit: SEARCH_ADD_CAP }).catch(() => null);
      state.batch(() => {
        if (r) state.graph.merge(r, { near: id });
        state.set({ added: [...state.view.added, id] });
      });
    }
    for (const id of url.expanded) {
      const v = state.view;
      const params = expandParams(v.filters, v.schema, v.statusOrder, { limit: EXPAND_CAP });
      const r = await api.neighborhood(id, params).catch(() => null);
      if (!r) continue;
      state.batch(() => {
        state.graph.merge(r, { near: id });
        state.graph.markExpanded(id);
        state.set({ leftOut: new Map(state.view.leftOut).set(id, addRecord(state.view.leftOut.get(id), leftOutRecord(r, params))) });
      });
    }
    if (url.query) {
      try {
        const res = await api.cypher(url.query);
        state.batch(() => {
          state.graph.merge(res.graph);
          state.set({ query: url.query });
        });
      } catch (e) {
        toasts.show(`The link's query failed: ${(e as Error).message}`, 'error');
      }
    }
  }

  /** Back to the opening view (one undoable step): its entities, default filters, nothing selected. */
  async reset(): Promise<void> {
    const { state, canvas, progress, toasts } = this.s;
    state.checkpoint();
    this.f.layout.stop();
    const task = progress.start('Resetting');
    let baseline: Baseline | null = null;
    try {
      const opening = await loadOpening(state.view.opening);
      baseline = baselineOf(opening);
      canvas.bulk(() =>
        state.batch(() => {
          state.graph.batch(() => {
            state.graph.clear();
            state.graph.merge(opening);
          });
          state.resetView();
        }),
      );
    } catch (e) {
      toasts.show(`Reset failed: ${(e as Error).message}`, 'error');
    } finally {
      progress.end(task);
    }
    await this.f.layout.run('full');
    // The opening view again: links need no exact view until it changes.
    if (baseline) this.f.url.setBaseline(baseline);
    canvas.fit();
  }
}

/** What the opening view drew, for links to state the canvas against. */
function baselineOf(opening: OpeningData): Baseline {
  return { nodes: new Set(opening.nodes.map((n) => n.id)), claims: new Set(opening.edges.map((e) => e.id)) };
}
