/**
 * The Export menu: a PNG of the whole graph at 1×, 2× or 4× the canvas's
 * size, an SVG of the view, or a data file through the API, for the view or
 * the selection.
 */
import type { ExportFormat } from '../api/types.ts';
import { h, svg } from '../ui/dom.ts';
import { FORMATS, PNG_SCALES, type ExportScope, type PngScale } from './index.ts';

export interface ExportActions {
  png(scope: ExportScope, scale: PngScale): void;
  svg(scope: ExportScope): void;
  file(format: ExportFormat, scope: ExportScope): void;
  hasSelection(): boolean;
  /** The PNG's size in pixels at a scale, for the scale buttons' hints. */
  pngSize(scale: PngScale): { width: number; height: number };
}

export interface ExportMenu {
  el: HTMLElement;
  /** Opens the menu on a scope (the selection bar's Export…). */
  open(scope?: ExportScope): void;
}

export function exportMenu(actions: ExportActions): ExportMenu {
  let scope: ExportScope = 'view';
  let scale: PngScale = 1;
  const button = h('button', { type: 'button', class: 'btn', id: 'export-button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'export-menu' }, downloadIcon(), h('span', { class: 'btn-label' }, 'Export'), h('span', { class: 'caret', 'aria-hidden': 'true' }));
  const scopeRadio = (value: ExportScope, label: string) => {
    const id = `export-scope-${value}`;
    const input = h('input', { type: 'radio', name: 'export-scope', id, value, checked: value === 'view' });
    input.addEventListener('change', () => (scope = value));
    return h('span', { class: 'radio' }, input, h('label', { for: id }, label));
  };
  const scaleButtons = PNG_SCALES.map((v) =>
    h('button', { type: 'button', class: 'seg', 'data-scale': v, 'aria-pressed': String(v === scale), onclick: () => setScale(v) }, `${v}×`),
  );
  const scaleHint = h('span', { class: 'menu-hint', id: 'png-size' });
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
    item('PNG image', 'the whole graph, with its legend', () => actions.png(scope, scale), 'png'),
    h('div', { class: 'menu-row', role: 'group', 'aria-label': 'PNG size' }, h('span', { class: 'menu-row-label' }, 'PNG size'), h('span', { class: 'segmented' }, scaleButtons), scaleHint),
    item('SVG image', 'vector drawing, with its legend', () => actions.svg(scope), 'svg'),
    h('div', { class: 'menu-sep', role: 'separator' }),
    FORMATS.map((f) => item(f.label, f.hint, () => actions.file(f.format, scope), f.format)),
  );
  const wrap = h('div', { class: 'menu-wrap' }, button, menu);
  function setScale(v: PngScale) {
    scale = v;
    scaleButtons.forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.scale) === v)));
    const px = actions.pngSize(v);
    scaleHint.textContent = `${px.width.toLocaleString('en-US')} × ${px.height.toLocaleString('en-US')} px`;
  }
  function close() {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }
  function setScope(v: ExportScope) {
    scope = v;
    const input = menu.querySelector<HTMLInputElement>(`#export-scope-${v}`);
    if (input) input.checked = true;
  }
  function open(want?: ExportScope) {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const sel = menu.querySelector<HTMLInputElement>('#export-scope-selection');
    if (sel) sel.disabled = !actions.hasSelection();
    if (want) setScope(want);
    if (!actions.hasSelection()) setScope('view');
    setScale(scale);
    menu.querySelector<HTMLElement>('.menu-item')?.focus();
  }
  button.addEventListener('click', (e) => {
    // The document's click handler below would close it again.
    e.stopPropagation();
    if (menu.hidden) open();
    else close();
  });
  // A click elsewhere closes it, but for the other buttons that open it (the selection bar's Export…).
  document.addEventListener('click', (e) => {
    const t = e.target as Element | null;
    if (!wrap.contains(t) && !t?.closest?.('[aria-controls="export-menu"]')) close();
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      button.focus();
    }
  });
  return { el: wrap, open };
}

function downloadIcon(): SVGSVGElement {
  return svg(
    'svg',
    { class: 'icon', width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true' },
    svg('path', { d: 'M12 3v12 M7 10l5 5 5-5 M5 21h14' }),
  );
}
