/**
 * The importer's "verify quotes" step (after validation, before writing), and
 * what `claimgraph verify` reports: every source's document looked up
 * (server/provenance/documents.ts), its hash compared with the one the dataset
 * records, and every claim of a source whose document is available checked
 * (server/provenance/verify-claim.ts), with the file and line it came from.
 * Claims of sources without a document are `no-document`; they are counted,
 * not listed.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Claim, type SourceDocument } from '../model/dataset.ts';
import { isFound, VERIFICATION_OUTCOMES, type VerificationOutcome } from '../model/verification.ts';
import { candidateNames, documentFolders, loadDocument, type LoadedDocument } from '../provenance/documents.ts';
import { verifyClaimText, type ClaimVerification } from '../provenance/verify-claim.ts';
import type { DatasetIssue } from './errors.ts';
import { readInputRecords, type DataInput, type InputContext } from './inputs.ts';
import { displayPath } from '../formats/records.ts';

export interface VerifyOptions {
  /** A folder of source documents (`--documents`), looked in before `<dataset>/documents/`. */
  documents?: string;
  /** Import claims whose quote is not found, and documents whose hash changed, marking them (`--allow-unverified`). */
  allowUnverified?: boolean;
}

/** What validation learnt about a source, for finding its document. */
export interface SourceInfo {
  document?: SourceDocument;
  /** Where the source is defined. */
  file: string;
  line?: number;
  /** The line of its `document.sha256`, when the format can tell. */
  hashLine?: number;
  record: string;
}

export type DocumentState =
  /** Found, and its hash is the one the dataset records. */
  | 'same'
  /** Found, but its normalized text's hash differs from the recorded one. */
  | 'changed'
  /** Found; the dataset records no hash for it (its hash is given, to add). */
  | 'unrecorded'
  /** The dataset records a document, and no folder has it. */
  | 'missing'
  /** Found, but its text could not be extracted. */
  | 'unreadable';

export interface DocumentStatus {
  sourceId: string;
  state: DocumentState;
  /** The file found (shown relative to the working folder). */
  file?: string;
  /** SHA-256 of its normalized text, when found and readable. */
  sha256?: string;
  /** What the dataset records. */
  recorded?: SourceDocument;
  /** Where the source is defined. */
  at: { file: string; line?: number; hashLine?: number; record: string };
  /** unreadable: why. missing: the names looked for. */
  detail?: string;
}

export interface CheckedClaim {
  id: string;
  sourceId: string;
  /** The data file and line of the quote (or anchor) checked. */
  file: string;
  line?: number;
  record: string;
  /** The claim's quote, and its anchor for a paraphrase. */
  quote: string;
  anchor?: string;
  verification: ClaimVerification;
}

export type OutcomeCounts = Record<VerificationOutcome, number>;

export interface VerificationReport {
  /** The folders documents were looked for in. */
  folders: string[];
  documents: DocumentStatus[];
  /** Every claim checked against a document, in file order. */
  claims: CheckedClaim[];
  /**
   * Claims of sources without a document whose quote the document of the
   * source that restates them (citedIn) does not have either: `no-document`.
   */
  notInCiting: string[];
  /** Per source with claims: its document (when found) and its claims by outcome. */
  bySource: { sourceId: string; document?: string; counts: OutcomeCounts }[];
  totals: OutcomeCounts;
}

export interface PlanVerification {
  report: VerificationReport;
  /** Claim id -> its verification, for the claims checked (the others are `no-document`). */
  byClaim: Map<string, ClaimVerification>;
}

export function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(VERIFICATION_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}

