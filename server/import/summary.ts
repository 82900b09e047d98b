import { formatNotes } from './notes.ts';
import type { RemovalSummary } from './replace.ts';
import type { ImportSummary } from './write.ts';

export function formatRemoval(r: RemovalSummary): string {
  return r.found
    ? `Removed dataset "${r.dataset}": ${r.claimsDeleted} claims and ${r.nodesDeleted} nodes deleted (what other datasets share stays)`
    : `Dataset "${r.dataset}" was not in the database; nothing removed`;
}

/** The human summary printed at the end of an import. */
export function formatSummary(s: ImportSummary, dryRun = false): string {
  const c = s.counts;
  const list = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  const { source: _s, ...entityKinds } = c.byKind;
  return [
    ...(s.undoneEarlier ? [`Undid an earlier import of "${s.dataset}" that did not finish (started ${s.undoneEarlier.startedAt})`] : []),
    ...(s.replaced ? [formatRemoval(s.replaced)] : []),
    `${dryRun ? 'Validated' : 'Imported'} dataset "${s.dataset}" in ${(s.ms / 1000).toFixed(1)} s`,
    `  entities: ${c.entities} (${list(entityKinds)})`,
    `  sources:  ${c.sources}`,
    `  claims:   ${c.claims} (${list(c.byStatus)})`,
    `  claim types: ${list(c.byType)}`,
    ...(s.notes ? formatNotes(s.notes) : []),
    dryRun
      ? '  nothing written (--dry-run)'
      : `  database changes: ${s.nodesCreated} nodes created, ${s.relationshipsCreated} relationships created, ${s.propertiesSet} properties set` +
        (s.mode === 'chunked' ? ` (in ${s.transactions} transactions)` : s.mode === 'bulk' ? " (offline, by Neo4j's importer)" : ''),
  ].join('\n');
}
