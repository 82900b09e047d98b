/**
 * The source view's actions: its document loaded when its tab is opened,
 * the source put on the canvas (as a search pick puts an entity), and a
 * picked claim shown on the canvas: its edge selected and framed, brought
 * onto the canvas first when it is not there.
 */
import { api, type Claim } from '../api/index.ts';
import { foldKey } from '../graph/fold.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import { newItemsHighlight } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import type { SourceActions } from './view.ts';

export interface SourceDeps {
  panel: PanelFeature;
  layout: LayoutFeature;
  /** Puts an entity on the canvas and selects it (the search box's pick). */
  pick(hit: { id: string; name: string; kind: string }): Promise<void>;
}

/** Neighbours fetched to bring a picked claim onto the canvas. */
const CLAIM_ADD_CAP = 25;

export class SourceFeature implements SourceActions {
  constructor(
    private readonly s: Services,
    private readonly d: SourceDeps,
  ) {}

  showOnCanvas(id: string, name: string): void {
    void this.d.pick({ id, name, kind: 'source' });
  }

  redraw(): void {
    this.d.panel.redraw();
  }

  loadDocument(id: string): void {
    const c = this.d.panel.current;
    if (c?.type !== 'source' || c.view.source.id !== id) return;
    this.d.panel.show(c);
    this.s.progress.track('Loading the document', api.sourceDocument(id)).then(
      (document) => {
        const now = this.d.panel.current;
        if (now?.type === 'source' && now.view.source.id === id) this.d.panel.show({ ...now, document });
      },
      (e: Error) => this.s.toasts.show(`The document could not be loaded: ${e.message}`, 'error'),
    );
  }

  /** Selects the claim's edge on the canvas (the panel stays on the source) and frames its two ends. */
  pickClaim(claim: Claim): void {
    void this.showClaim(claim);
  }

  private async showClaim(claim: Claim): Promise<void> {
    const { state, canvas, toasts } = this.s;
    const edge = foldKey(claim.from.id, claim.type, claim.to.id);
    if (!state.graph.graph.hasEdge(edge)) {
      try {
        const res = await api.neighborhood(claim.from.id, { types: [claim.type], limit: CLAIM_ADD_CAP });
        state.batch(() => {
          state.checkpoint();
          const added = state.graph.merge(res, { near: state.graph.hasNode(claim.to.id) ? claim.to.id : undefined });
          state.set({ added: [...new Set([...state.view.added, claim.from.id])] });
          const highlight = newItemsHighlight(added);
          if (highlight) state.set({ highlight });
        });
        await this.d.layout.run('incremental');
      } catch (e) {
        toasts.show(`Could not bring the claim onto the canvas: ${(e as Error).message}`, 'error');
        return;
      }
    }
    if (!state.graph.graph.hasEdge(edge)) return toasts.show('This claim’s edge is not in the graph the server gave for its subject', 'info');
    if (!state.visibility.edges.has(edge)) toasts.show('This claim is on the canvas but hidden by the filters', 'info');
    // The panel keeps its focus (the source): only the edge is selected.
    state.set({ selection: { focus: state.view.selection.focus, nodes: new Set(), edges: new Set([edge]) } });
    canvas.fit([claim.from.id, claim.to.id]);
  }
}
