/**
 * One claim as the evidence panel and the source view show it: its status
 * and verification badges, who to whom, its facts, its quote (a
 * paraphrase's anchor under it), the quote in context from the source's
 * document (the sentences around it, each verbatim piece marked), and its
 * source, which opens the source view. Data is text: the context's
 * highlights are <mark> elements around text nodes, never markup.
 */
import type { Claim, QuoteContext, SourceRef } from '../api/types.ts';
import { typeLabel } from '../graph/format.ts';
import { segmentText } from '../sources/index.ts';
import { kindColor } from '../theme/index.ts';
import { h, safeUrl } from '../ui/dom.ts';
import { citationParts, claimFacts } from './format.ts';
import { found, outcomeOf, verificationBadge } from './verification.ts';

export interface ClaimViewDeps {
  /** Opens an entity's panel. */
  select(id: string): void;
  /** Opens a source's view. */
  openSource(id: string): void;
  /** Whether the claim passes the filters (filtered claims are shown muted). */
  claimShown(claimId: string): boolean;
  meanings(): { statuses: Map<string, string> };
  /** The claim's quote in context, from the API. */
  context(claim: Claim): Promise<QuoteContext>;
}

export function statusBadge(status: string, meaning?: string): HTMLElement {
  const cls = status.replace(/[^a-z-]/g, '');
  return h('span', { class: `badge status-badge status-${cls}`, title: meaning ?? status }, status);
}

/** How a claim's context shows: loaded with the card (an edge's few claims), behind a button (an entity's many), or not at all. */
export type ContextMode = 'auto' | 'toggle' | 'none';

const NO_CONTEXT: Record<NonNullable<QuoteContext['reason']>, string> = {
  'not-checked': 'This quote was not checked against a document.',
  'not-found': 'This quote was not found in its source’s document.',
  'document-missing': 'The server has no copy of this source’s document, so the quote cannot be shown in context.',
  'document-changed': 'The server’s copy of the document is not the text this quote was found in (it changed since the import).',
};

/** Text with its paragraph breaks (a blank line) kept as line breaks; other line breaks are spaces, as HTML has them. */
export function withParagraphs(text: string): (string | HTMLElement)[] {
  return text.split(/\n[ \t]*\n\s*/).flatMap((part, i) => (i ? [h('br'), h('br'), part] : [part]));
}

/** The quote in its sentences: text runs, the quote's pieces in <mark>. */
export function contextBlock(ctx: QuoteContext, openSource: (id: string) => void): HTMLElement {
  if (!ctx.available) return h('p', { class: 'context-none', 'data-reason': ctx.reason ?? '' }, NO_CONTEXT[ctx.reason ?? 'not-checked']);
  const runs = segmentText(ctx.text, [{ id: ctx.claimId, ranges: ctx.highlights }]);
  return h(
    'figure',
    { class: 'quote-context' },
    h('p', { class: 'context-text' }, ctx.clippedStart ? '… ' : null, runs.map((r) => (r.claims.length ? h('mark', null, withParagraphs(r.text)) : withParagraphs(r.text))), ctx.clippedEnd ? ' …' : null),
    h(
      'figcaption',
      null,
      'In ',
      ctx.sourceId
        ? h('button', { type: 'button', class: 'btn-link source-open', title: 'Open the source: its claims and its document', onclick: () => openSource(ctx.sourceId!) }, ctx.sourceName ?? ctx.sourceId)
        : 'its source',
      ', as its document has it',
    ),
  );
}

export class ClaimCards {
  constructor(private readonly d: ClaimViewDeps) {}

