/**
 * A claim's verification as users see it: a badge next to its status
 * (verified, approximate with its score, paraphrase, not found, not
 * checked) whose title and screen-reader text say what it means. The
 * words match server/model/verification.ts's OUTCOME_MEANINGS (a unit test
 * holds them together).
 */
import { h } from '../ui/dom.ts';

export type Outcome = 'verified' | 'approximate' | 'paraphrase-anchored' | 'not-found' | 'no-document';

export const OUTCOME_MEANINGS: Record<Outcome, string> = {
  verified: 'The quote is in the source’s document, word for word.',
  approximate: 'The quote is in the source’s document with small differences of punctuation, case or spacing.',
  'paraphrase-anchored': 'A paraphrase; the verbatim passage it paraphrases is in the source’s document.',
  'not-found': 'The quote (or the passage a paraphrase cites) is not in the source’s document.',
  'no-document': 'Not checked: the source’s document was not available.',
};

const LABELS: Record<Outcome, { icon: string; text: string }> = {
  verified: { icon: '✓', text: 'verified' },
  approximate: { icon: '≈', text: 'approximate' },
  'paraphrase-anchored': { icon: '↔', text: 'paraphrase' },
  'not-found': { icon: '✗', text: 'not found' },
  'no-document': { icon: '–', text: 'not checked' },
};

/** A claim's outcome from its properties (claims imported before verification existed were not checked). */
export function outcomeOf(props: Record<string, unknown>): Outcome {
  const v = props.verification;
  return typeof v === 'string' && v in LABELS ? (v as Outcome) : 'no-document';
}

/** The quote was found in a document: its context can be shown. */
export function found(o: Outcome): boolean {
  return o === 'verified' || o === 'approximate' || o === 'paraphrase-anchored';
}

/** The badge's words: its label (with the score of an approximate match) and its explanation. */
export function badgeText(props: Record<string, unknown>): { label: string; title: string } {
  const o = outcomeOf(props);
  const score = typeof props.verificationScore === 'number' ? props.verificationScore : null;
  const label = o === 'approximate' && score !== null ? `${LABELS[o].text} ${score.toFixed(2)}` : LABELS[o].text;
  const title = o === 'approximate' && score !== null ? `Approximate (similarity ${score.toFixed(2)} of 1): ${OUTCOME_MEANINGS[o]}` : `${label[0]!.toUpperCase()}${label.slice(1)}: ${OUTCOME_MEANINGS[o]}`;
  return { label, title };
}

export function verificationBadge(props: Record<string, unknown>): HTMLElement {
  const o = outcomeOf(props);
  const { label, title } = badgeText(props);
  return h(
    'span',
    { class: `badge verify-badge verify-${o}`, title, 'data-verification': o },
    h('span', { class: 'verify-icon', 'aria-hidden': 'true' }, LABELS[o].icon),
    ` ${label}`,
    h('span', { class: 'sr-only' }, `: ${OUTCOME_MEANINGS[o]}`),
  );
}
