/** The path finder popover: two entity pickers, a minimum strength, a hop limit. */
import type { SearchHit, Suggest } from '../search/types.ts';
import { EntityPicker } from '../search/view.ts';
import { h } from '../ui/dom.ts';
import type { PathQuery } from './types.ts';
import { DEFAULT_MAX_HOPS, HOP_CHOICES } from './types.ts';

export class PathFinder {
  readonly el: HTMLElement;
  private from: SearchHit | { id: string; name: string } | null = null;
  private to: SearchHit | { id: string; name: string } | null = null;
  private fromPicker: EntityPicker;
  private toPicker: EntityPicker;
  private status: HTMLSelectElement;
  private hops: HTMLSelectElement;
  private message: HTMLElement;

  constructor(
    suggest: Suggest,
    statuses: () => string[],
    private readonly run: (q: PathQuery) => void,
    private readonly clear: () => void,
  ) {
    this.fromPicker = new EntityPicker({ id: 'path-from', label: 'From', placeholder: 'From entity…', suggest, onPick: (hit) => (this.from = hit) });
    this.toPicker = new EntityPicker({ id: 'path-to', label: 'To', placeholder: 'To entity…', suggest, onPick: (hit) => (this.to = hit) });
    this.status = h('select', { id: 'path-status', class: 'select-small' });
    const fillStatuses = () => {
      this.status.replaceChildren(h('option', { value: '' }, 'any claim'), ...statuses().slice(0, -1).map((s) => h('option', { value: s }, `at least ${s}`)));
    };
    fillStatuses();
    this.status.addEventListener('focus', () => this.status.options.length <= 1 && fillStatuses());
    this.hops = h('select', { id: 'path-hops', class: 'select-small' }, HOP_CHOICES.map((n) => h('option', { value: n, selected: n === DEFAULT_MAX_HOPS }, `${n} hops`)));
    this.message = h('p', { class: 'popover-message', role: 'status' });
    const go = h('button', { type: 'submit', class: 'btn btn-primary', id: 'path-run' }, 'Find paths');
    const form = h(
      'form',
      { class: 'path-form', 'aria-label': 'Find paths' },
      h('div', { class: 'path-row' }, h('span', { class: 'path-label' }, 'From'), this.fromPicker.el),
      h('div', { class: 'path-row' }, h('span', { class: 'path-label' }, 'To'), this.toPicker.el),
      h('div', { class: 'path-row path-options' }, h('label', { for: 'path-status' }, 'Using'), this.status, h('label', { for: 'path-hops' }, 'within'), this.hops),
      h('div', { class: 'path-row path-buttons' }, go, h('button', { type: 'button', class: 'btn', onclick: () => this.clear() }, 'Clear')),
      this.message,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!this.from || !this.to) {
        this.message.textContent = 'Pick both ends from the suggestions.';
        return;
      }
      if (this.from.id === this.to.id) {
        this.message.textContent = 'Pick two different entities.';
        return;
      }
      this.message.textContent = '';
      this.run({ from: this.from.id, to: this.to.id, status: this.status.value || null, maxHops: Number(this.hops.value) });
    });
    this.el = h('div', { class: 'popover', id: 'path-popover', role: 'dialog', 'aria-label': 'Path finder', hidden: true }, h('h2', { class: 'popover-title' }, 'Shortest paths'), form);
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.toggle(false);
    });
  }

  setEnd(end: 'from' | 'to', id: string, name: string): void {
    if (end === 'from') {
      this.from = { id, name };
      this.fromPicker.set(name);
    } else {
      this.to = { id, name };
      this.toPicker.set(name);
    }
    this.toggle(true);
    (end === 'from' && !this.to ? this.toPicker : !this.from ? this.fromPicker : null)?.focus();
  }

  setQuery(q: PathQuery, names: { from: string; to: string }): void {
    this.from = { id: q.from, name: names.from };
    this.to = { id: q.to, name: names.to };
    this.fromPicker.set(names.from);
    this.toPicker.set(names.to);
    this.status.value = q.status ?? '';
    this.hops.value = String(q.maxHops);
  }

  toggle(open?: boolean): void {
    const show = open ?? this.el.hidden;
    this.el.hidden = !show;
    document.getElementById('paths-button')?.setAttribute('aria-expanded', String(show));
    if (show && !this.from) this.fromPicker.focus();
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }
}
