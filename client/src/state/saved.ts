/**
 * The working state to and from plain JSON (SavedState): the graph with
 * every entity's place, pins and hides, and the view (filters, selection,
 * camera...). Input is trusted here: whoever reads a file validates it first.
 */
import { nodeAttrs, type GraphStore, type Snapshot } from '../graph/index.ts';
import type { SavedState, Selection, ViewState } from './types.ts';

export function toSaved(graph: GraphStore, v: ViewState): SavedState {
  const s = graph.snapshot();
  return {
    version: 1,
    nodes: s.nodes.map(({ attrs: a }) => ({ entity: a.entity, x: a.x, y: a.y, pinned: a.pinned, hidden: a.hidden, laidOut: a.laidOut })),
    claims: s.claims,
    expanded: s.expanded,
    filters: structuredClone(v.filters),
    metric: v.metric,
    selection: { focus: v.selection.focus, nodes: [...v.selection.nodes], edges: [...v.selection.edges] },
    path: v.path,
    query: v.query,
    added: [...v.added],
    removed: [...v.removed],
    leftOut: [...v.leftOut].map(([id, rows]) => [id, [...rows]]),
    camera: v.camera,
    opening: v.opening,
    // investigations
    notes: structuredClone([...v.notes]),
    story: structuredClone([...v.story]),
  };
}

/** The graph part of a saved state, as a store snapshot. */
export function snapshotOf(s: SavedState): Snapshot {
  return {
    nodes: s.nodes.map((n) => ({ id: n.entity.id, attrs: { ...nodeAttrs(n.entity, n), pinned: n.pinned, hidden: n.hidden, laidOut: n.laidOut } })),
    claims: s.claims,
    expanded: s.expanded,
  };
}

/** The view part of a saved state. */
export function viewOf(
  s: SavedState,
): Pick<ViewState, 'filters' | 'metric' | 'selection' | 'path' | 'query' | 'added' | 'removed' | 'leftOut' | 'camera' | 'opening' | 'notes' | 'story'> {
  const selection: Selection = { focus: s.selection.focus, nodes: new Set(s.selection.nodes), edges: new Set(s.selection.edges) };
  return {
    filters: structuredClone(s.filters),
    metric: s.metric,
    selection,
    path: s.path,
    query: s.query,
    added: [...s.added],
    removed: [...s.removed],
    leftOut: new Map(s.leftOut),
    camera: s.camera,
    opening: s.opening,
    // investigations
    notes: structuredClone(s.notes),
    story: structuredClone(s.story),
  };
}
