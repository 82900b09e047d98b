/**
 * Claim statuses, strongest first. The order is the "strength" used by every
 * minimum-strength filter (API paths, UI filters): a claim passes a minimum of
 * `reported` when its status is `documented` or `reported`.
 *
 * Why `assessment` sits above `alleged`: an assessment is a named author's
 * attributed judgment in a published work; an allegation is unverified
 * testimony or a hedged passage. `disputed` is weakest because another claim
 * in the data contradicts it.
 */
export const CLAIM_STATUSES = ['documented', 'reported', 'assessment', 'alleged', 'disputed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STATUS_MEANINGS: Record<ClaimStatus, string> = {
  documented: 'An official record or the subject’s own act or words (a designation, a tax filing, a published programme).',
  reported: 'A news organization, research body or book states it as fact.',
  assessment: 'An author’s judgment or characterization.',
  alleged: 'Testimony of a dissident or unnamed person, a social-media post, a party with a stake, or a hedged passage.',
  disputed: 'Another claim in the dataset contradicts it; both are kept, each with its own source.',
};

/** Strength rank: higher is stronger. */
export function statusRank(status: ClaimStatus): number {
  return CLAIM_STATUSES.length - CLAIM_STATUSES.indexOf(status);
}

/** Statuses at least as strong as `min`, strongest first. */
export function statusesAtLeast(min: ClaimStatus): ClaimStatus[] {
  return CLAIM_STATUSES.slice(0, CLAIM_STATUSES.indexOf(min) + 1);
}
