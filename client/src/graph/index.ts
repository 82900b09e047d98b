/**
 * The graph on the canvas: entities as nodes, claims folded into drawn edges
 * (one per from/type/to, holding every claim id), plus the user's pins, hides
 * and the set of expanded nodes. Every change goes through these methods so
 * undo (snapshots) and the URL stay in step.
 *
 * @example
 *   const store = new GraphStore();
 *   const added = store.merge(await api.neighborhood('org-hub'), { near: 'org-hub' });
 */
import { MultiDirectedGraph } from 'graphology';
import { kindColor } from '../theme/index.ts';
import type { GraphData, GraphEdge, GraphNode } from '../api/types.ts';
import type { MergeResult, NodeAttrs, EdgeAttrs, Snapshot } from './types.ts';
import { boundsOf, extentOf } from './bounds.ts';
import { foldKey } from './fold.ts';
import { seededPoint } from './seed.ts';

export type { NodeAttrs, EdgeAttrs, MergeResult, Snapshot, SizeMetric } from './types.ts';
export type ViewGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

type GraphDataLike = Pick<GraphData, 'nodes' | 'edges'>;
type Listener = () => void;

/** A new node's attributes: the entity at a place, not pinned, hidden or laid out yet. */
export function nodeAttrs(n: GraphNode, p: { x: number; y: number }): NodeAttrs {
  return { x: p.x, y: p.y, size: 6, color: kindColor(n.kind), label: n.name, kind: n.kind, entity: n, pinned: false, hidden: false, laidOut: false };
}

