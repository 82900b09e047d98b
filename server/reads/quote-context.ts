/**
 * Quotes located in a document's text, from what verification stored on a
 * claim (server/provenance: the TextPositionSelector's code point offsets
 * into the normalized text, each piece's, the document's SHA-256): the
 * quote in context (a few sentences around it, as the document has them)
 * and every passage of a source view. Pure (unit-tested).
 */
import type { LoadedDocument } from '../provenance/documents.ts';
import { rawSpan } from '../provenance/normalize.ts';
import { codePointToIndex, quoteContext } from '../provenance/selectors.ts';

/** Where verification found a claim's quote, as the claim stores it. */
export interface StoredQuote {
  verification: string;
  quoteStart?: number | null;
  quoteEnd?: number | null;
  quotePieceStarts?: number[] | null;
  quotePieceEnds?: number[] | null;
  verificationSha256?: string | null;
}

export type NoContext = 'not-checked' | 'not-found' | 'document-missing' | 'document-changed';

/** Characters of context kept on either side of the quote at most. */
export const CONTEXT_CHARS = 600;

/** The raw (extracted text) spans of the quote's pieces, or of the whole quote. */
export function rawPieces(doc: LoadedDocument, q: StoredQuote): { start: number; end: number }[] {
  const starts = q.quotePieceStarts?.length ? q.quotePieceStarts : [q.quoteStart!];
  const ends = q.quotePieceEnds?.length ? q.quotePieceEnds : [q.quoteEnd!];
  return starts.map((s, i) => rawSpan(doc, codePointToIndex(doc.text, s), codePointToIndex(doc.text, ends[i]!)));
}

/** Why a stored quote cannot be shown in this document, or null when it can. */
export function noContextReason(doc: LoadedDocument | undefined, q: StoredQuote): NoContext | null {
  if (q.verification === 'not-found') return 'not-found';
  if (typeof q.quoteStart !== 'number' || typeof q.quoteEnd !== 'number') return 'not-checked';
  if (!doc) return 'document-missing';
  if (q.verificationSha256 && q.verificationSha256 !== doc.sha256) return 'document-changed';
  return null;
}

/**
 * The quote in context: the sentence around it and one on either side
 * (selectors.ts quoteContext), cut to CONTEXT_CHARS on either side, with
 * each verbatim piece's range in that text.
 */
export function contextOf(doc: LoadedDocument, q: StoredQuote): { text: string; highlights: { start: number; end: number }[]; clippedStart: boolean; clippedEnd: boolean } {
  const ctx = quoteContext(doc, q.quoteStart!, q.quoteEnd!, 1);
  const whole = rawSpan(doc, codePointToIndex(doc.text, q.quoteStart!), codePointToIndex(doc.text, q.quoteEnd!));
  const clippedStart = ctx.before.length > CONTEXT_CHARS;
  const clippedEnd = ctx.after.length > CONTEXT_CHARS;
  const before = clippedStart ? ctx.before.slice(-CONTEXT_CHARS) : ctx.before;
  const after = clippedEnd ? ctx.after.slice(0, CONTEXT_CHARS) : ctx.after;
  const from = whole.start - before.length;
  const text = before + ctx.exact + after;
  const highlights = rawPieces(doc, q)
    .map((p) => ({ start: Math.max(0, p.start - from), end: Math.min(text.length, p.end - from) }))
    .filter((p) => p.end > p.start);
  return { text, highlights, clippedStart, clippedEnd };
}
