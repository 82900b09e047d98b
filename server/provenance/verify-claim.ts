/**
 * One claim against its source's document: a verbatim quote's pieces (or a
 * paraphrase's anchor's pieces) found in order, the outcome, and where.
 */
import type { Claim } from '../model/dataset.ts';
import type { VerificationOutcome } from '../model/verification.ts';
import { findPieces, roundScore, splitPieces } from './match.ts';
import { indexToCodePoint, selectorsFor, type TextPositionSelector, type TextQuoteSelector } from './selectors.ts';

export interface ClaimVerification {
  outcome: VerificationOutcome;
  /** Which field was checked: the quote, or a paraphrase's anchor. */
  field?: 'quote' | 'anchor';
  /**
   * Found: 1 when exact, else the approximate match's similarity (the lowest
   * of its pieces). Not found: the closest passage's similarity (0 when none
   * came within CLOSEST_MIN_SCORE).
   */
  score?: number;
  /** SHA-256 of the normalized document text it was checked against. */
  documentSha256?: string;
  /** The source whose document it was checked against: its own, or the one that restates it (citedIn). */
  documentSourceId?: string;
  /** Found: the whole span, from the first piece's start to the last one's end. */
  selector?: { quote: TextQuoteSelector; position: TextPositionSelector };
  /** Found, with several pieces: each piece's code point offsets. */
  pieces?: { start: number; end: number }[];
  /** Not found: the piece that was not found (normalized). */
  missing?: string;
  /** Not found: the closest passage of the document, and its similarity. */
  closest?: { exact: string; score: number; start: number; end: number };
  /** Not found: the piece is in the document, but before the piece it follows in the quote. */
  outOfOrder?: boolean;
}

/** The document as verification needs it: normalized text and its hash. */
export interface DocumentText {
  text: string;
  sha256: string;
}

/** A claim checked without a document: `no-document`, never verified. */
export const NO_DOCUMENT: ClaimVerification = Object.freeze({ outcome: 'no-document' });

/**
 * Checks one claim's quote (or, for a paraphrase, its anchor) against a document.
 *
 * @example
 *   const doc = { text: normalize(extracted), sha256: documentHash(extracted) };
 *   verifyClaimText({ quote: 'the group paid ... the speakers' }, doc).outcome // 'verified'
 */
export function verifyClaimText(claim: Pick<Claim, 'quote' | 'paraphrase' | 'anchor'>, doc: DocumentText): ClaimVerification {
  const field = claim.paraphrase ? 'anchor' : 'quote';
  const passage = claim.paraphrase ? (claim.anchor ?? '') : claim.quote;
  const pieces = splitPieces(passage);
  const base = { field, documentSha256: doc.sha256 } as const;
  if (pieces.length === 0) return { ...base, outcome: 'not-found', score: 0, missing: passage };
  const result = findPieces(doc.text, pieces);
  if ('missing' in result) {
    const m = result.match;
    return {
      ...base,
      outcome: 'not-found',
      score: m.closest ? roundScore(m.closest.score) : 0,
      missing: pieces[result.missing]!,
      ...(m.closest
        ? {
            closest: {
              exact: doc.text.slice(m.closest.start, m.closest.end),
              score: roundScore(m.closest.score),
              start: indexToCodePoint(doc.text, m.closest.start),
              end: indexToCodePoint(doc.text, m.closest.end),
            },
          }
        : {}),
      ...(m.outOfOrderAt !== undefined ? { outOfOrder: true } : {}),
    };
  }
  const { found } = result;
  const score = Math.min(...found.map((f) => f.score));
  const outcome: VerificationOutcome = claim.paraphrase ? 'paraphrase-anchored' : score < 1 ? 'approximate' : 'verified';
  return {
    ...base,
    outcome,
    score: roundScore(score),
    selector: selectorsFor(doc.text, found[0]!.start, found.at(-1)!.end),
    ...(found.length > 1 ? { pieces: found.map((f) => ({ start: indexToCodePoint(doc.text, f.start), end: indexToCodePoint(doc.text, f.end) })) } : {}),
  };
}

/**
 * The claim's verification as flat Neo4j properties (Neo4j stores no maps);
 * data/README.md lists them. A claim without a verification is `no-document`.
 */
export function verificationProps(v: ClaimVerification | undefined): Record<string, string | number | number[]> {
  if (!v) return { verification: 'no-document' };
  const p: Record<string, string | number | number[]> = { verification: v.outcome };
  if (v.score !== undefined) p.verificationScore = v.score;
  if (v.documentSha256) p.verificationSha256 = v.documentSha256;
  if (v.documentSourceId) p.verificationSource = v.documentSourceId;
  if (v.field === 'anchor') p.verificationField = 'anchor';
  if (v.selector) {
    p.quoteExact = v.selector.quote.exact;
    p.quotePrefix = v.selector.quote.prefix;
    p.quoteSuffix = v.selector.quote.suffix;
    p.quoteStart = v.selector.position.start;
    p.quoteEnd = v.selector.position.end;
  }
  if (v.pieces) {
    p.quotePieceStarts = v.pieces.map((x) => x.start);
    p.quotePieceEnds = v.pieces.map((x) => x.end);
  }
  if (v.missing !== undefined) p.verificationMissing = v.missing;
  if (v.closest) {
    p.verificationClosest = v.closest.exact;
    p.verificationClosestStart = v.closest.start;
    p.verificationClosestEnd = v.closest.end;
  }
  return p;
}

/** Every property `verificationProps` may write: computed by the importer, never taken from a record. */
export const VERIFICATION_PROPERTIES: ReadonlySet<string> = new Set([
  'verification',
  'verificationScore',
  'verificationSha256',
  'verificationSource',
  'verificationField',
  'quoteExact',
  'quotePrefix',
  'quoteSuffix',
  'quoteStart',
  'quoteEnd',
  'quotePieceStarts',
  'quotePieceEnds',
  'verificationMissing',
  'verificationClosest',
  'verificationClosestStart',
  'verificationClosestEnd',
]);

/**
 * A record's extra properties without the verification ones (a CSV or FtM
 * file exported from claimgraph carries them): an import computes them anew,
 * so a claim re-imported without its document is `no-document`, not verified.
 */
export function withoutVerificationProperties<T>(properties: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!properties) return properties;
  return Object.fromEntries(Object.entries(properties).filter(([k]) => !VERIFICATION_PROPERTIES.has(k)));
}