function listFolder(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

/** Each source's document, looked up by name in the folders in order, read and compared with its recorded hash. */
async function findDocuments(sources: Map<string, SourceInfo>, folders: string[]): Promise<{ documents: DocumentStatus[]; loaded: Map<string, LoadedDocument> }> {
  const listings = folders.map((f) => ({ folder: f, names: listFolder(f) }));
  const documents: DocumentStatus[] = [];
  const loaded = new Map<string, LoadedDocument>();
  for (const [sourceId, info] of sources) {
    const names = candidateNames(sourceId, info.document);
    let file: string | undefined;
    for (const l of listings) {
      const name = names.find((n) => l.names.has(n));
      if (name) {
        file = path.join(l.folder, name);
        break;
      }
    }
    const at = { file: info.file, line: info.line, hashLine: info.hashLine, record: info.record };
    if (!file) {
      if (info.document) documents.push({ sourceId, state: 'missing', recorded: info.document, at, detail: names.join(' or ') });
      continue;
    }
    try {
      const doc = await loadDocument(file);
      loaded.set(sourceId, doc);
      const state: DocumentState = !info.document ? 'unrecorded' : info.document.sha256 === doc.sha256 ? 'same' : 'changed';
      documents.push({ sourceId, state, file: displayPath(file), sha256: doc.sha256, ...(info.document ? { recorded: info.document } : {}), at });
    } catch (err) {
      documents.push({ sourceId, state: 'unreadable', file: displayPath(file), ...(info.document ? { recorded: info.document } : {}), at, detail: (err as Error).message });
    }
  }
  return { documents, loaded };
}

/**
 * Looks up every source's document, then checks every claim whose source's
 * document was found and read.
 */
export async function verifyQuotes(args: {
  inputs: DataInput[];
  context: InputContext;
  /** The dataset's folder (its `documents/` is looked in), when it is one. */
  datasetFolder?: string;
  sources: Map<string, SourceInfo>;
  /** Claims per source id, as validation counted them. */
  claimsBySource: Map<string, number>;
  opts: VerifyOptions;
}): Promise<PlanVerification> {
  const { sources, claimsBySource, opts } = args;
  const folders = documentFolders({ documents: opts.documents, datasetFolder: args.datasetFolder });
  const { documents, loaded } = await findDocuments(sources, folders);

  const claims: CheckedClaim[] = [];
  const notInCiting: string[] = [];
  const byClaim = new Map<string, ClaimVerification>();
  const checkedBySource = new Map<string, OutcomeCounts>();
  if (loaded.size > 0) {
    for (const input of args.inputs) {
      if (input.sections && !input.sections.includes('claims')) continue;
      for await (const r of readInputRecords(input, args.context, () => {})) {
        if (r.section !== 'claims') continue;
        const parsed = Claim.safeParse(r.value);
        if (!parsed.success) continue; // validation reported it
        const c = parsed.data;
        const doc = loaded.get(c.sourceId);
        let verification: ClaimVerification;
        if (doc) {
          verification = { ...verifyClaimText(c, doc), documentSourceId: c.sourceId };
        } else {
          // No document of its own: a claim that a source restates (citedIn),
          // quoted as that source gives it, is verified by that source's
          // document. Only when found there: the quote may be the original's
          // words, so not finding it in the restatement leaves it no-document.
          const citing = c.citedIn !== undefined ? loaded.get(c.citedIn) : undefined;
          if (!citing) continue;
          const v = verifyClaimText(c, citing);
          if (!isFound(v.outcome)) {
            notInCiting.push(c.id);
            continue;
          }
          verification = { ...v, documentSourceId: c.citedIn };
        }
        byClaim.set(c.id, verification);
        const field = c.paraphrase ? 'anchor' : 'quote';
        claims.push({
          id: c.id,
          sourceId: c.sourceId,
          file: r.file,
          line: r.lineOf([field]) ?? r.line,
          record: `claims[${r.index}] "${c.id}"`,
          quote: c.quote,
          ...(c.anchor !== undefined ? { anchor: c.anchor } : {}),
          verification,
        });
        let counts = checkedBySource.get(c.sourceId);
        if (!counts) checkedBySource.set(c.sourceId, (counts = emptyCounts()));
        counts[verification.outcome]++;
      }
    }
  }

  const totals = emptyCounts();
  const bySource: VerificationReport['bySource'] = [];
  for (const [sourceId, n] of claimsBySource) {
    const counts = checkedBySource.get(sourceId) ?? emptyCounts();
    const checked = VERIFICATION_OUTCOMES.reduce((s, o) => s + counts[o], 0);
    counts['no-document'] += n - checked;
    for (const o of VERIFICATION_OUTCOMES) totals[o] += counts[o];
    const doc = loaded.get(sourceId);
    bySource.push({ sourceId, ...(doc ? { document: displayPath(doc.file) } : {}), counts });
  }
  return { report: { folders: folders.map(displayPath), documents, claims, bySource, totals, notInCiting }, byClaim };
}

/** A passage for a one-line message: quoted, its inner line breaks already normalized away. */
export function quoted(s: string): string {
  return JSON.stringify(s);
}

/** What a not-found claim's problem says (the same words for `verify` and the importer). */
export function notFoundMessage(c: CheckedClaim, documentFile: string | undefined): string {
  const v = c.verification;
  const what = v.field === 'anchor' ? "paraphrase's anchor" : 'quote';
  const where = documentFile ? path.basename(documentFile) : `the document of source "${c.sourceId}"`;
  const head = v.outOfOrder
    ? `${what} piece ${quoted(v.missing ?? '')} is in ${where}, but not in the order the quote gives its pieces (pieces joined by "..." must be found in order)`
    : `${what} not found in ${where} (source "${c.sourceId}"): ${quoted(v.missing ?? '')}`;
  const closest = v.closest ? `; closest passage (similarity ${v.closest.score.toFixed(3)}): ${quoted(v.closest.exact)}` : '; no passage of the document comes close';
  return head + (v.outOfOrder ? '' : closest);
}

/** What a document problem says. */
export function documentMessage(d: DocumentStatus): string {
  const name = d.file ? path.basename(d.file) : (d.recorded?.file ?? d.sourceId);
  switch (d.state) {
    case 'changed':
      return `document changed: ${name} (source "${d.sourceId}") has SHA-256 ${d.sha256} but the dataset records ${d.recorded?.sha256}; if this is the text the claims quote, record its hash in document.sha256`;
    case 'missing':
      return `document not found: source "${d.sourceId}" records a document (${d.detail}) that is in none of the documents folders`;
    case 'unreadable':
      return `document unreadable: ${d.detail}`;
    case 'unrecorded':
      return `document found for source "${d.sourceId}" (${name}) but the dataset records no document.sha256 for it; its SHA-256 is ${d.sha256}`;
    default:
      return `document ${name} (source "${d.sourceId}") matches its recorded SHA-256`;
  }
}

/**
 * The importer's errors: every claim not found and every changed or
 * unreadable document (none with `allowUnverified`).
 */
export function verificationIssues(v: PlanVerification, opts: VerifyOptions): DatasetIssue[] {
  if (opts.allowUnverified) return [];
  const issues: DatasetIssue[] = [];
  const docFile = new Map(v.report.documents.map((d) => [d.sourceId, d.file]));
  const fileOf = (c: CheckedClaim) => docFile.get(c.verification.documentSourceId ?? c.sourceId);
  for (const d of v.report.documents) {
    if (d.state !== 'changed' && d.state !== 'unreadable') continue;
    issues.push({
      file: d.at.file,
      line: d.state === 'changed' ? (d.at.hashLine ?? d.at.line) : d.at.line,
      record: d.at.record,
      field: 'document',
      message: `${documentMessage(d)} (or import with --allow-unverified)`,
    });
  }
  for (const c of v.report.claims) {
    if (isFound(c.verification.outcome)) continue;
    issues.push({ file: c.file, line: c.line, record: c.record, field: c.verification.field, message: notFoundMessage(c, fileOf(c)) });
  }
  return issues;
}
