import type { GraphCamera, StoryStep } from '../types.ts';

export type { GraphCamera, StoryStep };

/** Sigma's box of the graph (`getBBox()`): the extent its camera coordinates are normalized to. */
export interface GraphBox {
  x: [number, number];
  y: [number, number];
}

/** What the presentation shows: the step, its number, and how many there are. */
export interface Presenting {
  index: number;
  count: number;
  step: StoryStep;
}
