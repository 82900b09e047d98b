/** Node labels on the canvas: their length, and sigma's drawers of a big view's labels and of the hovered node. */
import { drawDiscNodeHover, drawDiscNodeLabel, type NodeHoverDrawingFunction, type NodeLabelDrawingFunction } from 'sigma/rendering';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.ts';

/** Canvas labels stop at about 38 characters (the panel has the full name). */
export function shortLabel(label: string, max = 38): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Node labels with a white halo, so that they stay legible over edges (sigma's own draws the text alone). */
export const drawHaloNodeLabel: NodeLabelDrawingFunction<NodeAttrs, EdgeAttrs> = (context, data, settings) => {
  if (!data.label) return;
  context.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
  context.lineWidth = 3;
  context.lineJoin = 'round';
  context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  // Where drawDiscNodeLabel writes it.
  context.strokeText(data.label, data.x + data.size + 3, data.y + settings.labelSize / 3);
  drawDiscNodeLabel(context, data, settings);
};

/**
 * The hovered or selected node on sigma's hover layer: a soft halo (the
 * label layer draws its name as a tag); on a big view, sigma's own box with
 * the name (sigma draws labels there).
 */
export function drawHover(big: () => boolean): NodeHoverDrawingFunction<NodeAttrs, EdgeAttrs> {
  return (context, data, settings) => {
    if (big()) {
      drawDiscNodeHover(context, data, settings);
      return;
    }
    context.beginPath();
    context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
    context.fillStyle = '#fff';
    context.shadowColor = 'rgba(16, 24, 40, 0.35)';
    context.shadowBlur = 6;
    context.fill();
    context.shadowBlur = 0;
  };
}
