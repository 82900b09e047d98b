/**
 * The path finder's actions: find the shortest paths between two entities
 * under the finder's limits and the canvas's filters (bringing the paths
 * onto the canvas, highlighted, framed around the open panels, listed step
 * by step in the panel), show one route, clear them, and put back the path
 * of a shared link.
 */
import { api, type GraphNode, type PathsResult } from '../api/index.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import type { Suggest } from '../search/types.ts';
import type { Highlight } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import type { PathsContent } from './content.ts';
import { filtersInWords, pathHighlight, pathParams, routesOf } from './index.ts';
import type { PathQuery } from './types.ts';
import { PathFinder } from './view.ts';

function highlightOf(result: PathsResult, only?: number[]): Highlight {
  const parts = only ? only.map((i) => pathHighlight(result, i)) : [pathHighlight(result)];
  return { kind: 'path', nodes: new Set(parts.flatMap((p) => [...p.nodes])), edges: new Set(parts.flatMap((p) => [...p.edges])), fadeOthers: true };
}

export class PathsFeature {
  readonly finder: PathFinder;

  constructor(
    private readonly s: Services,
    private readonly layout: LayoutFeature,
    private readonly panel: PanelFeature,
    suggest: Suggest,
  ) {
    const types = () => [...(s.state.view.schema?.relationshipTypes ?? [])].filter((t) => t.count > 0).sort((a, b) => b.count - a.count).map((t) => t.type);
    this.finder = new PathFinder({ suggest, statuses: () => [...s.state.view.statusOrder], types }, (q) => void this.find(q), () => this.clear());
  }

  /** Names of entities: those on the canvas, and those of an answer. */
  private names(nodes: GraphNode[]): Map<string, string> {
    const m = new Map<string, string>();
    this.s.state.graph.graph.forEachNode((id, a) => m.set(id, a.label));
    nodes.forEach((n) => m.set(n.id, n.name));
    return m;
  }

  /** The API's answer for a query under the state's filters; null when the filters leave nothing to go through. */
  private async ask(q: PathQuery): Promise<{ result: PathsResult; filters: string[] } | null> {
    const v = this.s.state.view;
    const params = pathParams(q, v.filters, v.schema, v.statusOrder);
    if (!params) return null;
    const result = await this.s.progress.track('Finding paths', api.paths(params));
    return { result, filters: filtersInWords(params, v.statusOrder) };
  }

  async find(q: PathQuery): Promise<void> {
    const { state, toasts } = this.s;
    try {
      const answer = await this.ask(q);
      if (!answer) {
        toasts.show('The canvas filters leave no claim to go through: show some statuses or relationship types, or search ignoring the filters', 'error', 8000);
        return;
      }
      const { result, filters } = answer;
      const content: PathsContent = { type: 'paths', query: q, result, names: this.names(result.nodes), filters };
      if (!result.paths.length) {
        state.set({ path: q, highlight: null });
        this.panel.show(content);
        this.finder.toggle(false);
        return;
      }
      const highlight = highlightOf(result);
      state.batch(() => {
        state.checkpoint();
        state.graph.merge(result);
        const onPath = new Set(result.paths.flatMap((p) => p.nodes));
        const hiddenOnPath = state.graph.hiddenByUser().filter((id) => onPath.has(id));
        if (hiddenOnPath.length) state.graph.setHidden(hiddenOnPath, false);
        state.set({ path: q, highlight });
        state.select(null);
      });
      this.panel.show({ ...content, names: this.names(result.nodes) });
      this.finder.toggle(false);
      await this.layout.run('incremental');
      this.s.canvas.fit(highlight.nodes);
      const hiddenEdges = [...highlight.edges].filter((e) => !state.visibility.edges.has(e)).length;
      if (hiddenEdges) toasts.show(`${hiddenEdges} step(s) of the path are hidden by the filters`, 'info');
    } catch (e) {
      toasts.show(`Path search failed: ${(e as Error).message}`, 'error');
    }
  }

  /** Highlights one route of those listed in the panel (its paths). */
  show(route: number): void {
    const c = this.panel.current;
    if (c?.type !== 'paths') return;
    const r = routesOf(c.result, this.s.state.view.statusOrder)[route];
    if (!r) return;
    const highlight = highlightOf(c.result, r.paths);
    this.s.state.set({ highlight });
    this.s.canvas.fit(highlight.nodes);
  }

  clear(): void {
    const { state } = this.s;
    state.batch(() => {
      state.set({ path: null });
      if (state.view.highlight?.kind === 'path') state.set({ highlight: null });
    });
    if (this.panel.current?.type === 'paths') this.panel.show(null);
  }

  /** The path of a shared link, shown as the path finder would. */
  async restore(q: PathQuery): Promise<void> {
    const { state, toasts } = this.s;
    try {
      const answer = await this.ask(q);
      if (!answer) return;
      const { result, filters } = answer;
      state.batch(() => {
        state.graph.merge(result);
        state.set({ path: q, highlight: result.paths.length ? highlightOf(result) : null });
      });
      const content: PathsContent = { type: 'paths', query: q, result, names: this.names(result.nodes), filters };
      this.finder.setQuery(q, { from: content.names.get(q.from) ?? q.from, to: content.names.get(q.to) ?? q.to });
      this.panel.show(content);
    } catch (e) {
      toasts.show(`The link's path failed: ${(e as Error).message}`, 'error');
    }
  }
}
