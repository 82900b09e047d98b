/** How claims fold into drawn edges: one edge per (from, type, to), and how many sources stand behind one. */
import type { GraphEdge } from '../api/types.ts';

/** The drawn edge a claim folds into: one per (from, type, to). */
export function foldKey(source: string, type: string, target: string): string {
  return `${source}|${type}|${target}`;
}

/** Distinct sources among claims (a claim without a source counts as its own). */
export function sourceCount(claims: readonly GraphEdge[]): number {
  return new Set(claims.map((c) => c.sourceId ?? `claim:${c.id}`)).size;
}