  /**
   * One claim: `selfId` is the entity whose panel lists it (only the other
   * end is named), null to name both; `viewedSource`, the source whose view
   * lists it (its source is not repeated).
   */
  card(c: Claim, selfId: string | null, mode: ContextMode = 'toggle', viewedSource: string | null = null): HTMLElement {
    const shown = this.d.claimShown(c.id);
    const facts = claimFacts(c);
    const anchor = c.properties.paraphrase === true && typeof c.properties.anchor === 'string' ? c.properties.anchor : null;
    return h(
      'li',
      { class: `claim${shown ? '' : ' claim-filtered'}`, 'data-claim': c.id, 'data-status': c.status, id: `claim-${c.id}` },
      h('div', { class: 'claim-head' }, h('span', { class: 'claim-badges' }, statusBadge(c.status, this.d.meanings().statuses.get(c.status)), verificationBadge(c.properties)), this.ends(c, selfId)),
      facts.length ? h('div', { class: 'claim-facts' }, facts.join(' · ')) : null,
      c.quote ? h('blockquote', { class: 'quote' }, c.quote) : null,
      anchor ? h('p', { class: 'anchor' }, h('span', { class: 'anchor-label' }, 'Paraphrases '), h('q', null, anchor)) : null,
      this.context(c, mode),
      c.source && c.source.id === viewedSource ? null : this.source(c.source),
      shown ? null : h('div', { class: 'claim-note' }, 'Hidden on the canvas by the filters'),
    );
  }

  private ends(c: Claim, selfId: string | null): HTMLElement {
    const end = (e: Claim['from']) =>
      e.id === selfId
        ? h('span', { class: 'claim-self' }, e.name)
        : h('button', { type: 'button', class: 'entity-link', title: `Show ${e.name}`, onclick: () => this.d.select(e.id) }, h('span', { class: 'kind-dot', style: `background:${kindColor(e.kind)}` }), e.name);
    // On an entity's panel only the other end is named; the arrow says which way the claim runs.
    if (selfId === c.from.id && selfId !== c.to.id) return h('span', { class: 'claim-ends' }, h('span', { class: 'arrow', title: `${typeLabel(c.type)}: this entity → the other` }, '→ '), end(c.to));
    if (selfId === c.to.id && selfId !== c.from.id) return h('span', { class: 'claim-ends' }, end(c.from), h('span', { class: 'arrow', title: `${typeLabel(c.type)}: the other → this entity` }, ' →'));
    return h('span', { class: 'claim-ends' }, end(c.from), h('span', { class: 'arrow', 'aria-label': typeLabel(c.type) }, ' → '), end(c.to));
  }

  /** The quote in context: loaded now, or behind a toggle; nothing for a quote that was not found. */
  private context(c: Claim, mode: ContextMode): HTMLElement | null {
    if (mode === 'none' || !c.quote || !found(outcomeOf(c.properties))) return null;
    const box = h('div', { class: 'context-box', id: `context-${c.id}` });
    let loaded = false;
    const load = () => {
      if (loaded) return;
      loaded = true;
      box.replaceChildren(h('p', { class: 'context-loading muted' }, 'Loading the quote in context…'));
      this.d.context(c).then(
        (ctx) => box.replaceChildren(contextBlock(ctx, (id) => this.d.openSource(id))),
        (e: Error) => box.replaceChildren(h('p', { class: 'context-none' }, `The quote in context could not be loaded: ${e.message}`)),
      );
    };
    if (mode === 'auto') {
      load();
      return box;
    }
    box.hidden = true;
    const toggle = h('button', { type: 'button', class: 'btn-link context-toggle', 'aria-expanded': 'false', 'aria-controls': `context-${c.id}` }, 'Show in context');
    toggle.addEventListener('click', () => {
      const open = box.hidden;
      box.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide context' : 'Show in context';
      if (open) load();
    });
    return h('div', { class: 'context-wrap' }, toggle, box);
  }

  private source(s: SourceRef | null): HTMLElement {
    if (!s) return h('div', { class: 'source source-missing' }, 'No source recorded');
    const url = safeUrl(s.url);
    const title = url
      ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'source-title' }, s.title, h('span', { class: 'ext', 'aria-label': '(opens in a new tab)' }, ' ↗'))
      : h('span', { class: 'source-title' }, s.title);
    const parts = citationParts(s);
    return h(
      'div',
      { class: 'source' },
      h('span', { class: 'source-label' }, 'Source'),
      title,
      h('button', { type: 'button', class: 'btn-link source-open', 'data-source': s.id, title: 'Every claim of this source, and its document', onclick: () => this.d.openSource(s.id) }, 'View source'),
      parts.length ? h('span', { class: 'source-meta' }, parts.join(' · ')) : null,
    );
  }
}
