/**
 * The hook tests (and curious users) read: `window.__claimgraph` (see
 * TestHook). It reads the state and the canvas; only `moveCamera` acts, as a
 * user's pan or zoom does.
 */
import type { Canvas } from '../canvas/index.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import type { ExplorerState } from '../state/index.ts';
import type { SummaryOfView, TestHook } from './types.ts';
import type { UrlSync } from './url-sync.ts';

interface Parts {
  state: ExplorerState;
  canvas: Canvas;
  layout: LayoutFeature;
  panel: PanelFeature;
  url: UrlSync;
  ready: Promise<void>;
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function summaryOf({ state, canvas, layout, panel }: Parts): SummaryOfView {
  const g = state.graph.graph;
  const cam = canvas.camera();
  const v = state.view;
  let rendered = 0;
  g.forEachNode((id) => {
    const d = canvas.sigma.getNodeDisplayData(id);
    if (d && !d.hidden) rendered++;
  });
  return {
    nodes: g.order,
    edges: g.size,
    claims: state.graph.claims.size,
    visibleNodes: [...state.visibility.nodes],
    visibleEdges: [...state.visibility.edges].map(([id, claims]) => ({
      id,
      source: g.source(id),
      target: g.target(id),
      type: g.getEdgeAttribute(id, 'type'),
      statuses: claims.map((c) => c.status ?? ''),
      claims: claims.map((c) => c.id),
    })),
    renderedNodes: rendered,
    selected: v.selection.focus,
    selection: { nodes: [...v.selection.nodes], edges: [...v.selection.edges] },
    pinned: state.graph.pinned(),
    hidden: state.graph.hiddenByUser(),
    highlight: v.highlight ? { kind: v.highlight.kind, nodes: [...v.highlight.nodes], edges: [...v.highlight.edges] } : null,
    layoutRunning: layout.running,
    busy: Number(document.body.dataset.busy ?? 0),
    panel: panel.current?.type ?? null,
    filters: { ...v.filters },
    camera: { x: cam.x, y: cam.y, ratio: cam.ratio },
  };
}

export function installTestHook(p: Parts): void {
  const { state, canvas, layout, url } = p;
  const quiet = () => !layout.running && document.body.dataset.busy === '0' && !canvas.sigma.getCamera().isAnimated() && !url.pending;
  const hook: TestHook = {
    ready: p.ready,
    idle: async () => {
      for (let i = 0; i < 600; i++) {
        if (quiet()) {
          await frame();
          if (quiet()) return;
        }
        await sleep(50);
      }
    },
    summary: () => summaryOf(p),
    nodePosition: (id) => canvas.nodeViewport(id) ?? null,
    graphPosition: (id) => {
      const a = state.graph.node(id);
      return a ? { x: a.x, y: a.y } : null;
    },
    edgePosition: (id, t = 0.5) => {
      const g = state.graph.graph;
      if (!g.hasEdge(id)) return null;
      const a = canvas.nodeViewport(g.source(id));
      const b = canvas.nodeViewport(g.target(id));
      return a && b ? { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t } : null;
    },
    perf: () => {
      const st = canvas.stats;
      return { renders: st.renders.map((r) => ({ ...r })), renderCount: st.renderCount, renderMs: st.renderMs, layout: layout.runner.stats ? { ...layout.runner.stats } : null };
    },
    moveCamera: (cam, durationMs) => canvas.animateCamera(cam, durationMs),
  };
  Object.defineProperty(window, '__claimgraph', { value: Object.freeze(hook), configurable: false, writable: false });
}
