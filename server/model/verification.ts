/**
 * What checking a claim's quote against its source's document found
 * (server/provenance; stored on the claim as `verification`):
 *
 * - `verified`: every verbatim piece of the quote is in the document, exactly
 *   (after normalization);
 * - `approximate`: found, but only approximately (punctuation, case or
 *   spacing differ; `verificationScore` says how closely);
 * - `paraphrase-anchored`: a paraphrase whose verbatim anchor was found;
 * - `not-found`: a piece of the quote (or of the anchor) is not in the
 *   document (imported only with --allow-unverified);
 * - `no-document`: the source's document was not available, so the quote
 *   was not checked.
 */
export const VERIFICATION_OUTCOMES = ['verified', 'approximate', 'paraphrase-anchored', 'not-found', 'no-document'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const OUTCOME_MEANINGS: Record<VerificationOutcome, string> = {
  verified: 'The quote is in the source’s document, word for word.',
  approximate: 'The quote is in the source’s document with small differences of punctuation, case or spacing.',
  'paraphrase-anchored': 'A paraphrase; the verbatim passage it paraphrases is in the source’s document.',
  'not-found': 'The quote (or the passage a paraphrase cites) is not in the source’s document.',
  'no-document': 'Not checked: the source’s document was not available.',
};

/** Outcomes whose quote (or anchor) was found in the document. */
export function isFound(outcome: VerificationOutcome): boolean {
  return outcome === 'verified' || outcome === 'approximate' || outcome === 'paraphrase-anchored';
}
