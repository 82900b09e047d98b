/**
 * Collapsing the sidebar and the evidence panel, so the canvas keeps its
 * room on a small screen. The sidebar's toggle sits at the start of the top
 * bar: on a wide screen it folds the sidebar's column away, on a narrow one
 * (the stylesheet's breakpoint) the sidebar is a drawer over the canvas,
 * closed until asked for. The panel folds into a tab on the canvas's right
 * edge ("Evidence") and unfolds from it; a new selection unfolds it.
 * The state of each is a class on <body> (sidebar-open, sidebar-collapsed,
 * panel-collapsed), which the stylesheet lays out.
 */
import { h, svg } from './dom.ts';

/** Width (CSS px) at and under which the sidebar and panel lie over the canvas (styles.css says the same). */
export const NARROW = 960;

function sidebarIcon(): SVGSVGElement {
  return svg(
    'svg',
    { class: 'icon', width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'aria-hidden': 'true' },
    svg('rect', { x: 3, y: 4, width: 18, height: 16, rx: 2 }),
    svg('path', { d: 'M9 4v16' }),
  );
}

export class Panes {
  readonly sidebarToggle: HTMLButtonElement;
  readonly panelTab: HTMLButtonElement;

  constructor(
    private readonly body: HTMLElement,
    topbar: HTMLElement,
    stage: HTMLElement,
    private readonly narrow: () => boolean = () => window.innerWidth <= NARROW,
  ) {
    this.sidebarToggle = h(
      'button',
      { type: 'button', class: 'icon-btn sidebar-toggle', id: 'sidebar-toggle', 'aria-controls': 'sidebar', 'aria-label': 'Legend and filters', title: 'Show or hide the legend and filters', onclick: () => this.toggleSidebar() },
      sidebarIcon(),
    );
    topbar.prepend(this.sidebarToggle);
    this.panelTab = h(
      'button',
      { type: 'button', class: 'btn panel-tab', id: 'panel-tab', 'aria-controls': 'panel', 'aria-expanded': 'false', title: 'Show the evidence panel', onclick: () => this.setPanelCollapsed(false) },
      h('span', { 'aria-hidden': 'true' }, '‹ '),
      'Evidence',
    );
    stage.appendChild(this.panelTab);
    // The drawer takes the focus when it opens.
    document.getElementById('sidebar')?.setAttribute('tabindex', '-1');
    this.syncSidebar();
    window.addEventListener('resize', () => this.syncSidebar());
  }

  /** The sidebar is shown: on a wide screen unless folded, on a narrow one when opened. */
  get sidebarShown(): boolean {
    return this.narrow() ? this.body.classList.contains('sidebar-open') : !this.body.classList.contains('sidebar-collapsed');
  }

  toggleSidebar(show = !this.sidebarShown): void {
    if (this.narrow()) this.body.classList.toggle('sidebar-open', show);
    else this.body.classList.toggle('sidebar-collapsed', !show);
    this.syncSidebar();
    if (show && this.narrow()) document.getElementById('sidebar')?.focus();
  }

  private syncSidebar(): void {
    this.sidebarToggle.setAttribute('aria-expanded', String(this.sidebarShown));
  }

  get panelCollapsed(): boolean {
    return this.body.classList.contains('panel-collapsed');
  }

  setPanelCollapsed(collapsed: boolean): void {
    setPanelCollapsed(collapsed, !collapsed);
  }

  /** On a narrow screen, Escape or a click on the canvas closes the sidebar's drawer first. */
  closeDrawer(): boolean {
    if (!this.narrow() || !this.body.classList.contains('sidebar-open')) return false;
    this.toggleSidebar(false);
    return true;
  }
}

/**
 * Folds the evidence panel into its tab on the canvas's edge, or unfolds it
 * (the panel's own fold button, the tab, and a new selection call this).
 */
export function setPanelCollapsed(collapsed: boolean, focus = false): void {
  document.body.classList.toggle('panel-collapsed', collapsed);
  document.getElementById('panel-tab')?.setAttribute('aria-expanded', String(!collapsed));
  if (collapsed) document.getElementById('panel-tab')?.focus({ preventScroll: true });
  else if (focus) document.getElementById('panel')?.querySelector<HTMLElement>('.panel-close')?.focus({ preventScroll: true });
}
