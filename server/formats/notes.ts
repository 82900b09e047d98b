/**
 * What a reader did not take in as it was, so nothing is lost silently:
 * records of schemata claimgraph does not model (skipped, or folded into
 * other entities' properties), claims skipped and why, references to ids
 * that are neither in the data nor in the database, and values a reader
 * assumed because the file had none (a GEXF node without a kind).
 */
export interface SkippedClaims {
  count: number;
  /** A few of the records skipped (ids). */
  examples: string[];
}

export interface DatasetNotes {
  /** Schema -> records not imported at all (claimgraph has no model for them). */
  skipped: Record<string, number>;
  /** Schema -> records kept as properties of the entities they describe. */
  keptAsProperties: Record<string, number>;
  /** Reason -> claims not imported. */
  claimsSkipped: Record<string, SkippedClaims>;
  /** References to ids in neither the file nor the database. */
  dangling: { count: number; ids: string[]; byProperty: Record<string, number> };
  /** Values that did not fit the model's field and were kept as properties only. */
  keptRaw: number;
  /** What was assumed -> how often (e.g. `kind "concept" for nodes without a kind`: 12). */
  assumed: Record<string, number>;
}

export const MAX_EXAMPLES = 20;

export function emptyNotes(): DatasetNotes {
  return { skipped: {}, keptAsProperties: {}, claimsSkipped: {}, dangling: { count: 0, ids: [], byProperty: {} }, keptRaw: 0, assumed: {} };
}

export function mergeNotes(into: DatasetNotes, from: DatasetNotes): void {
  for (const [k, v] of Object.entries(from.skipped)) into.skipped[k] = (into.skipped[k] ?? 0) + v;
  for (const [k, v] of Object.entries(from.keptAsProperties)) into.keptAsProperties[k] = (into.keptAsProperties[k] ?? 0) + v;
  for (const [k, v] of Object.entries(from.claimsSkipped)) {
    const cur = (into.claimsSkipped[k] ??= { count: 0, examples: [] });
    cur.count += v.count;
    cur.examples.push(...v.examples.slice(0, MAX_EXAMPLES - cur.examples.length));
  }
  into.dangling.count += from.dangling.count;
  into.dangling.ids.push(...from.dangling.ids.slice(0, MAX_EXAMPLES - into.dangling.ids.length));
  for (const [k, v] of Object.entries(from.dangling.byProperty)) into.dangling.byProperty[k] = (into.dangling.byProperty[k] ?? 0) + v;
  into.keptRaw += from.keptRaw;
  for (const [k, v] of Object.entries(from.assumed)) into.assumed[k] = (into.assumed[k] ?? 0) + v;
}

