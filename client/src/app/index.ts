/**
 * The app: builds the one state (state/), the canvas and each feature
 * (its actions next to its view), and subscribes them to the state in a
 * fixed order. It holds no state of its own but the `ready` promise.
 *
 * The subscribers, in the order each change is told to them:
 *   1. the canvas (redraw, positions, camera),
 *   2. the sidebar (legend and filters),
 *   3. the evidence panel (a new selection loads),
 *   4. the toolbar (undo/redo, layout button) and the page's flags,
 *   5. the URL (written once changes settle).
 * Keyboard shortcuts (keys.ts) and the test hook (test-hook.ts) act and
 * read through the features and the state.
 */
import { Canvas } from '../canvas/index.ts';
import { ConsoleFeature } from '../console/actions.ts';
import { ExportFeature } from '../export/actions.ts';
import { FiltersFeature } from '../filters/actions.ts';
import { InvestigationsFeature } from '../investigations/actions.ts';
import { LayoutFeature } from '../layout/actions.ts';
import { PanelFeature } from '../panel/actions.ts';
import { EntityActions } from '../panel/entity-actions.ts';
import { PathsFeature } from '../paths/actions.ts';
import { SearchFeature, suggestEntities } from '../search/actions.ts';
import { ExplorerState, hasSelection, type Change } from '../state/index.ts';
import { $ } from '../ui/dom.ts';
import { Progress } from '../ui/progress.ts';
import type { Services } from '../ui/services.ts';
import { Toasts } from '../ui/toast.ts';
import { bindKeys, typingIn } from './keys.ts';
import { Opening, prefetch, type Prefetched } from './opening.ts';
import { installTestHook } from './test-hook.ts';
import { buildToolbar, type Toolbar } from './toolbar.ts';
import { UrlSync } from './url-sync.ts';

export type { Prefetched } from './opening.ts';

/** The canvas and every feature, built once. */
interface Features {
  canvas: Canvas;
  services: Services;
  layout: LayoutFeature;
  panel: PanelFeature;
  entity: EntityActions;
  filters: FiltersFeature;
  paths: PathsFeature;
  search: SearchFeature;
  cypher: ConsoleFeature;
  exporter: ExportFeature;
  url: UrlSync;
  investigations: InvestigationsFeature;
}

export class App {
  readonly state = new ExplorerState();
  /** Resolves when the opening view is drawn and laid out (and the URL's view restored). */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private readonly f: Features;
  private readonly opening: Opening;
  private readonly toolbar: Toolbar;

  /** Starts the opening view's requests before the app is built (see opening.ts). */
  static prefetch(): Prefetched {
    return prefetch();
  }

  constructor() {
    this.ready = new Promise<void>((r) => (this.resolveReady = r));
    const f = (this.f = this.build());
    const { state } = this;
    this.opening = new Opening(f.services, f);
    this.toolbar = this.buildToolbar();
    document.body.dataset.layout = 'idle';

    state.subscribe((c) => f.canvas.onChange(c));
    state.subscribe((c) => f.filters.onChange(c));
    state.subscribe((c) => f.panel.onChange(c));
    state.subscribe((c) => f.investigations.onChange(c));
    state.subscribe((c) => this.onChange(c));
    state.subscribe((c) => f.url.onChange(c));

    bindKeys(document, {
      focusSearch: () => f.search.focus(),
      undo: () => this.undo(),
      redo: () => this.redo(),
      escape: () => {
        if (f.paths.finder.isOpen) f.paths.finder.toggle(false);
        else if (hasSelection(state.view.selection) || f.panel.current) void f.panel.select(null);
        else if (state.view.highlight) state.set({ highlight: null });
      },
    });
    document.addEventListener('keydown', (e) => {
      if (!typingIn(e)) f.investigations.key(e);
    });
    installTestHook({ state, canvas: f.canvas, layout: f.layout, panel: f.panel, url: f.url, ready: this.ready });
  }

