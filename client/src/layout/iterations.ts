/** How many ForceAtlas2 iterations a graph of `order` nodes gets: more for small graphs, fewer for big ones. */
export function iterationsFor(order: number, incremental: boolean): number {
  if (incremental) return order > 2000 ? 60 : 180;
  return Math.round(Math.max(100, Math.min(500, 6000 / Math.sqrt(order + 1))));
}
