/**
 * The Cypher console's actions: open it (the editor loads on demand) and
 * run a query, whose nodes and relationships are merged into the canvas,
 * the new ones highlighted.
 */
import { api } from '../api/index.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import { newItemsHighlight } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import { openConsole, type ConsoleHandle } from './index.ts';
import type { ConsoleActions } from './types.ts';

export class ConsoleFeature {
  private handle: ConsoleHandle | undefined;

  constructor(
    private readonly s: Services,
    private readonly el: HTMLElement,
    private readonly layout: LayoutFeature,
    private readonly panel: PanelFeature,
  ) {}

  async toggle(): Promise<void> {
    if (!this.handle) {
      const actions: ConsoleActions = {
        run: (q) => this.run(q),
        select: (id) => void this.panel.select({ type: 'node', id }, { moveCamera: true }),
        close: () => this.handle?.hide(),
        schema: () => this.s.state.view.schema,
      };
      this.handle = await this.s.progress.track('Loading the Cypher editor', openConsole(this.el, actions));
    }
    this.handle.toggle();
  }

  /** Runs a query and merges its graph into the canvas; items already drawn keep their place. */
  async run(q: string): ReturnType<ConsoleActions['run']> {
    const { state, canvas, progress } = this.s;
    const result = await progress.track('Running query', api.cypher(q));
    const added = state.batch(() => {
      state.checkpoint();
      const added = state.graph.merge(result.graph);
      state.set({ query: q, highlight: newItemsHighlight(added) });
      return added;
    });
    void this.layout.run('incremental');
    const shown = result.graph.nodes.map((n) => n.id).filter((id) => state.visibility.nodes.has(id));
    if (shown.length && !added.nodes.length) canvas.fit(new Set(shown));
    return {
      result,
      merge: { newNodes: added.nodes.length, newClaims: added.claims.length, nodes: result.graph.nodes.length, claims: result.graph.edges.length },
    };
  }
}
