/**
 * A view with more drawn edges or entities than this is "big" (a large
 * opening view, `?limit=50000`): the canvas hides edges and labels while the
 * camera moves, draws every edge straight and solid, and entities get the
 * smaller size range, so that labels go to the biggest only. See
 * client/README.md and bench/RENDER.md.
 */
export const BIG_EDGES = 20_000;
export const BIG_NODES = 10_000;

export function isBigView(order: number, size: number): boolean {
  return size > BIG_EDGES || order > BIG_NODES;
}

/** Pixel sizes of entities (square-root scale of the size metric), for normal and big views. */
export const NODE_SIZES = { normal: [5, 18], big: [1.5, 12] } as const;
