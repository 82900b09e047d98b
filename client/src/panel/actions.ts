/**
 * The evidence panel's actions: selecting an entity or an edge loads its
 * evidence into the panel. The panel follows the state: a new selection
 * loads (a newer one aborts the older request), a hide, pin or expansion
 * redraws the entity's buttons, a filter change the "hidden by the filters"
 * marks.
 */
import { api, isAbort } from '../api/index.ts';
import { claimDrawn } from '../filters/index.ts';
import { typeLabel } from '../graph/format.ts';
import type { Change, Selected } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import { edgeContent, nodeState, sameNodeState } from './index.ts';
import type { PanelActions, PanelContent } from './types.ts';
import { PanelView } from './view.ts';

function sameItem(a: Selected, b: Selected): boolean {
  return a === b || (a !== null && b !== null && a.type === b.type && a.id === b.id);
}

/** What the panel's buttons do that other features carry out. */
export type PanelButtons = Omit<PanelActions, 'close' | 'select' | 'claimShown' | 'openSource' | 'context'>;

export class PanelFeature {
  private readonly view: PanelView;
  private ctrl: AbortController | undefined;
  /** The load the last selection started. */
  private loading: Promise<void> = Promise.resolve();
  /** The item the panel last loaded, and whether the next selection was asked for through select(). */
  private loaded: Selected = null;
  private requested = false;

  constructor(
    private readonly s: Services,
    el: HTMLElement,
    buttons: PanelButtons,
  ) {
    const { state } = s;
    this.view = new PanelView(
      el,
      {
        ...buttons,
        close: () => void this.select(null),
        select: (id) => void this.select({ type: 'node', id }, { moveCamera: true }),
        claimShown: (id) => claimDrawn(state.graph, state.visibility, id),
        openSource: (id) => void this.select({ type: 'node', id }),
        context: (claim) => api.claimContext(claim.id, claim.from.id),
      },
      () => ({ statuses: new Map(state.view.schema?.statuses.map((x) => [x.status, x.meaning]) ?? []), order: state.view.statusOrder }),
    );
  }

  get current(): PanelContent | null {
    return this.view.current;
  }

  /** Shows content that is no selection's (the paths), or closes the panel. */
  show(content: PanelContent | null): void {
    this.view.show(content);
  }

  /**
   * Selects an item (or nothing); resolves when its evidence is shown.
   * `moveCamera` brings a drawn entity into view.
   */
  async select(sel: Selected, opts: { moveCamera?: boolean } = {}): Promise<void> {
    const { state, canvas } = this.s;
    // Asked for: loads even when it is the item shown (a refresh).
    this.requested = true;
    state.select(sel);
    if (sel?.type === 'node' && opts.moveCamera && state.visibility.nodes.has(sel.id)) canvas.focus(sel.id);
    await this.loading;
  }

  /**
   * The state's subscriber. A selection asked for through select() loads
   * its item; another change of the selection loads only when its focus
   * changed (a Shift-click or a lasso keeps the panel on what it shows).
   */
  onChange(c: Change): void {
    if (c.has('selection')) {
      const focus = this.s.state.view.selection.focus;
      const asked = this.requested;
      this.requested = false;
      if (asked || !sameItem(focus, this.loaded)) this.loading = this.load(focus);
    } else if (c.has('graph', 'leftOut', 'filters')) this.refresh(c.has('filters'));
  }

  /** Draws what the panel shows again. */
  redraw(): void {
    this.view.show(this.view.current);
  }

  private async load(focus: Selected): Promise<void> {
    this.ctrl?.abort();
    this.loaded = focus;
    if (!focus) {
      // Deselecting leaves a path on show.
      if (this.view.current?.type !== 'paths' || !this.s.state.view.highlight) this.view.show(null);
      return;
    }
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    if (focus.type === 'node') await this.loadEntity(focus.id, ctrl.signal);
    else await this.loadEdge(focus.id, ctrl.signal);
  }

  private async loadEntity(id: string, signal: AbortSignal): Promise<void> {
    const { state, progress } = this.s;
    const name = state.graph.node(id)?.label ?? id;
    this.view.show({ type: 'loading', title: name });
    try {
      // A source opens the source view: its claims and its document.
      if (state.graph.node(id)?.kind === 'source') return await this.loadSource(id, signal);
      const detail = await progress.track('Loading evidence', api.entity(id, signal));
      if (signal.aborted) return;
      if (detail.entity.kind === 'source') return await this.loadSource(id, signal);
      this.view.show({ type: 'entity', detail, node: nodeState(state.graph, id), leftOut: state.view.leftOut.get(id) ?? null });
    } catch (e) {
      if (!isAbort(e)) this.view.show({ type: 'error', title: name, message: (e as Error).message });
    }
  }

  private async loadSource(id: string, signal: AbortSignal): Promise<void> {
    const view = await this.s.progress.track('Loading the source', api.source(id, signal));
    if (!signal.aborted) this.view.show({ type: 'source', view, document: null });
  }

  /** An edge's claims come from its subject's detail (with their sources). */
  private async loadEdge(id: string, signal: AbortSignal): Promise<void> {
    const { state, progress } = this.s;
    const g = state.graph.graph;
    if (!g.hasEdge(id)) return;
    const type = g.getEdgeAttribute(id, 'type');
    this.view.show({ type: 'loading', title: typeLabel(type) });
    try {
      const detail = await progress.track('Loading evidence', api.entity(g.source(id), signal));
      if (signal.aborted || !g.hasEdge(id)) return;
      const meaning = state.view.schema?.vocabulary.find((v) => v.type === type)?.meaning ?? null;
      this.view.show(edgeContent(state.graph, id, detail, meaning));
    } catch (e) {
      if (!isAbort(e)) this.view.show({ type: 'error', title: typeLabel(type), message: (e as Error).message });
    }
  }

  /** Redraws the panel when what it shows of the canvas changed: an entity's buttons and "not shown", filter marks. */
  private refresh(filtersChanged: boolean): void {
    const c = this.view.current;
    if (c?.type === 'entity') {
      const id = c.detail.entity.id;
      const node = nodeState(this.s.state.graph, id);
      const leftOut = this.s.state.view.leftOut.get(id) ?? c.leftOut;
      if (filtersChanged || leftOut !== c.leftOut || !sameNodeState(node, c.node)) this.view.show({ ...c, node, leftOut });
    } else if (c?.type === 'edge' && filtersChanged) this.view.show(c);
  }
}
