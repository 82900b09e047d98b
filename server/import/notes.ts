/**
 * What an import did not take in as it was, so nothing is lost silently:
 * records of schemata claimgraph does not model (skipped, or folded into
 * other entities' properties), claims skipped and why, and references to ids
 * that are neither in the data nor in the database.
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
  /** Entries of a ZIP archive not extracted: their names lead outside it (`../x`, `/x`). */
  skippedEntries?: string[];
}

export const MAX_EXAMPLES = 20;

export function emptyNotes(): DatasetNotes {
  return { skipped: {}, keptAsProperties: {}, claimsSkipped: {}, dangling: { count: 0, ids: [], byProperty: {} }, keptRaw: 0 };
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
  if (from.skippedEntries?.length) (into.skippedEntries ??= []).push(...from.skippedEntries);
}

export function hasNotes(n: DatasetNotes): boolean {
  return (
    Object.keys(n.skipped).length > 0 ||
    Object.keys(n.keptAsProperties).length > 0 ||
    Object.keys(n.claimsSkipped).length > 0 ||
    n.dangling.count > 0 ||
    n.keptRaw > 0 ||
    (n.skippedEntries?.length ?? 0) > 0
  );
}

export function formatNotes(n: DatasetNotes): string[] {
  const list = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const out: string[] = [];
  if (Object.keys(n.keptAsProperties).length) out.push(`  kept as properties of other entities: ${list(n.keptAsProperties)}`);
  if (Object.keys(n.skipped).length) out.push(`  skipped (schemata claimgraph does not model): ${list(n.skipped)}`);
  for (const [reason, s] of Object.entries(n.claimsSkipped)) {
    out.push(`  claims skipped, ${reason}: ${s.count} (e.g. ${s.examples.slice(0, 3).join(', ')})`);
  }
  if (n.dangling.count) {
    out.push(
      `  references to ${n.dangling.count} ids in neither the file nor the database (${list(n.dangling.byProperty)}): ` +
        `${n.dangling.ids.slice(0, 5).join(', ')}${n.dangling.ids.length > 5 || n.dangling.count > 5 ? ', ...' : ''}`,
    );
  }
  if (n.keptRaw) out.push(`  values that do not fit the model's field, kept as properties only: ${n.keptRaw}`);
  const se = n.skippedEntries ?? [];
  if (se.length) {
    out.push(`  archive entries skipped, their names lead outside the archive: ${se.length} (${se.slice(0, 5).map((x) => JSON.stringify(x)).join(', ')}${se.length > 5 ? ', ...' : ''})`);
  }
  return out;
}
