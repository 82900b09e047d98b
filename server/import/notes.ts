/**
 * What an import did not take in as it was (server/formats/notes.ts: what
 * the readers report), as lines for the import summary.
 */
import type { DatasetNotes } from '../formats/notes.ts';

export { emptyNotes, MAX_EXAMPLES, mergeNotes, type DatasetNotes, type SkippedClaims } from '../formats/notes.ts';

export function hasNotes(n: DatasetNotes): boolean {
  return (
    Object.keys(n.skipped).length > 0 ||
    Object.keys(n.keptAsProperties).length > 0 ||
    Object.keys(n.claimsSkipped).length > 0 ||
    n.dangling.count > 0 ||
    n.keptRaw > 0 ||
    Object.keys(n.assumed).length > 0
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
  for (const [what, count] of Object.entries(n.assumed)) out.push(`  assumed ${what}: ${count}`);
  return out;
}
