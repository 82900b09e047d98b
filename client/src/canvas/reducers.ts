/**
 * Sigma's node and edge reducers: how each item is drawn in this frame from
 * the state (filters, sizes, selection, highlight) and the pointer (hover),
 * without changing the graph's data. They run for every item on every
 * refresh: only what sigma draws is returned.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeAttrs, NodeAttrs, ViewGraph } from '../graph/index.ts';
import { fade } from '../theme/colors.ts';
import { UI } from '../theme/index.ts';
import { edgeLook } from './edge-style.ts';
import { shortLabel } from './labels.ts';
import type { DrawState } from './types.ts';

/** What the edge reducer adds to sigma's edge display data. */
export type EdgeLook = Partial<EdgeDisplayData> & { curvature?: number; inFocus?: boolean };

/** The colour of selected items and of path steps. */
const EMPHASIS = '#c77c02';

export function nodeReducer(d: DrawState, node: string, data: NodeAttrs): Partial<NodeDisplayData> {
  if (!d.visibility.nodes.has(node)) return { x: data.x, y: data.y, size: data.size, color: data.color, label: data.label, hidden: true };
  const selected = d.selection.nodes.has(node);
  const full = selected || node === d.hovered || d.highlight?.nodes.has(node);
  const res: Partial<NodeDisplayData> = { x: data.x, y: data.y, size: d.sizes.get(node) ?? data.size, color: data.color, label: full ? data.label : shortLabel(data.label) };
  if (d.hovered) {
    if (node === d.hovered || d.hoverNeighbors.has(node)) {
      res.forceLabel = true;
      res.zIndex = 2;
    } else if (!selected) {
      // Selected entities stay drawn in full while the pointer is elsewhere.
      res.color = fade(data.color, 0.82);
      res.label = '';
      res.zIndex = 0;
    }
  } else if (d.highlight) {
    if (d.highlight.nodes.has(node)) {
      res.highlighted = true;
      res.forceLabel = true;
      res.zIndex = 2;
    } else if (d.highlight.fadeOthers && !selected) {
      res.color = fade(data.color, 0.8);
      res.label = '';
      res.zIndex = 0;
    }
  }
  if (selected) {
    res.highlighted = true;
    res.forceLabel = true;
    res.zIndex = 3;
  }
  return res;
}

export function edgeReducer(d: DrawState, g: ViewGraph, edge: string, data: EdgeAttrs): EdgeLook {
  const claims = d.visibility.edges.get(edge);
  if (!claims) return { hidden: true };
  const s = g.source(edge);
  const t = g.target(edge);
  if (!d.visibility.nodes.has(s) || !d.visibility.nodes.has(t)) return { hidden: true };
  const look = edgeLook(data.type, claims, typeof data.parallelIndex === 'number', d.big);
  const res: EdgeLook = { ...look, curvature: d.big ? undefined : data.curvature, zIndex: 1 };
  const sel = d.selection;
  const selected = sel.edges.has(edge);
  // Edges around the hovered or selected items keep their labels at any zoom (see Canvas.edgeLabelsWhenReadable).
  res.inFocus = selected || sel.nodes.has(s) || sel.nodes.has(t) || (d.hovered !== null && (d.hovered === s || d.hovered === t)) || !!d.highlight?.edges.has(edge);
  if (d.hovered) {
    if (s !== d.hovered && t !== d.hovered) {
      res.color = UI.dimEdge;
      res.label = '';
      res.zIndex = 0;
    } else res.zIndex = 2;
  } else if (d.highlight) {
    if (d.highlight.edges.has(edge)) {
      res.color = d.highlight.kind === 'path' ? EMPHASIS : look.color;
      res.size = Math.max(look.size, 2.5) * 1.4;
      res.zIndex = 2;
    } else if (d.highlight.fadeOthers) {
      res.color = UI.dimEdge;
      res.label = '';
      res.zIndex = 0;
    }
  }
  if (selected) {
    res.color = EMPHASIS;
    res.size = Math.max(look.size, 2) * 1.6;
    res.zIndex = 3;
  }
  return res;
}
