/**
 * The sidebar's actions (filters, size metric, showing what the user hid)
 * and the sidebar itself, redrawn when what it shows changed.
 */
import { hasStoredMetrics } from '../graph/metrics.ts';
import type { ColorBy, SizeMetric } from '../graph/types.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { Change } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import type { Filters } from './types.ts';
import { Sidebar } from './view.ts';

export class FiltersFeature {
  private readonly sidebar: Sidebar;

  constructor(
    private readonly s: Services,
    el: HTMLElement,
    private readonly layout: LayoutFeature,
  ) {
    this.sidebar = new Sidebar(el, {
      setFilters: (f) => this.setFilters(f),
      setMetric: (m) => this.setMetric(m),
      setColorBy: (c) => this.setColorBy(c),
      showHidden: () => this.showAllHidden(),
    });
  }

  /** New filters; entities they bring in that were never laid out get a place. */
  setFilters(f: Filters): void {
    const { state } = this.s;
    state.set({ filters: f });
    const shown = state.visibility.nodes;
    if (shown.size && [...shown].some((id) => !state.graph.node(id)?.laidOut)) void this.layout.run('incremental');
  }

  setMetric(m: SizeMetric): void {
    this.s.state.set({ metric: m });
  }

  setColorBy(c: ColorBy): void {
    this.s.state.set({ colorBy: c });
  }

  /** Shows every entity the user hid (one undoable step). */
  showAllHidden(): void {
    const { state } = this.s;
    const hidden = state.graph.hiddenByUser();
    if (!hidden.length) return;
    state.batch(() => {
      state.checkpoint();
      state.graph.setHidden(hidden, false);
    });
  }

  /** The state's subscriber: the legend's counts follow the graph and filters; a big view's notice follows the layout. */
  onChange(c: Change): void {
    if (c.has('graph', 'filters', 'metric', 'colorBy', 'statusOrder', 'schema') || (c.has('layout') && this.s.state.isBig)) this.render();
  }

  private render(): void {
    const { state } = this.s;
    const v = state.view;
    this.sidebar.render({
      schema: v.schema,
      filters: v.filters,
      visibility: state.visibility,
      metric: v.metric,
      colorBy: v.colorBy,
      wholeGraph: hasStoredMetrics(state.graph.graph, state.visibility.nodes),
      hiddenByUser: state.graph.hiddenByUser().length,
      big: state.isBig ? { laidOut: v.layout.fullRunDone, layingOut: v.layout.running } : null,
    });
  }
}