export class GraphStore {
  readonly graph: ViewGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: true });
  readonly claims = new Map<string, GraphEdge>();
  readonly expanded = new Set<string>();
  private listeners = new Set<Listener>();
  private moveListeners = new Set<Listener>();
  private batching = 0;
  private dirty = false;
  /** Bumped by every change listeners hear of (not by moves): what was computed from the store at a version still holds. */
  version = 0;
  private memos = new Map<string, { version: number; list: string[] }>();

  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Called after setPositions (layout ticks, dragging), which graph listeners do not hear of. */
  onMove(fn: Listener): () => void {
    this.moveListeners.add(fn);
    return () => this.moveListeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    if (this.batching) this.dirty = true;
    else for (const fn of this.listeners) fn();
  }

  /** Runs several changes and notifies once. */
  batch<T>(fn: () => T): T {
    this.batching++;
    try {
      return fn();
    } finally {
      this.batching--;
      if (!this.batching && this.dirty) {
        this.dirty = false;
        this.changed();
      }
    }
  }

  hasNode(id: string): boolean {
    return this.graph.hasNode(id);
  }

  node(id: string): NodeAttrs | undefined {
    return this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : undefined;
  }

  /** The claims folded into a drawn edge. */
  edgeClaims(edge: string): GraphEdge[] {
    if (!this.graph.hasEdge(edge)) return [];
    return this.graph
      .getEdgeAttribute(edge, 'claims')
      .map((id) => this.claims.get(id))
      .filter((c): c is GraphEdge => c !== undefined);
  }

  /**
   * Adds nodes and claims not yet on the canvas; nodes already there keep
   * their place and state. New nodes start next to `near` (or next to a
   * neighbour already placed), at a seeded point so layouts are repeatable.
   */
  merge(data: GraphDataLike, opts: { near?: string; laidOut?: boolean } = {}): MergeResult {
    const added: MergeResult = { nodes: [], claims: [], edges: [] };
    const spread = this.spread();
    // Into an empty canvas every node goes on the seeded disc: placed as it is added.
    const empty = this.graph.order === 0;
    for (const n of data.nodes) {
      if (this.graph.hasNode(n.id)) {
        this.graph.mergeNodeAttributes(n.id, { entity: n, label: n.name });
        continue;
      }
      const attrs = nodeAttrs(n, empty ? seededPoint(n.id, 0, 0, spread * 0.5) : { x: 0, y: 0 });
      if (empty && opts.laidOut) attrs.laidOut = true;
      this.graph.addNode(n.id, attrs);
      added.nodes.push(n.id);
    }
    for (const c of data.edges) {
      if (this.claims.has(c.id) || !this.graph.hasNode(c.source) || !this.graph.hasNode(c.target)) continue;
      added.claims.push(c.id);
      const edge = this.fold(c);
      if (edge) added.edges.push(edge);
    }
    if (empty) {
      if (added.nodes.length || added.claims.length) this.changed();
      return added;
    }
    // Place the new nodes: next to the anchor, else next to a placed neighbour, else on a seeded disc.
    const fresh = new Set(added.nodes);
    const anchor = opts.near && this.graph.hasNode(opts.near) && !fresh.has(opts.near) ? this.graph.getNodeAttributes(opts.near) : undefined;
    for (const id of added.nodes) {
      let center: { x: number; y: number } | undefined = anchor;
      if (!center) {
        const placed = this.graph.neighbors(id).find((m) => !fresh.has(m));
        if (placed) center = this.graph.getNodeAttributes(placed);
      }
      const p = center ? seededPoint(id, center.x, center.y, spread * 0.12) : seededPoint(id, 0, 0, spread * 0.5);
      this.graph.mergeNodeAttributes(id, opts.laidOut ? { ...p, laidOut: true } : p);
    }
    if (added.nodes.length || added.claims.length) this.changed();
    return added;
  }

  /** Keeps a claim and folds it into its drawn edge; returns the edge's key when the edge is new. */
  private fold(c: GraphEdge): string | null {
    this.claims.set(c.id, c);
    const key = foldKey(c.source, c.type, c.target);
    if (this.graph.hasEdge(key)) {
      this.graph.updateEdgeAttribute(key, 'claims', (l) => [...(l ?? []), c.id]);
      return null;
    }
    this.graph.addDirectedEdgeWithKey(key, c.source, c.target, { type: c.type, claims: [c.id] });
    return key;
  }

  /** Half the larger side of the nodes' bounding box (100 for an empty graph). */
  spread(): number {
    if (this.graph.order < 2) return 100;
    const box = boundsOf(this.graph.mapNodes((_, a) => a));
    return box ? Math.max(50, extentOf(box) / 2) : 100;
  }

  removeNodes(ids: Iterable<string>): void {
    this.batch(() => {
      for (const id of ids) {
        if (!this.graph.hasNode(id)) continue;
        this.graph.forEachEdge(id, (_e, a) => a.claims.forEach((c) => this.claims.delete(c)));
        this.graph.dropNode(id);
        this.expanded.delete(id);
        this.changed();
      }
    });
  }

  setHidden(ids: Iterable<string>, hidden: boolean): void {
    this.batch(() => {
      for (const id of ids) {
        if (!this.graph.hasNode(id)) continue;
        this.graph.setNodeAttribute(id, 'hidden', hidden);
        this.changed();
      }
    });
  }

  setPinned(id: string, pinned: boolean): void {
    if (!this.graph.hasNode(id)) return;
    this.graph.setNodeAttribute(id, 'pinned', pinned);
    this.changed();
  }

  /**
   * Moves nodes (layout ticks, dragging). Positions are written into the
   * nodes' attributes in place, without a graph event per node (a renderer
   * listening to the graph would re-run its reducers for each); `onMove`
   * listeners hear of it once.
   */
  setPositions(positions: Map<string, { x: number; y: number }> | Record<string, { x: number; y: number }>, laidOut = true): void {
    const entries = positions instanceof Map ? positions.entries() : Object.entries(positions);
    for (const [id, p] of entries) {
      if (!this.graph.hasNode(id)) continue;
      const a = this.graph.getNodeAttributes(id);
      a.x = p.x;
      a.y = p.y;
      if (laidOut) a.laidOut = true;
    }
    for (const fn of this.moveListeners) fn();
  }

  markExpanded(id: string): void {
    if (!this.expanded.has(id)) {
      this.expanded.add(id);
      this.changed();
    }
  }

  hiddenByUser(): string[] {
    return this.memo('hidden', () => this.graph.filterNodes((_, a) => a.hidden));
  }

  pinned(): string[] {
    return this.memo('pinned', () => this.graph.filterNodes((_, a) => a.pinned));
  }

  /** A list computed from the graph, kept until the next change (the URL asks on every camera move). */
  private memo(key: string, compute: () => string[]): string[] {
    const m = this.memos.get(key);
    if (m && m.version === this.version) return [...m.list];
    const list = compute();
    this.memos.set(key, { version: this.version, list });
    return [...list];
  }

  snapshot(): Snapshot {
    return {
      nodes: this.graph.mapNodes((id, attrs) => ({ id, attrs: { ...attrs } })),
      claims: [...this.claims.values()],
      expanded: [...this.expanded],
    };
  }

  restore(s: Snapshot): void {
    this.graph.clear();
    this.claims.clear();
    this.expanded.clear();
    for (const n of s.nodes) this.graph.addNode(n.id, { ...n.attrs });
    for (const c of s.claims) if (this.graph.hasNode(c.source) && this.graph.hasNode(c.target)) this.fold(c);
    s.expanded.forEach((id) => this.expanded.add(id));
    this.changed();
  }

  clear(): void {
    this.graph.clear();
    this.claims.clear();
    this.expanded.clear();
    this.changed();
  }
}
