/**
 * Publishing the investigation: one HTML file that shows what is drawn, the
 * story and the notes offline (the viewer bundle, built with the client into
 * client/dist/viewer/, fetched once and inlined), and the story as a
 * Markdown report in a zip (report.md, and images/step-NN.png drawn by
 * sigma for each step: its highlight, its camera, the legend).
 */
import { zipSync } from 'fflate';
import type { GraphEdge, SourceRef } from '../../api/types.ts';
import { legendFor } from '../../export/index.ts';
import { pngWithLegend } from '../../export/png.ts';
import { saveBlob } from '../../ui/dom.ts';
import type { Services } from '../../ui/services.ts';
import { fromGraphCamera, stepClaims, stepHighlight, storyFrame } from '../story/index.ts';
import { fileSlug, publishedData, publishHtml, reportMarkdown, type PublishedData, type ReportStep, type ViewerAssets } from './index.ts';

export interface PublishHooks {
  title(): string;
  sources(claims: readonly GraphEdge[]): Promise<ReadonlyMap<string, SourceRef>>;
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));

export class PublishFeature {
  private assets: Promise<ViewerAssets> | null = null;

  constructor(
    private readonly s: Services,
    private readonly hooks: PublishHooks,
  ) {}

  /** The viewer's script and styles, from the server that serves this app. */
  private viewer(): Promise<ViewerAssets> {
    if (!this.assets) {
      const get = async (file: string, type: RegExp) => {
        const res = await fetch(`/viewer/${file}`, { cache: 'no-cache' });
        // A missing file may come back as the app's index.html (the server's page fallback).
        if (!res.ok || !type.test(res.headers.get('content-type') ?? '')) throw new Error(`the viewer (${file}) is not built on this server: run npm run build:client`);
        return res.text();
      };
      this.assets = Promise.all([get('viewer.js', /javascript/), get('viewer.css', /css/)]).then(([js, css]) => ({ js, css }));
      this.assets.catch(() => (this.assets = null));
    }
    return this.assets;
  }

  /** What the page will show, with the sources of its claims (from the server; cited by id when it cannot say). */
  async data(): Promise<PublishedData> {
    const { state } = this.s;
    const v = state.view;
    const claims = [...state.visibility.edges.values()].flat();
    let sources: ReadonlyMap<string, SourceRef> = new Map();
    try {
      sources = await this.hooks.sources(claims);
    } catch {
      this.s.toasts.show('The server did not give the sources: the citations name them by id', 'info');
    }
    return publishedData({
      title: this.hooks.title(),
      now: new Date(),
      store: state.graph,
      visibility: state.visibility,
      sizes: state.sizes,
      schema: v.schema,
      statusOrder: v.statusOrder,
      notes: v.notes,
      story: v.story,
      sources: [...sources.values()],
    });
  }

  async html(): Promise<void> {
    const { progress, toasts } = this.s;
    try {
      const html = await progress.track(
        'Publishing',
        (async () => publishHtml(await this.data(), await this.viewer()))(),
      );
      const blob = new Blob([html], { type: 'text/html;charset=utf-8' });
      saveBlob(blob, `${fileSlug(this.hooks.title())}.html`);
      toasts.show(`Published: one HTML file of ${Math.round(blob.size / 1024)} KB that opens anywhere, offline`, 'success', 6000);
    } catch (e) {
      toasts.show(`Publishing failed: ${(e as Error).message}`, 'error');
    }
  }

  /** The story as report.md with a picture of each step, zipped. */
  async report(): Promise<void> {
    const { state, canvas, progress, toasts } = this.s;
    const steps = state.view.story;
    if (!steps.length) return toasts.show('The story has no steps yet: capture one first', 'info');
    const task = progress.start('Drawing the report');
    const before = { highlight: state.view.highlight, camera: canvas.camera() };
    try {
      const data = await this.data();
      const files: Record<string, Uint8Array> = {};
      const out: ReportStep[] = [];
      const g = state.graph.graph;
      for (const [i, step] of steps.entries()) {
        state.set({ highlight: stepHighlight(step, g) });
        await frame();
        const legend = legendFor(state.visibility, state.view.schema, state.view.statusOrder, step.title || `Step ${i + 1}`);
        // The step's own camera, else its items framed (as the presentation shows it).
        const hl = state.view.highlight!;
        const box = hl.nodes.size ? canvas.displayBounds(hl.nodes) : null;
        const camera = step.camera ? fromGraphCamera(step.camera, canvas.sigma.getBBox()) : box ? { ...storyFrame(box), angle: 0 } : undefined;
        const png = await pngWithLegend(canvas.sigma as unknown as Parameters<typeof pngWithLegend>[0], legend, camera);
        const name = `images/step-${String(i + 1).padStart(2, '0')}.png`;
        files[name] = new Uint8Array(await png.arrayBuffer());
        out.push({ title: step.title, text: step.text, image: name, claims: stepClaims(step, state.graph).flatMap((e) => e.claims) });
        progress.update(task, (i + 1) / steps.length);
      }
      files['report.md'] = new TextEncoder().encode(reportMarkdown(data, out));
      const zip = zipSync(files, { level: 0 });
      saveBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), `${fileSlug(this.hooks.title())}-report.zip`);
      toasts.show(`Report of ${steps.length} steps saved (report.md and its pictures, zipped)`, 'success');
    } catch (e) {
      toasts.show(`The report failed: ${(e as Error).message}`, 'error');
    } finally {
      state.set({ highlight: before.highlight });
      progress.end(task);
    }
  }
}
