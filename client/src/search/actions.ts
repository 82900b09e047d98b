/**
 * The search box's action: a picked entity is focused, brought onto the
 * canvas with its neighbours when it is not there, and shown even when it
 * was hidden (by the user or by its kind's filter).
 */
import { api } from '../api/index.ts';
import type { FiltersFeature } from '../filters/actions.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import { newItemsHighlight } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import type { SearchHit, Suggest } from './types.ts';
import { EntityPicker } from './view.ts';

/** Neighbours added with an entity picked in the search box. */
export const SEARCH_ADD_CAP = 25;

/** Suggestions for the search box and the path finder's pickers. */
export const suggestEntities: Suggest = async (text, signal) => (await api.search(text, { limit: 8 }, signal)).hits;

export class SearchFeature {
  private readonly picker: EntityPicker;

  constructor(
    private readonly s: Services,
    el: HTMLElement,
    private readonly f: { layout: LayoutFeature; panel: PanelFeature; filters: FiltersFeature },
  ) {
    this.picker = new EntityPicker({
      id: 'search-input',
      label: 'Search entities',
      placeholder: 'Search people, organizations, events…  ( / )',
      suggest: suggestEntities,
      icon: true,
      onPick: (hit) => void this.pick(hit),
    });
    el.appendChild(this.picker.el);
  }

  focus(): void {
    this.picker.focus();
  }

  async pick(hit: SearchHit): Promise<void> {
    const { state, progress, toasts } = this.s;
    if (!state.graph.hasNode(hit.id)) {
      try {
        const res = await progress.track('Adding', api.neighborhood(hit.id, { limit: SEARCH_ADD_CAP }));
        state.batch(() => {
          state.checkpoint();
          // Placed next to a neighbour already drawn.
          const near = res.nodes.find((n) => n.id !== hit.id && state.graph.hasNode(n.id))?.id;
          const added = state.graph.merge(res, { near });
          state.set({ added: [...state.view.added, hit.id] });
          const highlight = newItemsHighlight(added);
          if (highlight) state.set({ highlight });
        });
      } catch (e) {
        toasts.show(`Could not add ${hit.name}: ${(e as Error).message}`, 'error');
        return;
      }
    }
    const a = state.graph.node(hit.id);
    if (a?.hidden) state.graph.setHidden([hit.id], false);
    const f = state.view.filters;
    if (a && f.hiddenKinds.includes(a.kind)) {
      this.f.filters.setFilters({ ...f, hiddenKinds: f.hiddenKinds.filter((k) => k !== a.kind) });
      toasts.show(`Showing ${a.kind} entities to show ${hit.name}`);
    }
    await this.f.layout.run('incremental');
    state.set({ highlight: { kind: 'new', nodes: new Set([hit.id]), edges: new Set(), fadeOthers: false } });
    await this.f.panel.select({ type: 'node', id: hit.id }, { moveCamera: true });
  }
}
