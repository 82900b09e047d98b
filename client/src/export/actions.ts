/**
 * The Export menu's actions: a PNG of the whole graph (or of the selection)
 * at a chosen scale with its legend, an SVG drawn from the canvas's display
 * data, or a data file from the API. GEXF and GraphML carry the picture (the
 * request's `view`: places, colours, sizes) so that Gephi opens it as drawn.
 */
import { api, ApiError, type ExportFormat } from '../api/index.ts';
import { frameOf } from '../graph/bounds.ts';
import { saveBlob } from '../ui/dom.ts';
import type { Services } from '../ui/services.ts';
import { FORMATS, fileStem, legendFor, scopeIds, selectionFor, viewFor, type ExportScope, type ExportView } from './index.ts';
import { pngWithLegend } from './png.ts';
import { pictureOf, svgDocument } from './svg.ts';

/** Formats that keep the picture (the export request's `view`). */
const WITH_VIEW: ReadonlySet<ExportFormat> = new Set(['gexf', 'graphml']);
/** The API takes request bodies up to 256 kB: a bigger picture is left out (the file still has every entity and claim). */
const MAX_VIEW_BYTES = 240_000;
/** The camera that frames the whole graph (sigma's default). */
const WHOLE = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };

export class ExportFeature {
  constructor(private readonly s: Services) {}

  private ids(scope: ExportScope): string[] | undefined {
    const { state } = this.s;
    return scopeIds(scope, state.graph.graph, state.visibility.nodes, state.view.selection);
  }

  private legend() {
    const { state } = this.s;
    const v = state.view;
    const focus = v.selection.focus?.type === 'node' ? state.graph.node(v.selection.focus.id)?.label : undefined;
    return { focus, legend: legendFor(state.visibility, v.schema, v.statusOrder, focus) };
  }

  /** A PNG of the whole graph (the view) or framed on the selection, `scale` times the canvas's size. */
  async png(scope: ExportScope, scale = 1): Promise<void> {
    const { canvas, progress, toasts } = this.s;
    let camera = WHOLE;
    if (scope === 'selection') {
      const ids = this.ids(scope);
      if (!ids) return toasts.show('Select an entity or an edge first', 'info');
      const box = canvas.displayBounds(ids);
      if (box) camera = { ...frameOf(box, 1.4), angle: 0 };
    }
    try {
      const { focus, legend } = this.legend();
      const blob = await progress.track('Rendering PNG', pngWithLegend(canvas.sigma as unknown as Parameters<typeof pngWithLegend>[0], legend, camera, scale));
      saveBlob(blob, `${fileStem(focus ?? 'view')}${scale > 1 ? `@${scale}x` : ''}.png`);
    } catch (e) {
      toasts.show(`PNG export failed: ${(e as Error).message}`, 'error');
    }
  }

  /** An SVG of what is drawn (the view) or of the selection, with the legend. */
  svg(scope: ExportScope): void {
    const { state, canvas, toasts } = this.s;
    const ids = this.ids(scope);
    if (!ids) return toasts.show(scope === 'selection' ? 'Select an entity or an edge first' : 'Nothing is drawn to export', 'info');
    try {
      const { focus, legend } = this.legend();
      const text = svgDocument(pictureOf(canvas.sigma, state.visibility, new Set(ids)), legend);
      saveBlob(new Blob([text], { type: 'image/svg+xml' }), `${fileStem(focus ?? 'view')}.svg`);
    } catch (e) {
      toasts.show(`SVG export failed: ${(e as Error).message}`, 'error');
    }
  }

  /** The picture for a GEXF or GraphML export, or undefined when it would not fit in a request. */
  private view(format: ExportFormat, ids: string[]): ExportView | undefined {
    if (!WITH_VIEW.has(format)) return undefined;
    const { state, toasts } = this.s;
    const view = viewFor(ids, state.graph.graph, state.sizes, state.visibility);
    if (JSON.stringify(view).length <= MAX_VIEW_BYTES) return view;
    toasts.show('The view is too big to send its layout: the file has every entity and claim, without their places', 'info');
    return undefined;
  }

  async file(format: ExportFormat, scope: ExportScope): Promise<void> {
    const { progress, toasts } = this.s;
    const ids = this.ids(scope);
    if (!ids) return toasts.show(scope === 'selection' ? 'Select an entity or an edge first' : 'Nothing is drawn to export', 'info');
    const label = FORMATS.find((f) => f.format === format)?.label ?? format;
    try {
      const file = await progress.track(`Exporting ${label}`, api.export(format, selectionFor(ids), undefined, { view: this.view(format, ids) }));
      saveBlob(file.blob, file.fileName);
      toasts.show(`Exported ${ids.length} entities as ${label}`, 'success');
    } catch (e) {
      toasts.show(`Export failed: ${e instanceof ApiError ? e.message : String(e)}`, 'error');
    }
  }
}
