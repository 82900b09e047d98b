/**
 * The path finder popover: two entity pickers, a minimum strength, a hop
 * limit, a direction, the relationship types to go through, and whether to
 * keep to what the canvas's filters show.
 */
import type { SearchHit, Suggest } from '../search/types.ts';
import { EntityPicker } from '../search/view.ts';
import { typeLabel } from '../graph/format.ts';
import { h } from '../ui/dom.ts';
import type { PathDirection, PathQuery } from './types.ts';
import { DEFAULT_MAX_HOPS, HOP_CHOICES } from './types.ts';
import './paths.css';

type End = SearchHit | { id: string; name: string };

export interface FinderSources {
  suggest: Suggest;
  /** Claim statuses, strongest first. */
  statuses: () => string[];
  /** Relationship types in the data, most used first. */
  types: () => string[];
}

export class PathFinder {
  readonly el: HTMLElement;
  private from: End | null = null;
  private to: End | null = null;
  private fromPicker: EntityPicker;
  private toPicker: EntityPicker;
  private status: HTMLSelectElement;
  private hops: HTMLSelectElement;
  private direction: HTMLSelectElement;
  private typesBox: HTMLDetailsElement;
  private typesSummary: HTMLElement;
  private typesList: HTMLElement;
  private chosenTypes: Set<string> | null = null;
  private filters: HTMLInputElement;
  private message: HTMLElement;

  constructor(
    private readonly src: FinderSources,
    private readonly run: (q: PathQuery) => void,
    private readonly clear: () => void,
  ) {
    this.fromPicker = new EntityPicker({ id: 'path-from', label: 'From', placeholder: 'From entity…', suggest: src.suggest, onPick: (hit) => (this.from = hit) });
    this.toPicker = new EntityPicker({ id: 'path-to', label: 'To', placeholder: 'To entity…', suggest: src.suggest, onPick: (hit) => (this.to = hit) });
    this.status = h('select', { id: 'path-status', class: 'select-small' });
    const fillStatuses = () => this.status.replaceChildren(h('option', { value: '' }, 'any claim'), ...src.statuses().slice(0, -1).map((s) => h('option', { value: s }, `at least ${s}`)));
    fillStatuses();
    this.status.addEventListener('focus', () => this.status.options.length <= 1 && fillStatuses());
    this.hops = h('select', { id: 'path-hops', class: 'select-small' }, HOP_CHOICES.map((n) => h('option', { value: n, selected: n === DEFAULT_MAX_HOPS }, `${n} hops`)));
    this.direction = h(
      'select',
      { id: 'path-direction', class: 'select-small', title: 'Follow claims in either direction, or only as they point' },
      h('option', { value: 'any' }, 'either direction'),
      h('option', { value: 'out' }, 'from → to only'),
      h('option', { value: 'in' }, 'to → from only'),
    );
    this.typesSummary = h('summary', { class: 'select-small path-types-summary' }, 'every relationship');
    this.typesList = h('div', { class: 'path-types-list', role: 'group', 'aria-label': 'Relationship types' });
    this.typesBox = h('details', { class: 'path-types', id: 'path-types' }, this.typesSummary, this.typesList);
    this.typesBox.addEventListener('toggle', () => this.typesBox.open && this.fillTypes());
    this.filters = h('input', { type: 'checkbox', id: 'path-filters', checked: true });
    this.message = h('p', { class: 'popover-message', role: 'status' });
    this.el = this.build();
  }

  private build(): HTMLElement {
    const go = h('button', { type: 'submit', class: 'btn btn-primary', id: 'path-run' }, 'Find paths');
    const form = h(
      'form',
      { class: 'path-form', 'aria-label': 'Find paths' },
      h('div', { class: 'path-row' }, h('span', { class: 'path-label' }, 'From'), this.fromPicker.el),
      h('div', { class: 'path-row' }, h('span', { class: 'path-label' }, 'To'), this.toPicker.el),
      h('div', { class: 'path-row path-options' }, h('label', { for: 'path-status' }, 'Using'), this.status, h('label', { for: 'path-hops' }, 'within'), this.hops),
      h('div', { class: 'path-row path-options' }, h('label', { for: 'path-direction' }, 'Going'), this.direction),
      h('div', { class: 'path-row path-options' }, h('span', null, 'Through'), this.typesBox),
      h('div', { class: 'path-row path-options' }, this.filters, h('label', { for: 'path-filters' }, 'Only what the canvas shows (its filters)')),
      h('div', { class: 'path-row path-buttons' }, go, h('button', { type: 'button', class: 'btn', onclick: () => this.clear() }, 'Clear')),
      this.message,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    const el = h('div', { class: 'popover', id: 'path-popover', role: 'dialog', 'aria-label': 'Path finder', hidden: true }, h('h2', { class: 'popover-title' }, 'Shortest paths'), form);
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.toggle(false);
    });
    return el;
  }

  private submit(): void {
    if (!this.from || !this.to) {
      this.message.textContent = 'Pick both ends from the suggestions.';
      return;
    }
    if (this.from.id === this.to.id) {
      this.message.textContent = 'Pick two different entities.';
      return;
    }
    if (this.chosenTypes && this.chosenTypes.size === 0) {
      this.message.textContent = 'Choose at least one relationship type.';
      return;
    }
    this.message.textContent = '';
    this.run(this.query(this.from.id, this.to.id));
  }

  private query(from: string, to: string): PathQuery {
    return {
      from,
      to,
      status: this.status.value || null,
      maxHops: Number(this.hops.value),
      direction: this.direction.value as PathDirection,
      types: this.chosenTypes ? [...this.chosenTypes] : null,
      canvasFilters: this.filters.checked,
    };
  }

  /** One checkbox per relationship type; none ticked means every type. */
  private fillTypes(): void {
    const all = this.src.types();
    const box = (t: string) => {
      const id = `path-type-${t}`;
      const input = h('input', { type: 'checkbox', id, value: t, checked: this.chosenTypes?.has(t) ?? false });
      input.addEventListener('change', () => {
        const set = new Set(this.chosenTypes ?? []);
        if (input.checked) set.add(t);
        else set.delete(t);
        this.setTypes(set.size ? [...set] : null);
      });
      return h('label', { class: 'path-type', for: id }, input, typeLabel(t));
    };
    this.typesList.replaceChildren(
      h('button', { type: 'button', class: 'btn-link', onclick: () => (this.setTypes(null), this.fillTypes()) }, 'every relationship'),
      ...all.map(box),
    );
  }

  private setTypes(types: string[] | null): void {
    this.chosenTypes = types ? new Set(types) : null;
    this.typesSummary.textContent = types ? (types.length <= 2 ? types.map(typeLabel).join(', ') : `${types.length} relationships`) : 'every relationship';
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
    if (this.status.options.length <= 1) this.status.dispatchEvent(new Event('focus'));
    this.status.value = q.status ?? '';
    this.hops.value = String(q.maxHops);
    this.direction.value = q.direction;
    this.setTypes(q.types);
    this.filters.checked = q.canvasFilters;
  }

  toggle(open?: boolean): void {
    const show = open ?? this.el.hidden;
    this.el.hidden = !show;
    if (!show) this.typesBox.open = false;
    document.getElementById('paths-button')?.setAttribute('aria-expanded', String(show));
    if (show && !this.from) this.fromPicker.focus();
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }
}
