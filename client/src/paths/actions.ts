/**
 * The path finder's actions: find the shortest paths between two entities
 * (bringing them onto the canvas, highlighted, listed in the panel), show
 * one of them, clear them, and put back the path of a shared link.
 */
import { api, type GraphNode, type PathsResult } from '../api/index.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import type { PanelContent } from '../panel/types.ts';
import type { Suggest } from '../search/types.ts';
import type { Highlight } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import { pathHighlight } from './index.ts';
import { DEFAULT_MAX_HOPS, type PathQuery } from './types.ts';
import { PathFinder } from './view.ts';

function highlightOf(result: PathsResult, only?: number): Highlight {
  const hl = pathHighlight(result, only);
  return { kind: 'path', nodes: hl.nodes, edges: hl.edges, fadeOthers: true };
}

export class PathsFeature {
  readonly finder: PathFinder;

  constructor(
    private readonly s: Services,
    private readonly layout: LayoutFeature,
    private readonly panel: PanelFeature,
    suggest: Suggest,
  ) {
    this.finder = new PathFinder(suggest, () => [...s.state.view.statusOrder], (q) => void this.find(q), () => this.clear());
  }

  /** Names of entities: those on the canvas, and those of an answer. */
  private names(nodes: GraphNode[]): Map<string, string> {
    const m = new Map<string, string>();
    this.s.state.graph.graph.forEachNode((id, a) => m.set(id, a.label));
    nodes.forEach((n) => m.set(n.id, n.name));
    return m;
  }

  private content(q: PathQuery, result: PathsResult): Extract<PanelContent, { type: 'paths' }> {
    return { type: 'paths', from: q.from, to: q.to, status: q.status, result, names: this.names(result.nodes) };
  }

  async find(q: PathQuery): Promise<void> {
    const { state, canvas, progress, toasts } = this.s;
    try {
      const res = await progress.track('Finding paths', api.paths({ from: q.from, to: q.to, status: q.status ?? undefined, maxHops: q.maxHops }));
      if (!res.paths.length) {
        state.set({ path: q, highlight: null });
        this.panel.show(this.content(q, res));
        toasts.show('No path found within the hop limit');
        return;
      }
      const highlight = highlightOf(res);
      state.batch(() => {
        state.checkpoint();
        state.graph.merge(res);
        const onPath = new Set(res.paths.flatMap((p) => p.nodes));
        const hiddenOnPath = state.graph.hiddenByUser().filter((id) => onPath.has(id));
        if (hiddenOnPath.length) state.graph.setHidden(hiddenOnPath, false);
        state.set({ path: q, highlight });
        state.select(null);
      });
      this.panel.show(this.content(q, res));
      this.finder.toggle(false);
      await this.layout.run('incremental');
      canvas.fit(highlight.nodes);
      const hiddenEdges = [...highlight.edges].filter((e) => !state.visibility.edges.has(e)).length;
      if (hiddenEdges) toasts.show(`${hiddenEdges} step(s) of the path are hidden by the filters`, 'info');
    } catch (e) {
      toasts.show(`Path search failed: ${(e as Error).message}`, 'error');
    }
  }

  /** Highlights one path of those listed in the panel. */
  show(i: number): void {
    const c = this.panel.current;
    if (c?.type !== 'paths') return;
    const highlight = highlightOf(c.result, i);
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
  async restore(path: { from: string; to: string; status: string | null }): Promise<void> {
    const { state, toasts } = this.s;
    const q: PathQuery = { ...path, maxHops: DEFAULT_MAX_HOPS };
    try {
      const res = await api.paths({ from: q.from, to: q.to, status: q.status ?? undefined, maxHops: q.maxHops });
      state.batch(() => {
        state.graph.merge(res);
        state.set({ path: q, highlight: highlightOf(res) });
      });
      const content = this.content(q, res);
      this.finder.setQuery(q, { from: content.names.get(q.from) ?? q.from, to: content.names.get(q.to) ?? q.to });
      this.panel.show(content);
    } catch (e) {
      toasts.show(`The link's path failed: ${(e as Error).message}`, 'error');
    }
  }
}
