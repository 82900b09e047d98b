/**
 * An entity picker: an ARIA combobox with a listbox of suggestions (kind
 * colour, name, kind, and the alias that matched). Arrow keys move, Enter
 * picks, Escape closes.
 */
import { kindColor } from '../theme/index.ts';
import { fill, h } from '../ui/dom.ts';
import { TypeAhead, markWords, matchReason, moveIndex } from './index.ts';
import './search.css';
import type { PickerOptions, SearchHit } from './types.ts';

export class EntityPicker {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  private list: HTMLUListElement;
  private hits: SearchHit[] = [];
  private active = -1;
  private typeAhead: TypeAhead;
  private status: HTMLElement;

  constructor(private readonly opts: PickerOptions) {
    const listId = `${opts.id}-list`;
    this.input = h('input', {
      id: opts.id,
      type: 'search',
      class: 'picker-input',
      placeholder: opts.placeholder,
      autocomplete: 'off',
      spellcheck: 'false',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
    });
    this.list = h('ul', { id: listId, class: 'picker-list', role: 'listbox', 'aria-label': `${opts.label} suggestions`, hidden: true });
    this.status = h('span', { class: 'sr-only', 'aria-live': 'polite' });
    this.el = h(
      'div',
      { class: `picker${opts.icon ? ' picker-with-icon' : ''}` },
      h('label', { class: 'sr-only', for: opts.id }, opts.label),
      opts.icon ? h('span', { class: 'picker-icon', 'aria-hidden': 'true' }) : null,
      this.input,
      this.list,
      this.status,
    );
    this.typeAhead = new TypeAhead(
      opts.suggest,
      (hits, text) => this.render(hits, text),
      () => this.render([], this.input.value, 'Search failed'),
    );
    this.input.addEventListener('input', () => this.typeAhead.input(this.input.value));
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('focus', () => this.hits.length && this.open(true));
    this.input.addEventListener('blur', () => setTimeout(() => this.open(false), 150));
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.list.hidden && this.hits.length) this.open(true);
      this.setActive(moveIndex(this.active, e.key === 'ArrowDown' ? 1 : -1, this.hits.length));
    } else if (e.key === 'Enter') {
      const hit = this.hits[this.active] ?? this.hits[0];
      if (hit) {
        e.preventDefault();
        this.pick(hit);
      }
    } else if (e.key === 'Escape') {
      if (!this.list.hidden) {
        e.stopPropagation();
        this.open(false);
      } else {
        this.input.value = '';
        this.input.blur();
      }
    }
  }

  private setActive(i: number): void {
    this.active = i;
    [...this.list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    const li = this.list.children[i] as HTMLElement | undefined;
    if (li) {
      this.input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private open(open: boolean): void {
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
  }

  private render(hits: SearchHit[], text: string, error?: string): void {
    this.hits = hits;
    this.active = -1;
    // Which text the list answers (type-ahead answers arrive after typing).
    this.list.dataset.query = text;
    fill(
      this.list,
      hits.map((hit, i) => {
        const li = h(
          'li',
          { id: `${this.opts.id}-opt-${i}`, role: 'option', class: 'picker-option', 'aria-selected': 'false', 'data-id': hit.id },
          h('span', { class: 'kind-dot', style: `background:${kindColor(hit.kind)}` }),
          h('span', { class: 'picker-text' }, h('span', { class: 'picker-name' }, hit.name), this.why(hit, text)),
          h('span', { class: 'picker-kind' }, hit.kind),
        );
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          this.pick(hit);
        });
        return li;
      }),
      text && !hits.length ? h('li', { class: 'picker-empty', role: 'presentation' }, error ?? `No entity matches “${text}”`) : null,
    );
    this.status.textContent = text ? `${hits.length} suggestions` : '';
    this.open(Boolean(text) && document.activeElement === this.input);
  }

  /** The option's second line: why the hit matched (an exact name, which alias, or where in the description). */
  private why(hit: SearchHit, query: string): HTMLElement {
    const r = matchReason(hit);
    const text =
      r.field === 'alias'
        ? h('span', { class: 'picker-alias' }, `“${r.text ?? ''}”`)
        : r.field === 'description'
          ? h('span', { class: 'picker-excerpt' }, markWords(r.text ?? '', query).map((run) => (run.mark ? h('mark', null, run.text) : run.text)))
          : null;
    return h('span', { class: 'picker-why', 'data-field': r.field, 'data-how': hit.match.how }, h('span', { class: 'picker-why-label' }, r.label), text ? ' ' : null, text);
  }

  private pick(hit: SearchHit): void {
    this.typeAhead.cancel();
    this.open(false);
    this.input.value = hit.name;
    this.opts.onPick(hit);
  }

  set(value: string): void {
    this.input.value = value;
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }
}
