/**
 * The story, the pure part: capturing a step from the view (what is
 * selected or highlighted becomes what the step highlights), editing,
 * reordering and deleting steps (a new array each time), and the highlight a
 * step draws (its items, the rest faded).
 */
import type { GraphEdge } from '../../api/types.ts';
import type { GraphStore, ViewGraph } from '../../graph/index.ts';
import type { Highlight, ViewState } from '../../state/types.ts';
import { newId } from '../index.ts';
import type { GraphCamera, StoryStep } from './types.ts';

export type * from './types.ts';
export { toGraphCamera, fromGraphCamera, storyFrame } from './camera.ts';

/** What the view picks out: the selection, and the path on show; edges bring their two ends. (A step on show is not picked: capturing makes a new one.) */
export function pickedItems(v: Pick<ViewState, 'selection' | 'highlight'>, g: ViewGraph): { nodes: string[]; edges: string[] } {
  const nodes = new Set<string>(v.selection.nodes);
  const edges = new Set<string>(v.selection.edges);
  if (v.highlight?.kind === 'path') {
    v.highlight.nodes.forEach((n) => nodes.add(n));
    v.highlight.edges.forEach((e) => edges.add(e));
  }
  for (const e of edges) {
    if (!g.hasEdge(e)) {
      edges.delete(e);
      continue;
    }
    nodes.add(g.source(e));
    nodes.add(g.target(e));
  }
  return { nodes: [...nodes].filter((n) => g.hasNode(n)), edges: [...edges] };
}

/**
 * A new step from the view: its picked items, and no camera of its own when
 * it has items (it frames them, on any screen), else the camera as it is.
 * "Use this camera" in the editor sets one. The title names the first picked entity.
 */
export function captureStep(v: Pick<ViewState, 'selection' | 'highlight'>, g: ViewGraph, camera: GraphCamera | null, index: number, id = newId('s')): StoryStep {
  const { nodes, edges } = pickedItems(v, g);
  const first = nodes[0] && g.hasNode(nodes[0]) ? g.getNodeAttribute(nodes[0], 'label') : null;
  return { id, title: first ? `Step ${index + 1}: ${first}` : `Step ${index + 1}`, text: '', nodes, edges, camera: nodes.length ? null : camera };
}

export function updateStep(steps: readonly StoryStep[], id: string, patch: Partial<Omit<StoryStep, 'id'>>): StoryStep[] {
  return steps.map((s) => (s.id === id ? { ...s, ...patch } : s));
}

export function removeStep(steps: readonly StoryStep[], id: string): StoryStep[] {
  return steps.filter((s) => s.id !== id);
}

/** Moves a step to a position (clamped); the others keep their order. */
export function moveStepTo(steps: readonly StoryStep[], id: string, to: number): StoryStep[] {
  const from = steps.findIndex((s) => s.id === id);
  if (from < 0) return [...steps];
  const out = [...steps];
  const [step] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, step!);
  return out;
}

/** Moves a step one place up (-1) or down (+1). */
export function moveStep(steps: readonly StoryStep[], id: string, delta: -1 | 1): StoryStep[] {
  const i = steps.findIndex((s) => s.id === id);
  return i < 0 ? [...steps] : moveStepTo(steps, id, i + delta);
}

/** Adds items to a step (the view's picked ones), each once. */
export function withItems(step: StoryStep, items: { nodes: string[]; edges: string[] }): StoryStep {
  return { ...step, nodes: [...new Set([...step.nodes, ...items.nodes])], edges: [...new Set([...step.edges, ...items.edges])] };
}

/** Takes an entity (and the edges at it) or an edge out of a step. */
export function withoutItem(step: StoryStep, item: { type: 'node' | 'edge'; id: string }, g: ViewGraph): StoryStep {
  if (item.type === 'edge') return { ...step, edges: step.edges.filter((e) => e !== item.id) };
  return {
    ...step,
    nodes: step.nodes.filter((n) => n !== item.id),
    edges: step.edges.filter((e) => !g.hasEdge(e) || (g.source(e) !== item.id && g.target(e) !== item.id)),
  };
}

/** The highlight a step draws: its entities and edges on the canvas (with both ends of each edge), everything else faded. */
export function stepHighlight(step: StoryStep, g: ViewGraph): Highlight {
  const nodes = new Set(step.nodes.filter((n) => g.hasNode(n)));
  const edges = new Set<string>();
  for (const e of step.edges) {
    if (!g.hasEdge(e)) continue;
    edges.add(e);
    nodes.add(g.source(e));
    nodes.add(g.target(e));
  }
  return { kind: 'story', nodes, edges, fadeOthers: true };
}

/** The claims behind a step's edges on the canvas, edge by edge. */
export function stepClaims(step: StoryStep, store: GraphStore): { edge: string; claims: GraphEdge[] }[] {
  return step.edges.filter((e) => store.graph.hasEdge(e)).map((edge) => ({ edge, claims: store.edgeClaims(edge) }));
}
