import type { GraphEdge, GraphNode } from '../api/types.ts';

/** A drawn node: one entity. Display attributes (colour, size) are set by the store. */
export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  entity: GraphNode;
  /** The user pinned it: layouts leave it where it is. */
  pinned: boolean;
  /** The user hid it (filters hide nodes too, but they are computed, not stored). */
  hidden: boolean;
  /** Has been through a layout at least once; new nodes have not. */
  laidOut: boolean;
}

/** A drawn edge: every claim of one type from one entity to another, folded. */
export interface EdgeAttrs {
  type: string;
  /** Claim ids, in arrival order. */
  claims: string[];
  /** Set by indexParallelEdgesIndex (@sigma/edge-curve) when a pair has several types. */
  parallelIndex?: number | null;
  parallelMinIndex?: number | null;
  parallelMaxIndex?: number | null;
  curvature?: number;
}

/** What a merge added, for highlighting and incremental layout. */
export interface MergeResult {
  nodes: string[];
  claims: string[];
  edges: string[];
}

/** Everything needed to put the canvas back as it was (undo, redo, reset). */
export interface Snapshot {
  nodes: { id: string; attrs: NodeAttrs }[];
  claims: GraphEdge[];
  expanded: string[];
}

export type SizeMetric = 'degree' | 'pagerank' | 'betweenness';
export const SIZE_METRICS: readonly { id: SizeMetric; label: string }[] = [
  { id: 'degree', label: 'Degree' },
  { id: 'pagerank', label: 'PageRank' },
  { id: 'betweenness', label: 'Betweenness' },
] as const;

/** How nodes are coloured: by kind, or by community (Louvain). */
export type ColorBy = 'kind' | 'community';
export const COLOR_BYS: readonly { id: ColorBy; label: string }[] = [
  { id: 'kind', label: 'Kind' },
  { id: 'community', label: 'Community' },
] as const;

export type { GraphEdge, GraphNode };
