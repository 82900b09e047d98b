/**
 * A claim as evidence, in the story (presentation mode) and in the published
 * page: its status badge, the quote verification badge when the claim has
 * one, who → what → whom, its facts (amount, role, date), the quote, and the
 * source with its link. Everything from the data is text.
 */
import type { GraphEdge, SourceRef } from '../api/types.ts';
import type { Claim } from '../api/types.ts';
import { typeLabel } from '../graph/format.ts';
import { citationParts, claimFacts } from '../panel/format.ts';
import { kindColor } from '../theme/index.ts';
import { h, safeUrl } from '../ui/dom.ts';

/** What a quote's verification (from the verifier: the quote against the source's document) says, in words. */
export const VERIFICATION: Record<string, { label: string; title: string }> = {
  verified: { label: 'quote verified', title: "The quote was found word for word in the source's document" },
  approximate: { label: 'quote approximate', title: "The quote was found in the source's document with small differences (spacing, punctuation, typography)" },
  'paraphrase-anchored': { label: 'paraphrase', title: "A paraphrase, anchored on a passage of the source's document" },
  'not-found': { label: 'quote not found', title: "The quote was not found in the source's document" },
  'no-document': { label: 'not checked', title: 'Not checked: the source’s document was not available' },
};

export function statusBadge(status: string | null, meaning?: string): HTMLElement {
  const s = status ?? 'unknown';
  return h('span', { class: `badge status-badge status-${s.replace(/[^a-z-]/g, '')}`, title: meaning || s }, s);
}

/** The verification badge, or null when the claim has none (quotes not verified yet). */
export function verificationBadge(v: unknown): HTMLElement | null {
  if (typeof v !== 'string' || !v) return null;
  const known = VERIFICATION[v];
  return h('span', { class: `badge verify-badge verify-${v.replace(/[^a-z-]/g, '')}`, title: known?.title ?? v, 'data-verification': v }, known?.label ?? v);
}

export interface CardContext {
  /** Entity names and kinds by id. */
  entity(id: string): { name: string; kind: string };
  source(id: string): SourceRef | undefined;
  statusMeaning(status: string): string | undefined;
}

/** The source line: its title (a link when it has an http(s) URL), authors, publisher, date. */
export function sourceLine(s: SourceRef | undefined, sourceId: string | null): HTMLElement {
  if (!s) return h('div', { class: 'source source-missing' }, h('span', { class: 'source-label' }, 'Source'), sourceId ? ` ${sourceId}` : ' none recorded');
  const url = safeUrl(s.url);
  const title = url
    ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'source-title' }, s.title, h('span', { class: 'ext', 'aria-label': '(opens in a new tab)' }, ' ↗'))
    : h('span', { class: 'source-title' }, s.title);
  const parts = citationParts(s);
  return h('div', { class: 'source' }, h('span', { class: 'source-label' }, 'Source'), title, parts.length ? h('span', { class: 'source-meta' }, parts.join(' · ')) : null);
}

/** One claim; `withSource: false` leaves the source line out (a list grouped under its source). */
export function claimCard(c: GraphEdge, ctx: CardContext, withSource = true): HTMLElement {
  const end = (id: string) => {
    const e = ctx.entity(id);
    return h('span', { class: 'card-entity' }, h('span', { class: 'kind-dot', style: `background:${kindColor(e.kind)}` }), e.name);
  };
  const facts = claimFacts({ properties: c.properties } as Claim);
  return h(
    'li',
    { class: 'claim story-claim', 'data-claim': c.id, 'data-status': c.status ?? '' },
    h('div', { class: 'claim-head' }, statusBadge(c.status, c.status ? ctx.statusMeaning(c.status) : undefined), verificationBadge(c.properties.verification)),
    h('div', { class: 'claim-ends' }, end(c.source), h('span', { class: 'arrow' }, ` → ${typeLabel(c.type)} → `), end(c.target)),
    facts.length ? h('div', { class: 'claim-facts' }, facts.join(' · ')) : null,
    c.quote ? h('blockquote', { class: 'quote' }, c.quote) : null,
    withSource ? sourceLine(c.sourceId ? ctx.source(c.sourceId) : undefined, c.sourceId) : null,
  );
}
