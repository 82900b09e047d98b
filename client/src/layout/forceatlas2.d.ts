/**
 * The parts of graphology-layout-forceatlas2 the worker runs directly (the
 * package's own web worker does the same): its settings check, the graph as
 * typed arrays, and one iteration over them. The package ships no typings
 * for these files.
 */
declare module 'graphology-layout-forceatlas2/iterate.js' {
  /** One ForceAtlas2 iteration over the node and edge matrices (positions updated in place). */
  export default function iterate(settings: Record<string, unknown>, nodes: Float32Array, edges: Float32Array): void;
}

declare module 'graphology-layout-forceatlas2/helpers.js' {
  import type { AbstractGraph, Attributes } from 'graphology-types';

  const helpers: {
    validateSettings(settings: Record<string, unknown>): { message: string } | null;
    /** The node matrix holds 10 values per node, x and y first, in the graph's node order. */
    graphToByteArrays(graph: AbstractGraph, getEdgeWeight: (edge: string, attributes: Attributes) => number): { nodes: Float32Array; edges: Float32Array };
    assignLayoutChanges(graph: AbstractGraph, nodes: Float32Array, outputReducer: null): void;
  };
  export default helpers;
}

declare module 'graphology-layout-forceatlas2/defaults.js' {
  const defaults: Record<string, number | boolean>;
  export default defaults;
}
