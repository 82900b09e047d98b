/** The top bar's tools and the canvas's floating controls; every control is a labelled button. */
import type { ExportFormat } from '../api/types.ts';
import type { ExportScope, PngScale } from '../export/types.ts';
import { exportMenu } from '../export/view.ts';
import { h, svg } from '../ui/dom.ts';

export interface ToolbarActions {
  paths(): void;
  console(): void;
  undo(): void;
  redo(): void;
  reset(): void;
  share(): void;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  layout(): void;
  exportPng(scope: ExportScope, scale: PngScale): void;
  exportSvg(scope: ExportScope): void;
  exportFile(format: ExportFormat, scope: ExportScope): void;
  pngSize(scale: PngScale): { width: number; height: number };
  hasSelection(): boolean;
  lassoTool(): void;
  shortcuts(): void;
}

export interface Toolbar {
  setHistory(canUndo: boolean, canRedo: boolean): void;
  setLayoutRunning(running: boolean): void;
  setLassoTool(on: boolean): void;
  /** Opens the Export menu on a scope. */
  openExport(scope: ExportScope): void;
}

const ICONS: Record<string, string> = {
  undo: 'M9 14 4 9l5-5 M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'm15 14 5-5-5-5 M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  reset: 'M3 12a9 9 0 1 0 3-6.7L3 8 M3 3v5h5',
  share: 'M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7 M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7',
  plus: 'M12 5v14 M5 12h14',
  minus: 'M5 12h14',
  fit: 'M8 3H5a2 2 0 0 0-2 2v3 M21 8V5a2 2 0 0 0-2-2h-3 M3 16v3a2 2 0 0 0 2 2h3 M16 21h3a2 2 0 0 0 2-2v-3',
  play: 'M7 4v16l13-8z',
  stop: 'M6 6h12v12H6z',
  paths: 'M5 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M19 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M7 17l3-5h4l3-5',
  console: 'm4 17 6-6-6-6 M12 19h8',
  lasso: 'M7 22a5 5 0 0 1-2-4 M7 16.9c1 .4 2 .7 3 .9 M3.3 14A6.8 6.8 0 0 1 2 10c0-4.4 4.5-8 10-8s10 3.6 10 8a7.2 7.2 0 0 1-.3 2 M5 18a2 2 0 1 0 0-4 2 2 0 0 0 0 4z M14.3 22 14 12l7.7 6.3h-4.8z',
  keyboard: 'M2 6h20v12H2z M6 10h.01 M10 10h.01 M14 10h.01 M18 10h.01 M8 14h8',
  story: 'M2 4h6a4 4 0 0 1 4 4v13a3 3 0 0 0-3-3H2z M22 4h-6a4 4 0 0 0-4 4v13a3 3 0 0 1 3-3h7z',
  folder: 'M3 6a2 2 0 0 1 2-2h5l2 2h7a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z',
};

export function icon(name: string): SVGSVGElement {
  return svg(
    'svg',
    { class: 'icon', width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true' },
    ICONS[name]!.split(' M').map((d, i) => svg('path', { d: i ? `M${d}` : d })),
  );
}

export function buildToolbar(bar: HTMLElement, controls: HTMLElement, pathPopover: HTMLElement, a: ToolbarActions, extra: HTMLElement[] = []): Toolbar {
  const iconBtn = (id: string, name: string, label: string, onclick: () => void, shortcut?: string) =>
    h('button', { type: 'button', class: 'icon-btn', id, 'aria-label': label, title: shortcut ? `${label} (${shortcut})` : label, onclick }, icon(name));
  const menu = exportMenu({ png: a.exportPng, svg: a.exportSvg, file: a.exportFile, hasSelection: a.hasSelection, pngSize: a.pngSize });
  const undo = iconBtn('undo-button', 'undo', 'Undo', a.undo, 'Ctrl+Z');
  const redo = iconBtn('redo-button', 'redo', 'Redo', a.redo, 'Ctrl+Shift+Z');
  undo.disabled = true;
  redo.disabled = true;
  bar.append(
    h(
      'div',
      { class: 'menu-wrap' },
      h('button', { type: 'button', class: 'btn', id: 'paths-button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'path-popover', onclick: a.paths }, icon('paths'), h('span', { class: 'btn-label' }, 'Paths')),
      pathPopover,
    ),
    h('button', { type: 'button', class: 'btn', id: 'console-button', 'aria-expanded': 'false', 'aria-controls': 'console', onclick: a.console }, icon('console'), h('span', { class: 'btn-label' }, 'Cypher')),
    menu.el,
    // Other features' entries (investigations: Story, Investigation).
    h('span', { class: 'toolbar-sep', 'aria-hidden': 'true' }),
    ...(extra.length ? [...extra, h('span', { class: 'toolbar-sep', 'aria-hidden': 'true' })] : []),
    undo,
    redo,
    iconBtn('reset-button', 'reset', 'Reset to the opening view', a.reset),
    h('button', { type: 'button', class: 'btn btn-primary', id: 'share-button', title: 'Copy a link to this view', onclick: a.share }, icon('share'), h('span', { class: 'btn-label' }, 'Share')),
  );
  const lassoBtn = iconBtn('lasso-button', 'lasso', 'Lasso select', a.lassoTool, 'L, or Alt+drag');
  lassoBtn.setAttribute('aria-pressed', 'false');
  const layoutBtn = h('button', { type: 'button', class: 'icon-btn', id: 'layout-button', 'aria-label': 'Run layout', title: 'Run the layout again', onclick: a.layout }, icon('play'));
  controls.append(
    h(
      'div',
      { class: 'control-group', role: 'group', 'aria-label': 'Camera' },
      iconBtn('zoom-in', 'plus', 'Zoom in', a.zoomIn, '+'),
      iconBtn('zoom-out', 'minus', 'Zoom out', a.zoomOut, '-'),
      iconBtn('zoom-fit', 'fit', 'Fit the graph', a.fit, '0'),
    ),
    h('div', { class: 'control-group', role: 'group', 'aria-label': 'Select' }, lassoBtn),
    h('div', { class: 'control-group', role: 'group', 'aria-label': 'Layout' }, layoutBtn),
    h('div', { class: 'control-group', role: 'group', 'aria-label': 'Help' }, iconBtn('shortcuts-button', 'keyboard', 'Keyboard shortcuts', a.shortcuts, '?')),
  );
  return {
    setHistory(canUndo, canRedo) {
      undo.disabled = !canUndo;
      redo.disabled = !canRedo;
    },
    setLayoutRunning(running) {
      layoutBtn.replaceChildren(icon(running ? 'stop' : 'play'));
      layoutBtn.setAttribute('aria-label', running ? 'Stop layout' : 'Run layout');
      layoutBtn.title = running ? 'Stop the layout where it is' : 'Run the layout again';
    },
    setLassoTool(on) {
      lassoBtn.setAttribute('aria-pressed', String(on));
      lassoBtn.classList.toggle('is-on', on);
    },
    openExport: (scope) => menu.open(scope),
  };
}
