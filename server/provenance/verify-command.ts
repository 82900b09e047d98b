/**
 * `claimgraph verify <dataset> [--documents <dir>] [--json]`: validates the
 * dataset, checks every quote against its source's document, and prints one
 * line per problem (file:line, claim id, what was not found, the closest
 * passage and its similarity), then the documents and a summary per source.
 * Needs no database.
 *
 * Exit code: 0 when every quote and anchor of a source with a document was
 * found (exactly or approximately), no document changed, every recorded
 * document was found, and at least one claim was checked; 1 otherwise (or
 * when the dataset is invalid); 2 when the --documents folder does not exist.
 * (The same numbers as server/cli/exit.ts; this module is the command's
 * logic, registered by the CLI.)
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { VERIFICATION_OUTCOMES } from '../model/verification.ts';
import { DatasetValidationError, formatIssue } from '../import/errors.ts';
import { validateDataset } from '../import/load.ts';
import { documentMessage, notFoundMessage, quoted, type VerificationReport } from '../import/verify.ts';

export interface VerifyCommandOptions {
  /** A dataset folder or file. */
  target: string;
  /** A folder of source documents, looked in before `<dataset>/documents/`. */
  documents?: string;
  json?: boolean;
  /** Where the output goes (default: the console). */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export const VERIFY_EXIT = { OK: 0, PROBLEMS: 1, USAGE: 2 } as const;

export interface VerifyOutcome {
  problems: number;
  checked: number;
  report: VerificationReport;
}

