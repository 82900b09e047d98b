/**
 * What the entity panel's buttons (and a double-click on a node) do to the
 * canvas: expand its neighbours, show what an expansion left out, hide,
 * pin, remove. Each is one undoable change of the state.
 */
import { api, type LeftOut, type Neighborhood } from '../api/index.ts';
import { expandParams } from '../filters/index.ts';
import type { MergeResult } from '../graph/index.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import { newItemsHighlight } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import type { PanelFeature } from './actions.ts';
import { addRecord, leftOutRecord, remainingLeftOut } from './left-out.ts';

/** Neighbours an expansion adds at most; the rest is summarized. */
export const EXPAND_CAP = 40;
/** "Show" on a left-out summary fetches up to this many of that type. */
export const LEFT_OUT_CAP = 1000;

/**
 * What an expansion did, in a sentence: what it added, and what is still not
 * on the canvas (`remaining`: what the caps left out less what the canvas
 * already has).
 */
export function expandMessage(added: MergeResult, remaining: readonly LeftOut[], res: Pick<Neighborhood, 'edgesLeftOut'>, name: string): string {
  const more = remaining.reduce((n, l) => n + l.claims, 0);
  // Claims among the entities shown that the edge cap did not draw (a dense neighbourhood).
  const undrawn = (res.edgesLeftOut ?? []).reduce((n, l) => n + l.claims, 0);
  const undrawnNote = undrawn ? `; ${undrawn.toLocaleString('en')} claims among them not drawn (the strongest are; open an entity for all of its claims)` : '';
  const moreNote = more ? `; ${more.toLocaleString('en')} more claim${more === 1 ? '' : 's'} not shown (see the panel)` : '';
  return added.nodes.length || added.claims.length
    ? `Added ${added.nodes.length} entities and ${added.claims.length} claims${moreNote}${undrawnNote}`
    : `Nothing new around ${name}: ${more ? `everything within the cap is already on the canvas${moreNote}` : 'all of its claims are on the canvas'}${undrawnNote}`;
}

/** The part of a neighbourhood answer going one way from its centre: claims whose subject (out) or object (in) it is, and their entities. */
export function oneWay(res: Neighborhood, center: string, direction: 'out' | 'in'): Neighborhood {
  const edges = res.edges.filter((e) => (direction === 'out' ? e.source === center : e.target === center));
  const keep = new Set([center, ...edges.flatMap((e) => [e.source, e.target])]);
  return { ...res, nodes: res.nodes.filter((n) => keep.has(n.id)), edges, leftOut: [], edgesLeftOut: [] };
}

export class EntityActions {
  constructor(
    private readonly s: Services,
    private readonly layout: LayoutFeature,
    private readonly panel: PanelFeature,
  ) {}

  /** Brings in the entity's neighbours (under the filters, up to a cap), lays out what is new and selects it. */
  async expand(id: string, opts: { types?: string[]; limit?: number; direction?: 'out' | 'in' } = {}): Promise<void> {
    const { state, progress, toasts } = this.s;
    try {
      const v = state.view;
      const params = expandParams(v.filters, v.schema, v.statusOrder, { types: opts.types, limit: opts.limit ?? EXPAND_CAP });
      const answer = await progress.track('Expanding', api.neighborhood(id, params));
      // One direction (the context menu): the answer's claims the other way are dropped, and it answers for no "not shown" row.
      const res = opts.direction ? oneWay(answer, id, opts.direction) : answer;
      const added = state.batch(() => {
        state.checkpoint();
        if (!state.graph.hasNode(id)) state.set({ added: [...state.view.added, id] });
        const added = state.graph.merge(res, { near: id });
        state.graph.markExpanded(id);
        if (!opts.direction) state.set({ leftOut: new Map(state.view.leftOut).set(id, addRecord(state.view.leftOut.get(id), leftOutRecord(res, params))) });
        if (state.graph.node(id)?.hidden) state.graph.setHidden([id], false);
        const highlight = newItemsHighlight(added);
        if (highlight) state.set({ highlight });
        return added;
      });
      const remaining = remainingLeftOut(state.graph, id, state.view.leftOut.get(id));
      toasts.show(expandMessage(added, remaining, res, state.graph.node(id)?.label ?? id), added.nodes.length ? 'success' : 'info');
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

  toggleHidden(id: string): void {
    const { state } = this.s;
    const a = state.graph.node(id);
    if (!a) return;
    state.batch(() => {
      state.checkpoint();
      state.graph.setHidden([id], !a.hidden);
    });
  }

  pin(id: string, pinned: boolean): void {
    const { state } = this.s;
    state.batch(() => {
      state.checkpoint();
      state.graph.setPinned(id, pinned);
    });
  }

  remove(id: string): void {
    const { state, toasts } = this.s;
    if (!state.graph.hasNode(id)) return;
    state.batch(() => {
      state.checkpoint();
      state.graph.removeNodes([id]);
      state.set({ removed: [...new Set([...state.view.removed, id])], added: state.view.added.filter((x) => x !== id) });
      const f = state.view.selection.focus;
      if (f?.type === 'node' && f.id === id) state.select(null);
    });
    toasts.show('Removed from the canvas (Undo brings it back)');
  }
}
