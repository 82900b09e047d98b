/**
 * Finding a quote in a document's normalized text: exactly, else
 * approximately, else the closest passage for the report.
 *
 * Approximate matching uses approx-string-match (Myers' bit-parallel edit
 * distance, what Hypothesis's text-quote anchoring uses), with Hypothesis's
 * similarity: 1 - edits / length of the quote. A passage counts as found
 * approximately only when BOTH
 *
 *   - its similarity is at least APPROXIMATE_MIN_SCORE (0.9), and
 *   - it has the same letters and digits as the quote (compared under NFKC,
 *     ignoring case): the differences are punctuation, case, spacing, or a
 *     PDF's line-end hyphenation and ligatures.
 *
 * The second rule is what a threshold alone cannot give: one word changed in a
 * 150-character quote still scores 0.97, and must not pass for the source's
 * words. Anything else is not found, reported with the closest passage and
 * its similarity.
 */
import approxSearch from 'approx-string-match';
import { normalize } from './normalize.ts';

/** The lowest similarity (1 - edits / quote length) an approximate match may have. */
export const APPROXIMATE_MIN_SCORE = 0.9;
/** Closest passages are looked for down to this similarity (Hypothesis: half the quote's length in edits). */
export const CLOSEST_MIN_SCORE = 0.5;
/** Edits the approximate search allows at most (its cost grows with it: O(edits/32 x text length)). */
const MAX_SEARCH_ERRORS = 256;

/**
 * The verbatim pieces of a quote: normalized, split on `...` (an ellipsis,
 * any run of three dots or more), each trimmed; empty pieces (a quote that
 * starts or ends with `...`) dropped.
 *
 * @example
 *   splitPieces('“The group” … paid them.') // => ['"The group"', 'paid them.']
 */
export function splitPieces(quote: string): string[] {
  return normalize(quote)
    .split(/\.{3,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Letters and digits only, NFKC, lower case: what an approximate match must keep. */
export function letters(s: string): string {
  return (s.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join('');
}

export type PieceMatch =
  | { kind: 'exact'; start: number; end: number; score: 1 }
  | { kind: 'approximate'; start: number; end: number; score: number }
  | {
      kind: 'not-found';
      /** The closest passage at or after the search start, when one is at least CLOSEST_MIN_SCORE similar. */
      closest?: { start: number; end: number; score: number };
      /** The piece is in the text, but before the previous piece (pieces must be in order). */
      outOfOrderAt?: number;
    };

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * The approximate match of `piece` in text[from, to) with the fewest edits;
 * among equals, the first (or, with `last`, the last one: for a piece that
 * must come before another).
 */
function bestApproximate(text: string, piece: string, from: number, to: number, last = false): Candidate | undefined {
  const maxErrors = Math.min(MAX_SEARCH_ERRORS, Math.floor(piece.length * (1 - CLOSEST_MIN_SCORE)));
  if (maxErrors < 1 || to <= from) return undefined;
  const matches = approxSearch(text.slice(from, to), piece, maxErrors);
  let best: Candidate | undefined;
  for (const m of matches) {
    const better = !best || m.errors < best.errors || (m.errors === best.errors && (last ? m.start > best.start : m.start < best.start || (m.start === best.start && m.end < best.end)));
    if (better) best = m;
  }
  return best && { start: best.start + from, end: best.end + from, errors: best.errors };
}

/**
 * Finds one piece (already normalized) in a normalized text, within
 * [from, to): the first occurrence, or with `last` the last one.
 *
 * @example
 *   findPiece('He said the group paid them well.', 'the group paid')
 *   // => { kind: 'exact', start: 8, end: 22, score: 1 }
 */
export function findPiece(text: string, piece: string, from = 0, to = text.length, last = false): PieceMatch {
  const at = last ? text.lastIndexOf(piece, to - piece.length) : text.indexOf(piece, from);
  if (at >= from && at + piece.length <= to) return { kind: 'exact', start: at, end: at + piece.length, score: 1 };
  const best = bestApproximate(text, piece, from, to, last);
  if (best) {
    const score = 1 - best.errors / piece.length;
    if (score >= APPROXIMATE_MIN_SCORE && letters(text.slice(best.start, best.end)) === letters(piece)) {
      return { kind: 'approximate', start: best.start, end: best.end, score };
    }
  }
  const elsewhere = from > 0 || to < text.length ? text.indexOf(piece) : -1;
  return {
    kind: 'not-found',
    ...(best ? { closest: { start: best.start, end: best.end, score: 1 - best.errors / piece.length } } : {}),
    ...(elsewhere >= 0 ? { outOfOrderAt: elsewhere } : {}),
  };
}

export type FoundPiece = Extract<PieceMatch, { kind: 'exact' | 'approximate' }>;

/** Occurrences of the anchoring piece tried, at most (a long piece rarely occurs twice). */
const MAX_ANCHOR_TRIES = 50;

/**
 * Finds every piece of a quote, in order, as close together as the text
 * allows: the longest piece first (the least likely to occur by chance),
 * then the pieces before it, each the last occurrence before the next piece,
 * and the pieces after it, each the first after the previous one. (Taking
 * each piece's first occurrence instead would tie a short first piece such
 * as "the MEK" to the top of the document.) Returns the pieces found, or the
 * index of the first one not found with what the search found instead.
 */
export function findPieces(text: string, pieces: string[]): { found: FoundPiece[] } | { missing: number; match: Extract<PieceMatch, { kind: 'not-found' }> } {
  const k = pieces.reduce((best, p, i) => (p.length > pieces[best]!.length ? i : best), 0);
  let firstFailure: { missing: number; match: Extract<PieceMatch, { kind: 'not-found' }> } | undefined;
  let from = 0;
  for (let attempt = 0; attempt < MAX_ANCHOR_TRIES; attempt++) {
    const anchor = findPiece(text, pieces[k]!, from);
    if (anchor.kind === 'not-found') {
      return firstFailure ?? { missing: k, match: anchor };
    }
    const found: FoundPiece[] = new Array(pieces.length);
    found[k] = anchor;
    let failure: typeof firstFailure;
    for (let i = k - 1; i >= 0 && !failure; i--) {
      const m = findPiece(text, pieces[i]!, 0, found[i + 1]!.start, true);
      if (m.kind === 'not-found') failure = { missing: i, match: m };
      else found[i] = m;
    }
    for (let i = k + 1; i < pieces.length && !failure; i++) {
      const m = findPiece(text, pieces[i]!, found[i - 1]!.end);
      if (m.kind === 'not-found') failure = { missing: i, match: m };
      else found[i] = m;
    }
    if (!failure) return { found };
    firstFailure ??= failure;
    // Another occurrence of the anchoring piece may have the others around it.
    from = anchor.start + 1;
  }
  return firstFailure!;
}

/** A similarity rounded for people (and for storage): 3 decimals, never rounded up to 1. */
export function roundScore(score: number): number {
  const r = Math.round(score * 1000) / 1000;
  return r === 1 && score < 1 ? 0.999 : r;
}
