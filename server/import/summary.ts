import { formatNotes } from './notes.ts';
import type { RemovalSummary } from './replace.ts';
import type { ImportVerification } from './index.ts';
import { documentMessage } from './verify.ts';
import type { ImportSummary } from './write.ts';

export function formatRemoval(r: RemovalSummary): string {
  return r.found
    ? `Removed dataset "${r.dataset}": ${r.claimsDeleted} claims and ${r.nodesDeleted} nodes deleted (what other datasets share stays)`
    : `Dataset "${r.dataset}" was not in the database; nothing removed`;
}

/** The human summary printed at the end of an import. */
export function formatSummary(s: ImportSummary & { verification?: ImportVerification }, dryRun = false): string {
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
    ...(s.verification ? formatVerification(s.verification) : []),
    dryRun
      ? '  nothing written (--dry-run)'
      : `  database changes: ${s.nodesCreated} nodes created, ${s.relationshipsCreated} relationships created, ${s.propertiesSet} properties set` +
        (s.mode === 'chunked' ? ` (in ${s.transactions} transactions)` : s.mode === 'bulk' ? " (offline, by Neo4j's importer)" : ''),
  ].join('\n');
}

/** The import summary's lines on quotes checked against the sources' documents. */
export function formatVerification(v: ImportVerification): string[] {
  const t = v.totals;
  const checked = t.verified + t.approximate + t['paraphrase-anchored'] + t['not-found'];
  const out: string[] = [];
  if (checked > 0) {
    out.push(
      `  quotes: ${t.verified} verified, ${t.approximate} approximate, ${t['paraphrase-anchored']} paraphrases anchored, ` +
        `${t['not-found']} not found, ${t['no-document']} without a document`,
    );
  } else if (v.documents.length > 0) {
    out.push(`  quotes: not checked (no source document available; give a folder with --documents); ${t['no-document']} claims marked no-document`);
  }
  for (const d of v.documents) if (d.state !== 'same') out.push(`  ${documentMessage(d)}`);
  if (v.notFound.length) out.push(`  imported with --allow-unverified, quote not found: ${v.notFound.slice(0, 5).join(', ')}${v.notFound.length > 5 ? ', ...' : ''}`);
  return out;
}
