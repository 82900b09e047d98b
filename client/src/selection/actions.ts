/**
 * What the user does with a selection: Shift/Ctrl-click adds or removes an
 * item, a box or lasso selects the entities inside, Ctrl+A all that are
 * drawn; the selection bar and the keys act on all of them at once (expand,
 * hide, pin, remove, export, paths between two).
 */
import type { ExportScope } from '../export/types.ts';
import type { PanelFeature } from '../panel/actions.ts';
import type { EntityActions } from '../panel/entity-actions.ts';
import type { PathsFeature } from '../paths/actions.ts';
import { DEFAULT_MAX_HOPS } from '../paths/types.ts';
import type { Change, Selection } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import { emptySelection, isToggleClick, pathEnds, selectedEntities, toggleItem, withArea } from './index.ts';
import type { Modifiers } from './types.ts';
import { SelectionBar } from './view.ts';

export interface SelectionDeps {
  panel: PanelFeature;
  entity: EntityActions;
  paths: PathsFeature;
  /** Opens the export menu on a scope. */
  openExport(scope: ExportScope): void;
}

export class SelectionFeature {
  readonly bar: SelectionBar;

  constructor(
    private readonly s: Services,
    private readonly d: SelectionDeps,
  ) {
    this.bar = new SelectionBar({
      expand: () => void this.expand(),
      hide: () => this.hide(),
      pin: () => this.pin(),
      remove: () => this.remove(),
      exportSelection: () => d.openExport('selection'),
      pathBetween: () => void this.pathBetween(),
      clear: () => this.clear(),
    });
  }

  private get sel(): Selection {
    return this.s.state.view.selection;
  }

  /** The state's subscriber: the bar follows the selection and the pins. */
  onChange(c: Change): void {
    if (!c.has('selection', 'graph')) return;
    const sel = this.sel;
    const nodes = [...sel.nodes].filter((id) => this.s.state.graph.hasNode(id));
    this.bar.render({ nodes: nodes.length, edges: sel.edges.size, allPinned: nodes.length > 0 && nodes.every((id) => this.s.state.graph.node(id)?.pinned) }, pathEnds(sel) !== null);
  }

  /** The entities the actions work on: those selected, and the ends of selected edges, that are on the canvas. */
  entities(): string[] {
    const g = this.s.state.graph.graph;
    return selectedEntities(this.sel, (e) => (g.hasEdge(e) ? [g.source(e), g.target(e)] : null)).filter((id) => g.hasNode(id));
  }

  clickNode(id: string, mods: Modifiers): void {
    if (isToggleClick(mods)) this.s.state.set({ selection: toggleItem(this.sel, { type: 'node', id }) });
    else void this.d.panel.select({ type: 'node', id });
  }

  clickEdge(id: string, mods: Modifiers): void {
    if (isToggleClick(mods)) this.s.state.set({ selection: toggleItem(this.sel, { type: 'edge', id }) });
    else void this.d.panel.select({ type: 'edge', id });
  }

  /** A box or lasso ended over these entities. */
  area(ids: string[], additive: boolean): void {
    const { state, toasts } = this.s;
    if (!ids.length && additive) return;
    state.set({ selection: withArea(this.sel, { ids, additive }) });
    if (!ids.length) toasts.show('Nothing inside the outline: drag around the entities to select', 'info');
  }

  /** Every entity drawn. */
  selectAll(): void {
    const ids = [...this.s.state.visibility.nodes];
    this.s.state.set({ selection: { focus: this.sel.focus, nodes: new Set(ids), edges: new Set() } });
  }

  clear(): void {
    this.s.state.set({ selection: emptySelection() });
  }

  expand(): Promise<void> {
    const ids = this.entities();
    return ids.length ? this.d.entity.expandMany(ids) : Promise.resolve();
  }

  /** Hides the selected entities; they leave the selection (nothing hidden stays selected). */
  hide(): void {
    const ids = this.entities();
    if (!ids.length) return;
    this.s.state.batch(() => {
      this.d.entity.setHidden(ids, true);
      this.clear();
    });
    this.s.toasts.show(ids.length === 1 ? 'Hidden (Undo, or the sidebar’s “show hidden”, brings it back)' : `Hid ${ids.length} entities (Undo brings them back)`);
  }

  /** Pins the selected entities, or unpins them when all are pinned. */
  pin(): void {
    const ids = this.entities();
    if (!ids.length) return;
    const all = ids.every((id) => this.s.state.graph.node(id)?.pinned);
    this.d.entity.setPinned(ids, !all);
  }

  remove(): void {
    const ids = this.entities();
    if (ids.length) this.d.entity.removeMany(ids);
  }

  /** The shortest paths between the two selected entities. */
  async pathBetween(): Promise<void> {
    const ends = pathEnds(this.sel);
    if (!ends) {
      this.s.toasts.show('Select exactly two entities to find the paths between them', 'info');
      return;
    }
    const [from, to] = ends;
    const name = (id: string) => this.s.state.graph.node(id)?.label ?? id;
    const q = { from, to, status: null, maxHops: DEFAULT_MAX_HOPS };
    this.d.paths.finder.setQuery(q, { from: name(from), to: name(to) });
    await this.d.paths.find(q);
  }
}
