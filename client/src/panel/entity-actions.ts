/**
 * What the entity panel's buttons (and a double-click on a node) do to the
 * canvas: expand its neighbours, show what an expansion left out, hide,
 * pin, remove. Each is one undoable change of the state.
 */
import { api, type Neighborhood } from '../api/index.ts';
import { expandParams } from '../filters/index.ts';
import type { MergeResult } from '../graph/index.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import { newItemsHighlight } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import type { PanelFeature } from './actions.ts';

/** Neighbours an expansion adds at most; the rest is summarized. */
export const EXPAND_CAP = 40;
/** "Show" on a left-out summary fetches up to this many of that type. */
export const LEFT_OUT_CAP = 1000;

/** What an expansion did, in a sentence (claims the caps left out included). */
export function expandMessage(added: MergeResult, res: Pick<Neighborhood, 'leftOut' | 'edgesLeftOut'>, name: string): string {
  const more = res.leftOut.reduce((n, l) => n + l.claims, 0);
  // Claims among the entities shown that the edge cap did not draw (a dense neighbourhood).
  const undrawn = (res.edgesLeftOut ?? []).reduce((n, l) => n + l.claims, 0);
  const undrawnNote = undrawn ? `; ${undrawn.toLocaleString('en')} claims among them not drawn (the strongest are; open an entity for all of its claims)` : '';
  return added.nodes.length || added.claims.length
    ? `Added ${added.nodes.length} entities and ${added.claims.length} claims${more ? `; ${more} more claims not shown (see the panel)` : ''}${undrawnNote}`
    : `Nothing new around ${name}${more ? `; ${more} claims left out by the cap` : ''}${undrawnNote}`;
}

export class EntityActions {
  constructor(
    private readonly s: Services,
    private readonly layout: LayoutFeature,
    private readonly panel: PanelFeature,
  ) {}

  /** Brings in the entity's neighbours (under the filters, up to a cap), lays out what is new and selects it. */
  async expand(id: string, opts: { types?: string[]; limit?: number } = {}): Promise<void> {
    const { state, progress, toasts } = this.s;
    try {
      const v = state.view;
      const params = expandParams(v.filters, v.schema, v.statusOrder, { types: opts.types, limit: opts.limit ?? EXPAND_CAP });
      const res = await progress.track('Expanding', api.neighborhood(id, params));
      const added = state.batch(() => {
        state.checkpoint();
        if (!state.graph.hasNode(id)) state.set({ added: [...state.view.added, id] });
        const added = state.graph.merge(res, { near: id });
        state.graph.markExpanded(id);
        state.set({ leftOut: new Map(state.view.leftOut).set(id, res.leftOut) });
        if (state.graph.node(id)?.hidden) state.graph.setHidden([id], false);
        const highlight = newItemsHighlight(added);
        if (highlight) state.set({ highlight });
        return added;
      });
      toasts.show(expandMessage(added, res, state.graph.node(id)?.label ?? id), added.nodes.length ? 'success' : 'info');
      await this.layout.run('incremental');
      await this.panel.select({ type: 'node', id });
    } catch (e) {
      toasts.show(`Could not expand: ${(e as Error).message}`, 'error');
    }
  }

  /** "Show" on a row of what an expansion left out: that relationship type, up to a larger cap. */
  showLeftOut(id: string, type: string): Promise<void> {
    return this.expand(id, { types: [type], limit: LEFT_OUT_CAP });
  }

  /**
   * Expands several entities as one step: their neighbourhoods are fetched
   * (a few at a time), merged in one change (one undo), laid out once; the
   * selection stays.
   */
  async expandMany(ids: readonly string[]): Promise<void> {
    const { state, progress, toasts } = this.s;
    if (ids.length === 1) return this.expand(ids[0]!);
    const v = state.view;
    const params = expandParams(v.filters, v.schema, v.statusOrder, { limit: EXPAND_CAP });
    try {
      const answers = await progress.track(`Expanding ${ids.length} entities`, mapLimited(ids, 3, (id) => api.neighborhood(id, params)));
      const added = state.batch(() => {
        state.checkpoint();
        const total: MergeResult = { nodes: [], claims: [], edges: [] };
        const leftOut = new Map(state.view.leftOut);
        answers.forEach((res, i) => {
          const id = ids[i]!;
          const a = state.graph.merge(res, { near: id });
          total.nodes.push(...a.nodes);
          total.claims.push(...a.claims);
          total.edges.push(...a.edges);
          state.graph.markExpanded(id);
          leftOut.set(id, res.leftOut);
        });
        state.set({ leftOut });
        const highlight = newItemsHighlight(total);
        if (highlight) state.set({ highlight });
        return total;
      });
      toasts.show(`Expanded ${ids.length} entities: added ${added.nodes.length} entities and ${added.claims.length} claims`, added.nodes.length ? 'success' : 'info');
      await this.layout.run('incremental');
    } catch (e) {
      toasts.show(`Could not expand: ${(e as Error).message}`, 'error');
    }
  }

  toggleHidden(id: string): void {
    const a = this.s.state.graph.node(id);
    if (a) this.setHidden([id], !a.hidden);
  }

  /** Hides (or shows) entities, as one undoable step. */
  setHidden(ids: readonly string[], hidden: boolean): void {
    const { state } = this.s;
    const present = ids.filter((id) => state.graph.hasNode(id));
    if (!present.length) return;
    state.batch(() => {
      state.checkpoint();
      state.graph.setHidden(present, hidden);
    });
  }

  pin(id: string, pinned: boolean): void {
    this.setPinned([id], pinned);
  }

  /** Pins (or unpins) entities, as one undoable step. */
  setPinned(ids: readonly string[], pinned: boolean): void {
    const { state } = this.s;
    state.batch(() => {
      state.checkpoint();
      for (const id of ids) if (state.graph.hasNode(id)) state.graph.setPinned(id, pinned);
    });
  }

  remove(id: string): void {
    this.removeMany([id]);
  }

  /** Removes entities and their claims from the canvas, as one undoable step; they leave the selection. */
  removeMany(ids: readonly string[]): void {
    const { state, toasts } = this.s;
    const present = ids.filter((id) => state.graph.hasNode(id));
    if (!present.length) return;
    const gone = new Set(present);
    state.batch(() => {
      state.checkpoint();
      state.graph.removeNodes(present);
      state.set({ removed: [...new Set([...state.view.removed, ...present])], added: state.view.added.filter((x) => !gone.has(x)) });
      const sel = state.view.selection;
      const focusGone = sel.focus?.type === 'node' && gone.has(sel.focus.id);
      const edges = [...sel.edges].filter((e) => state.graph.graph.hasEdge(e));
      if (focusGone || [...sel.nodes].some((n) => gone.has(n)) || edges.length !== sel.edges.size) {
        state.set({ selection: { focus: focusGone ? null : sel.focus, nodes: new Set([...sel.nodes].filter((n) => !gone.has(n))), edges: new Set(edges) } });
      }
    });
    toasts.show(present.length === 1 ? 'Removed from the canvas (Undo brings it back)' : `Removed ${present.length} entities from the canvas (Undo brings them back)`);
  }
}

/** Runs `fn` over the items with at most `limit` at a time; the answers in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
