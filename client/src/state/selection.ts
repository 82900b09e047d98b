/** Building selections and highlights (pure; the state holds them). */
import type { MergeResult } from '../graph/types.ts';
import type { Highlight, Selected, Selection } from './types.ts';

/** The selection of one item (or of nothing): a new object each time, so selecting again is a change. */
export function selectionOf(focus: Selected): Selection {
  return {
    focus,
    nodes: new Set(focus?.type === 'node' ? [focus.id] : []),
    edges: new Set(focus?.type === 'edge' ? [focus.id] : []),
  };
}

/** Anything selected at all (the focus, or items on the canvas). */
export function hasSelection(s: Selection): boolean {
  return s.focus !== null || s.nodes.size > 0 || s.edges.size > 0;
}

/** What a merge added, as a "new items" highlight; null when it added nothing. */
export function newItemsHighlight(added: MergeResult): Highlight | null {
  if (!added.nodes.length && !added.edges.length) return null;
  return { kind: 'new', nodes: new Set(added.nodes), edges: new Set(added.edges), fadeOthers: false };
}
