/**
 * Story cameras in graph coordinates. Sigma's camera is normalized to the box
 * of the graph it draws (0..1 over the larger side), so a camera saved as
 * sigma states it points elsewhere once the canvas grows, and means nothing
 * in the published viewer, which draws a subgraph. A step keeps the graph
 * point at the centre and the graph units one unit of camera ratio spans.
 * Pure (the same normalization as sigma's createNormalizationFunction).
 */
import type { CameraView } from '../../state/types.ts';
import type { GraphBox, GraphCamera } from './types.ts';

function normalization(b: GraphBox): { dx: number; dy: number; ratio: number } {
  let ratio = Math.max(b.x[1] - b.x[0], b.y[1] - b.y[0]);
  if (!Number.isFinite(ratio) || ratio === 0) ratio = 1;
  const dx = (b.x[0] + b.x[1]) / 2;
  const dy = (b.y[0] + b.y[1]) / 2;
  return { dx: Number.isFinite(dx) ? dx : 0, dy: Number.isFinite(dy) ? dy : 0, ratio };
}

export function toGraphCamera(cam: CameraView, box: GraphBox): GraphCamera {
  const n = normalization(box);
  return { x: n.dx + n.ratio * (cam.x - 0.5), y: n.dy + n.ratio * (cam.y - 0.5), extent: cam.ratio * n.ratio, angle: cam.angle };
}

export function fromGraphCamera(g: GraphCamera, box: GraphBox): CameraView {
  const n = normalization(box);
  return { x: 0.5 + (g.x - n.dx) / n.ratio, y: 0.5 + (g.y - n.dy) / n.ratio, ratio: g.extent / n.ratio, angle: g.angle };
}

/**
 * The camera that frames a step's items (a box of sigma's normalized display
 * coordinates) with room around them: their larger side fills 55% of the
 * view, zoomed no closer than 0.25 (a lone entity keeps its neighbours in view).
 */
export function storyFrame(b: { minX: number; maxX: number; minY: number; maxY: number }): { x: number; y: number; ratio: number } {
  const extent = Math.max(b.maxX - b.minX, b.maxY - b.minY);
  return { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2, ratio: Math.min(1, Math.max(0.25, extent * 1.8)) };
}
