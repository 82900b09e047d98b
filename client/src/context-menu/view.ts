/**
 * The context menu's DOM: a `role="menu"` list at the pointer, kept inside
 * the window. Arrow keys, Home and End move between items, Enter or Space
 * runs one, Escape or Tab closes; a press outside, a wheel or a resize
 * closes it. Every piece of data is text (h() builds no markup from data).
 */
import { h, safeUrl } from '../ui/dom.ts';
import './context-menu.css';

export type MenuItem =
  | { kind: 'header'; text: string; note?: string }
  | { kind: 'group'; text: string }
  | { kind: 'separator' }
  | { kind: 'pending'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'action'; id: string; text: string; title?: string; note?: string; glyph?: string; disabled?: boolean; data?: Record<string, string>; run: () => void }
  | { kind: 'link'; id: string; text: string; note?: string; href: string };

export class ContextMenuView {
  readonly el: HTMLElement;
  private returnFocus: HTMLElement | null = null;

  constructor(parent: HTMLElement = document.body) {
    this.el = h('div', { id: 'context-menu', class: 'context-menu', role: 'menu', hidden: true, tabindex: '-1' });
    this.el.addEventListener('keydown', (e) => this.key(e));
    this.el.addEventListener('contextmenu', (e) => e.preventDefault());
    parent.appendChild(this.el);
    const closeOutside = (e: Event) => {
      if (!this.el.hidden && !this.el.contains(e.target as Node)) this.close(false);
    };
    document.addEventListener('pointerdown', closeOutside, true);
    document.addEventListener('wheel', closeOutside, { capture: true, passive: true });
    window.addEventListener('resize', () => this.close(false));
    window.addEventListener('blur', () => this.close(false));
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Opens at a point of the window (client px) with a label for assistive technology. */
  open(x: number, y: number, label: string, items: MenuItem[]): void {
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.el.setAttribute('aria-label', label);
    this.render(items);
    this.el.hidden = false;
    this.el.style.left = '0px';
    this.el.style.top = '0px';
    this.place(x, y);
    this.el.dataset.x = String(Math.round(x));
    this.el.dataset.y = String(Math.round(y));
    (this.items()[0] ?? this.el).focus();
  }

  /** Replaces the items (counts that arrived), keeping the menu where it is. */
  update(items: MenuItem[]): void {
    if (this.el.hidden) return;
    const focused = document.activeElement instanceof HTMLElement && this.el.contains(document.activeElement) ? document.activeElement.id : '';
    this.render(items);
    this.place(Number(this.el.dataset.x), Number(this.el.dataset.y));
    (focused ? document.getElementById(focused) : null)?.focus();
  }

  close(restoreFocus = true): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.el.replaceChildren();
    if (restoreFocus) this.returnFocus?.focus();
    this.returnFocus = null;
  }

  private place(x: number, y: number): void {
    const r = this.el.getBoundingClientRect();
    const left = Math.max(4, Math.min(x, window.innerWidth - r.width - 4));
    const top = Math.max(4, y + r.height > window.innerHeight - 4 ? Math.max(4, y - r.height) : y);
    this.el.style.left = `${left}px`;
    this.el.style.top = `${Math.min(top, Math.max(4, window.innerHeight - r.height - 4))}px`;
  }

  private render(items: MenuItem[]): void {
    this.el.replaceChildren(...items.map((it) => this.item(it)));
  }

  private item(it: MenuItem): HTMLElement {
    switch (it.kind) {
      case 'header':
        return h('div', { class: 'cm-header', role: 'presentation' }, h('span', { class: 'cm-title' }, it.text), it.note ? h('span', { class: 'cm-kind' }, it.note) : null);
      case 'group':
        return h('div', { class: 'cm-group', role: 'presentation' }, it.text);
      case 'separator':
        return h('div', { class: 'cm-sep', role: 'separator' });
      case 'pending':
        return h('div', { class: 'cm-pending', role: 'presentation', 'aria-busy': 'true' }, it.text);
      case 'note':
        return h('div', { class: 'cm-note', role: 'presentation' }, it.text);
      case 'link': {
        const href = safeUrl(it.href);
        return h(
          'a',
          { id: `cm-${it.id}`, class: 'cm-item', role: 'menuitem', tabindex: '-1', href, target: '_blank', rel: 'noopener noreferrer', 'data-action': it.id, onclick: () => this.close(false) },
          h('span', { class: 'cm-glyph', 'aria-hidden': 'true' }, '↗'),
          h('span', { class: 'cm-text' }, it.text),
          it.note ? h('span', { class: 'cm-count' }, it.note) : null,
        );
      }
      case 'action': {
        const data = Object.fromEntries(Object.entries(it.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
        const b = h(
          'button',
          { id: `cm-${it.id}`, type: 'button', class: 'cm-item', role: 'menuitem', tabindex: '-1', 'data-action': it.id, title: it.title, 'aria-disabled': it.disabled ? 'true' : undefined, ...data },
          h('span', { class: 'cm-glyph', 'aria-hidden': 'true' }, it.glyph ?? ''),
          h('span', { class: 'cm-text' }, it.text),
          it.note ? h('span', { class: 'cm-count' }, it.note) : null,
        );
        b.addEventListener('click', () => {
          if (it.disabled) return;
          this.close();
          it.run();
        });
        return b;
      }
    }
  }

  private items(): HTMLElement[] {
    return [...this.el.querySelectorAll<HTMLElement>('.cm-item')];
  }

  private key(e: KeyboardEvent): void {
    const items = this.items();
    const i = items.indexOf(document.activeElement as HTMLElement);
    const go = (j: number) => items[(j + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i < 0 ? -1 : i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(-1);
    else if (e.key === 'Escape' || e.key === 'Tab') this.close();
    else if ((e.key === 'Enter' || e.key === ' ') && i >= 0) items[i]!.click();
    else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
