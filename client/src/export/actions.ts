/** The Export menu's actions: a PNG of the picture (or of the selection) with its legend, or a data file from the API. */
import { api, ApiError, type ExportFormat } from '../api/index.ts';
import { frameOf } from '../graph/bounds.ts';
import { saveBlob } from '../ui/dom.ts';
import type { Services } from '../ui/services.ts';
import { FORMATS, fileStem, legendFor, scopeIds, selectionFor, type ExportScope } from './index.ts';
import { pngWithLegend } from './png.ts';

export class ExportFeature {
  constructor(private readonly s: Services) {}

  private ids(scope: ExportScope): string[] | undefined {
    const { state } = this.s;
    return scopeIds(scope, state.graph.graph, state.visibility.nodes, state.view.selection.focus);
  }

  async png(scope: ExportScope): Promise<void> {
    const { state, canvas, progress, toasts } = this.s;
    let camera;
    if (scope === 'selection') {
      const ids = this.ids(scope);
      if (!ids) return toasts.show('Select an entity or an edge first', 'info');
      const box = canvas.displayBounds(ids);
      camera = box ? { ...frameOf(box, 1.4), angle: 0 } : undefined;
    }
    const v = state.view;
    const focus = v.selection.focus?.type === 'node' ? state.graph.node(v.selection.focus.id)?.label : undefined;
    try {
      const legend = legendFor(state.visibility, v.schema, v.statusOrder, focus);
      const blob = await progress.track('Rendering PNG', pngWithLegend(canvas.sigma as unknown as Parameters<typeof pngWithLegend>[0], legend, camera));
      saveBlob(blob, `${fileStem(focus ?? 'view')}.png`);
    } catch (e) {
      toasts.show(`PNG export failed: ${(e as Error).message}`, 'error');
    }
  }

  async file(format: ExportFormat, scope: ExportScope): Promise<void> {
    const { progress, toasts } = this.s;
    const ids = this.ids(scope);
    if (!ids) return toasts.show(scope === 'selection' ? 'Select an entity or an edge first' : 'Nothing is drawn to export', 'info');
    const label = FORMATS.find((f) => f.format === format)?.label ?? format;
    try {
      const file = await progress.track(`Exporting ${label}`, api.export(format, selectionFor(ids)));
      saveBlob(file.blob, file.fileName);
      toasts.show(`Exported ${ids.length} entities as ${label}`, 'success');
    } catch (e) {
      toasts.show(`Export failed: ${e instanceof ApiError ? e.message : String(e)}`, 'error');
    }
  }
}
