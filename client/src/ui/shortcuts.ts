/**
 * The keyboard shortcut list (`?`): a modal dialog listing every shortcut of
 * app/keys.ts's table, grouped, each key in a <kbd>.
 */
import { h } from './dom.ts';

export interface ShortcutRow {
  group: string;
  keys: string[];
  what: string;
}

export class ShortcutsDialog {
  readonly el: HTMLDialogElement;

  constructor(rows: readonly ShortcutRow[]) {
    const groups = [...new Set(rows.map((r) => r.group))];
    const close = h('button', { type: 'button', class: 'icon-btn dialog-close', 'aria-label': 'Close', title: 'Close (Esc)', onclick: () => this.close() }, '×');
    this.el = h(
      'dialog',
      { class: 'dialog shortcuts', id: 'shortcuts', 'aria-labelledby': 'shortcuts-title' },
      h('div', { class: 'dialog-head' }, h('h2', { id: 'shortcuts-title' }, 'Keyboard shortcuts'), close),
      h(
        'div',
        { class: 'shortcut-groups' },
        groups.map((g) =>
          h(
            'section',
            { class: 'shortcut-group' },
            h('h3', null, g),
            h(
              'dl',
              { class: 'shortcut-list' },
              rows
                .filter((r) => r.group === g)
                .map((r) => [
                  h('dt', { 'data-shortcut': r.what }, r.keys.map((k, i) => [i ? h('span', { class: 'or' }, ' or ') : null, keyChord(k)])),
                  h('dd', null, r.what),
                ]),
            ),
          ),
        ),
      ),
    );
    // A click on the backdrop (outside the dialog's box) closes it.
    this.el.addEventListener('click', (e) => {
      if (e.target === this.el) this.close();
    });
    document.body.appendChild(this.el);
  }

  get isOpen(): boolean {
    return this.el.open;
  }

  toggle(): void {
    if (this.el.open) this.close();
    else this.el.showModal();
  }

  close(): void {
    if (this.el.open) this.el.close();
  }
}

/** "Ctrl+Shift+Z" as <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Z</kbd> (a "+" key alone stays one key). */
function keyChord(k: string): HTMLElement {
  const parts = k.length > 1 && k.includes('+') ? k.split('+') : [k];
  return h('span', { class: 'chord' }, parts.map((p, i) => [i ? '+' : null, h('kbd', null, p)]));
}
