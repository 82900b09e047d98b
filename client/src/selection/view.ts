/**
 * The selection bar: over the top of the canvas while two or more items are
 * selected, it says how many and offers the actions that work on all of
 * them (each button names its key; `?` lists them all).
 */
import { h } from '../ui/dom.ts';
import type { SelectionSummary } from './types.ts';

export interface SelectionBarActions {
  expand(): void;
  hide(): void;
  pin(): void;
  remove(): void;
  exportSelection(): void;
  pathBetween(): void;
  clear(): void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export class SelectionBar {
  readonly el: HTMLElement;
  private readonly count: HTMLElement;
  private readonly pinBtn: HTMLButtonElement;
  private readonly pathBtn: HTMLButtonElement;

  constructor(a: SelectionBarActions) {
    const btn = (action: string, label: string, title: string, onclick: () => void, extra: Record<string, string> = {}) =>
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': action, title, onclick, ...extra }, label);
    this.count = h('span', { class: 'selection-count', 'aria-live': 'polite' });
    this.pinBtn = btn('pin', 'Pin', 'Keep them where they are when the layout runs (P)', a.pin);
    this.pathBtn = btn('path', 'Path between', 'The shortest paths between the two selected entities', a.pathBetween);
    this.el = h(
      'div',
      { class: 'selection-bar', id: 'selection-bar', role: 'toolbar', 'aria-label': 'Selection', hidden: true },
      this.count,
      btn('expand', 'Expand', 'Add their neighbours to the canvas (E)', a.expand),
      btn('hide', 'Hide', 'Hide them from the canvas (H)', a.hide),
      this.pinBtn,
      btn('remove', 'Remove', 'Remove them and their claims from the canvas (Delete)', a.remove),
      btn('export', 'Export…', 'Export the selection (GEXF, GraphML, CSV…)', a.exportSelection, { 'aria-controls': 'export-menu', 'aria-haspopup': 'true' }),
      this.pathBtn,
      h('button', { type: 'button', class: 'icon-btn selection-clear', 'aria-label': 'Clear the selection', title: 'Clear the selection (Esc)', onclick: a.clear }, '×'),
    );
  }

  /** Shows the bar for a selection of two or more items, or hides it. */
  render(s: SelectionSummary, canPath: boolean): void {
    const total = s.nodes + s.edges;
    this.el.hidden = total < 2;
    if (this.el.hidden) return;
    const parts = [s.nodes ? plural(s.nodes, 'entity', 'entities') : '', s.edges ? plural(s.edges, 'edge', 'edges') : ''].filter(Boolean);
    this.count.textContent = `${parts.join(' and ')} selected`;
    this.pinBtn.textContent = s.allPinned ? 'Unpin' : 'Pin';
    this.pinBtn.disabled = s.nodes === 0;
    this.pathBtn.hidden = !canPath;
  }
}