  private build(): Features {
    const state = this.state;
    // The canvas's and the panel's callbacks call features built below; they run only once the page is up.
    const canvas = new Canvas($('canvas'), state, {
      clickNode: (id) => void panel.select({ type: 'node', id }),
      doubleClickNode: (id) => void entity.expand(id),
      clickEdge: (id) => void panel.select({ type: 'edge', id }),
      clickStage: () => {
        if (state.view.highlight?.kind === 'new') state.set({ highlight: null });
        if (state.view.selection.focus) void panel.select(null);
      },
      dragged: (id) => {
        if (!state.graph.node(id)?.pinned) state.graph.setPinned(id, true);
      },
    });
    const services: Services = { state, canvas, progress: new Progress($('progress')), toasts: new Toasts($('toasts')) };
    const layout = new LayoutFeature(services);
    const panel: PanelFeature = new PanelFeature(services, $('panel'), {
      expand: (id) => void entity.expand(id),
      showLeftOut: (id, type) => void entity.showLeftOut(id, type),
      hide: (id) => entity.toggleHidden(id),
      pin: (id, pinned) => entity.pin(id, pinned),
      remove: (id) => entity.remove(id),
      pathFrom: (id, name) => paths.finder.setEnd('from', id, name),
      pathTo: (id, name) => paths.finder.setEnd('to', id, name),
      clearPaths: () => paths.clear(),
      selectPath: (i) => paths.show(i),
      notes: (t) => investigations.notes.panelSection(t),
    });
    const entity = new EntityActions(services, layout, panel);
    const filters = new FiltersFeature(services, $('sidebar'), layout);
    const paths = new PathsFeature(services, layout, panel, suggestEntities);
    const search = new SearchFeature(services, $('search'), { layout, panel, filters });
    const cypher = new ConsoleFeature(services, $('console'), layout, panel);
    const url = new UrlSync(state);
    const investigations: InvestigationsFeature = new InvestigationsFeature(services, $('stage'), {
      stopLayout: () => layout.stop(),
      rewriteUrl: () => url.write(),
      select: (t) => void panel.select(t, { moveCamera: true }),
      showSidebar: (show) => ($('sidebar').hidden = !show),
    });
    $('app').append(investigations.drawer.el, investigations.story.card);
    url.override = () => investigations.urlOverride();
    return { canvas, services, layout, panel, entity, filters, paths, search, cypher, exporter: new ExportFeature(services), url, investigations };
  }

  private buildToolbar(): Toolbar {
    const { canvas, paths, cypher, url, layout, exporter, services, investigations } = this.f;
    return buildToolbar($('toolbar'), $('canvas-controls'), paths.finder.el, {
      paths: () => paths.finder.toggle(),
      console: () => void cypher.toggle(),
      undo: () => this.undo(),
      redo: () => this.redo(),
      reset: () => {
        investigations.detach();
        void this.opening.reset();
      },
      share: () => void url.share(services.toasts),
      zoomIn: () => canvas.zoom(1 / 1.5),
      zoomOut: () => canvas.zoom(1.5),
      fit: () => canvas.fit(),
      layout: () => layout.toggle(),
      exportPng: (scope) => void exporter.png(scope),
      exportFile: (format, scope) => void exporter.file(format, scope),
      hasSelection: () => this.state.view.selection.focus !== null,
    }, investigations.toolbarEntries());
  }

  /** Undo and redo restore the graph with the renderer detached (one redraw). */
  private undo(): void {
    this.f.canvas.bulk(() => this.state.undo());
  }

  private redo(): void {
    this.f.canvas.bulk(() => this.state.redo());
  }

  /** The toolbar's buttons and the page's flags follow the history and the layout. */
  private onChange(c: Change): void {
    if (c.has('history')) this.toolbar.setHistory(this.state.canUndo, this.state.canRedo);
    if (c.has('layout')) {
      const running = this.state.view.layout.running;
      document.body.dataset.layout = running ? 'running' : 'idle';
      this.toolbar.setLayoutRunning(running);
    }
  }

  async start(pre: Prefetched = App.prefetch()): Promise<void> {
    // A saved view's short link (`?view=<id>`) opens it over the opening view.
    const view = this.f.investigations.viewOfLink(window.location.search);
    await this.opening.start(pre);
    if (view) await this.f.investigations.openView(view);
    this.resolveReady();
    document.body.dataset.ready = 'true';
  }
}
