/**
 * The app's ForceAtlas2 settings, in one place: the layout worker runs them,
 * and the rendering benchmark's bare page (bench/render/bare.ts) gives the
 * same ones to graphology's own FA2 worker, so the two are compared on equal
 * terms. Edge weights are the claims folded into each drawn edge.
 */
import type { AbstractGraph } from 'graphology-types';
import fa2Module, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import { cjs } from '../internal/cjs.ts';

const forceAtlas2 = cjs(fa2Module);

/** What the app sets on top of the library's inferred settings. */
export const FA2_SETTINGS = {
  gravity: 0.5,
  scalingRatio: 20,
  slowDown: 2,
  outboundAttractionDistribution: true,
  adjustSizes: false,
  edgeWeightInfluence: 0.4,
} as const satisfies ForceAtlas2Settings;

/** Graphs with more nodes than this use the Barnes-Hut approximation. */
export const BARNES_HUT_ABOVE = 400;

/** The settings for one graph: inferred from its size by the library, then the app's. */
export function fa2Settings(graph: AbstractGraph): ForceAtlas2Settings {
  return { ...forceAtlas2.inferSettings(graph), ...FA2_SETTINGS, barnesHutOptimize: graph.order > BARNES_HUT_ABOVE };
}
