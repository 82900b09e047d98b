/** The Export menu: PNG of the picture, or a data file through the API, for the view or the selection. */
import type { ExportFormat } from '../api/types.ts';
import { h } from '../ui/dom.ts';
import { FORMATS, type ExportScope } from './index.ts';

export interface ExportActions {
  png(scope: ExportScope): void;
  file(format: ExportFormat, scope: ExportScope): void;
  hasSelection(): boolean;
}

export function exportMenu(actions: ExportActions): HTMLElement {
  let scope: ExportScope = 'view';
  const button = h('button', { type: 'button', class: 'btn', id: 'export-button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'export-menu' }, 'Export', h('span', { class: 'caret', 'aria-hidden': 'true' }));
  const scopeRadio = (value: ExportScope, label: string) => {
    const id = `export-scope-${value}`;
    const input = h('input', { type: 'radio', name: 'export-scope', id, value, checked: value === 'view' });
    input.addEventListener('change', () => (scope = value));
    return h('span', { class: 'radio' }, input, h('label', { for: id }, label));
  };
  const item = (label: string, hint: string, run: () => void, data: string) =>
    h(
      'button',
      { type: 'button', role: 'menuitem', class: 'menu-item', 'data-export': data, onclick: () => (close(), run()) },
      h('span', { class: 'menu-label' }, label),
      h('span', { class: 'menu-hint' }, hint),
    );
  const menu = h(
    'div',
    { class: 'menu', id: 'export-menu', role: 'menu', hidden: true, 'aria-label': 'Export' },
    h('div', { class: 'menu-scope', role: 'group', 'aria-label': 'What to export' }, scopeRadio('view', 'Current view'), scopeRadio('selection', 'Selection')),
    item('PNG image', 'the picture, with its legend', () => actions.png(scope), 'png'),
    h('div', { class: 'menu-sep', role: 'separator' }),
    FORMATS.map((f) => item(f.label, f.hint, () => actions.file(f.format, scope), f.format)),
  );
  const wrap = h('div', { class: 'menu-wrap' }, button, menu);
  function close() {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }
  button.addEventListener('click', () => {
    const open = menu.hidden;
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    const sel = menu.querySelector<HTMLInputElement>('#export-scope-selection');
    if (sel) sel.disabled = !actions.hasSelection();
    if (!actions.hasSelection()) {
      scope = 'view';
      const v = menu.querySelector<HTMLInputElement>('#export-scope-view');
      if (v) v.checked = true;
    }
    if (open) menu.querySelector<HTMLElement>('.menu-item')?.focus();
  });
  document.addEventListener('click', (e) => {
    if (!wrap.contains(e.target as Node)) close();
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      button.focus();
    }
  });
  return wrap;
}