/** Counts what makes `verify` fail: quotes not found, and documents changed, unreadable or missing. */
export function countProblems(report: VerificationReport): { notFound: number; documents: number; checked: number } {
  const t = report.totals;
  return {
    notFound: t['not-found'],
    documents: report.documents.filter((d) => d.state === 'changed' || d.state === 'unreadable' || d.state === 'missing').length,
    checked: t.verified + t.approximate + t['paraphrase-anchored'] + t['not-found'],
  };
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The report as text lines: problems first, then approximate matches, documents, and the summary per source. */
export function formatReport(report: VerificationReport): string[] {
  const out: string[] = [];
  const docFile = new Map(report.documents.map((d) => [d.sourceId, d.file]));
  const { notFound, documents, checked } = countProblems(report);
  for (const d of report.documents) {
    if (d.state === 'changed' || d.state === 'unreadable' || d.state === 'missing') {
      out.push(`${d.at.file}${d.at.hashLine ?? d.at.line ? `:${d.at.hashLine ?? d.at.line}` : ''} ${d.sourceId}: ${documentMessage(d)}`);
    }
  }
  for (const c of report.claims) {
    if (c.verification.outcome !== 'not-found') continue;
    out.push(`${c.file}${c.line ? `:${c.line}` : ''} ${c.id}: ${notFoundMessage(c, docFile.get(c.verification.documentSourceId ?? c.sourceId))}`);
  }
  const approx = report.claims.filter((c) => c.verification.outcome === 'approximate' || (c.verification.outcome === 'paraphrase-anchored' && (c.verification.score ?? 1) < 1));
  if (approx.length) {
    if (out.length) out.push('');
    out.push('Found approximately (same words; punctuation, case or spacing differ):');
    for (const c of approx) {
      out.push(
        `  ${c.file}${c.line ? `:${c.line}` : ''} ${c.id}: similarity ${(c.verification.score ?? 0).toFixed(3)}, the document has ${quoted(c.verification.selector?.quote.exact ?? '')}`,
      );
    }
  }
  if (report.notInCiting.length) {
    if (out.length) out.push('');
    out.push(
      `Not checked (no-document): ${report.notInCiting.length} claim${report.notInCiting.length === 1 ? '' : 's'} of sources without a document, not found in the document of the source that restates them (citedIn) either: ${report.notInCiting.join(', ')}`,
    );
  }
  const unrecorded = report.documents.filter((d) => d.state === 'unrecorded' || d.state === 'same');
  if (unrecorded.length) {
    if (out.length) out.push('');
    out.push('Documents:');
    for (const d of unrecorded) out.push(`  ${documentMessage(d)}`);
  }
  out.push('');
  out.push('By source:');
  const withDoc = report.bySource.filter((s) => s.document !== undefined || VERIFICATION_OUTCOMES.some((o) => o !== 'no-document' && s.counts[o] > 0));
  const without = report.bySource.filter((s) => !withDoc.includes(s));
  // A source without a document whose claims were checked through the source that restates them (citedIn).
  const via = new Map<string, string>();
  for (const c of report.claims) {
    const d = c.verification.documentSourceId;
    if (d && d !== c.sourceId && !via.has(c.sourceId)) via.set(c.sourceId, `via ${path.basename(docFile.get(d) ?? d)}`);
  }
  const rows = withDoc.map((s) => [s.sourceId, s.document ? path.basename(s.document) : (via.get(s.sourceId) ?? '-'), ...VERIFICATION_OUTCOMES.map((o) => String(s.counts[o]))]);
  if (without.length) {
    const n = without.reduce((sum, s) => sum + s.counts['no-document'], 0);
    rows.push([`(${without.length} source${without.length === 1 ? '' : 's'} without a document)`, '-', ...VERIFICATION_OUTCOMES.map((o) => String(o === 'no-document' ? n : 0))]);
  }
  rows.push(['total', '', ...VERIFICATION_OUTCOMES.map((o) => String(report.totals[o]))]);
  out.push(...table(['source', 'document', ...VERIFICATION_OUTCOMES], rows).map((l) => `  ${l}`));
  out.push('');
  if (checked === 0) {
    out.push(`verify: nothing checked: no source document found${report.folders.length ? ` in ${report.folders.join(', ')}` : ' (no --documents folder, and the dataset has no documents/ folder)'}`);
  } else {
    const problems = notFound + documents;
    out.push(
      `verify: ${problems === 0 ? 'ok' : `${problems} problem${problems === 1 ? '' : 's'}`} (${notFound} quote${notFound === 1 ? '' : 's'} not found, ${documents} document${documents === 1 ? '' : 's'} changed or missing); ` +
        `${checked} claims checked: ${report.totals.verified} verified, ${report.totals.approximate} approximate, ${report.totals['paraphrase-anchored']} paraphrase-anchored, ${notFound} not found; ` +
        `${report.totals['no-document']} without a document`,
    );
  }
  return out;
}

/** Runs the command; returns its exit code. */
export async function runVerify(o: VerifyCommandOptions): Promise<number> {
  const out = o.out ?? ((l: string) => console.log(l));
  const err = o.err ?? ((l: string) => console.error(l));
  if (o.documents !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(o.documents).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) {
      err(`--documents: "${o.documents}" is not a folder`);
      return VERIFY_EXIT.USAGE;
    }
  }
  let plan;
  try {
    // Ids missing from the dataset would be looked up in a database: verify needs none, so it accepts them.
    plan = await validateDataset(o.target, { documents: o.documents, allowUnverified: true, knownIds: async (ids) => new Set(ids) });
  } catch (e) {
    if (e instanceof DatasetValidationError) {
      const head = `The dataset has ${e.issues.length} error${e.issues.length === 1 ? '' : 's'}; its quotes were not checked.`;
      if (o.json) out(JSON.stringify({ error: { code: e.code, message: head, issues: e.issues } }, null, 2));
      err([head, ...e.issues.map((i) => `  - ${formatIssue(i)}`)].join('\n'));
      return VERIFY_EXIT.PROBLEMS;
    }
    throw e;
  }
  await plan.cleanup?.();
  const report = plan.verification.report;
  const { notFound, documents, checked } = countProblems(report);
  const ok = checked > 0 && notFound === 0 && documents === 0;
  if (o.json) {
    out(JSON.stringify({ dataset: plan.meta.name, ok, problems: notFound + documents, checked, ...report }, null, 2));
  } else {
    for (const line of formatReport(report)) out(line);
  }
  return ok ? VERIFY_EXIT.OK : VERIFY_EXIT.PROBLEMS;
}
