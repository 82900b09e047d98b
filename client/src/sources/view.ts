/**
 * The source view (in the evidence panel, widened): a source's metadata,
 * every claim that cites it (grouped by relationship type, each with its
 * status, verification and quote in context), and its document's text with
 * every quoted passage marked; a passage and its claim lead to each other
 * and to the claim's edge on the canvas. All data is text: marks are <mark>
 * elements around text nodes.
 */
import type { Claim } from '../api/types.ts';
import { typeLabel } from '../graph/format.ts';
import type { ClaimCards } from '../panel/claim-view.ts';
import { sortClaims } from '../panel/format.ts';
import { h, safeUrl } from '../ui/dom.ts';
import { relationToSource, segmentText, sourceRows } from './index.ts';
import type { SourceContent } from './types.ts';

/** What the source view's controls ask other features to do. */
export interface SourceActions {
  /** Puts the source on the canvas (as a search pick does). */
  showOnCanvas(id: string, name: string): void;
  /** Loads the document into the view (its tab was opened). */
  loadDocument(id: string): void;
  /** A passage or a claim was picked: show its edge on the canvas. */
  pickClaim(claim: Claim): void;
  /** Draws the view again (its tab changed). */
  redraw(): void;
}

type Tab = 'claims' | 'document';

export class SourceViewRenderer {
  /** The tab open per source, kept across redraws (the document arriving redraws the view). */
  private tabs = new Map<string, Tab>();
  /** The claim to bring into view once the document is drawn. */
  private reveal: string | null = null;

  constructor(
    private readonly cards: ClaimCards,
    private readonly actions: SourceActions,
    private readonly meanings: () => { order: readonly string[] },
  ) {}

  render(c: SourceContent, tools: HTMLElement): (Node | null)[] {
    const s = c.view.source;
    const p = s.properties;
    const url = safeUrl(typeof p.url === 'string' ? p.url : null);
    const description = typeof p.description === 'string' ? p.description : '';
    const rows = sourceRows(s);
    const tab = this.tabs.get(s.id) ?? 'claims';
    return [
      h('div', { class: 'panel-head' }, h('div', { class: 'panel-title' }, h('span', { class: 'kind-chip' }, h('span', { class: 'kind-dot source-dot' }), 'source'), h('h2', { class: 'entity-name' }, s.name)), tools),
      h('div', { class: 'entity-id' }, s.id),
      h(
        'div',
        { class: 'panel-actions', role: 'group', 'aria-label': 'Source actions' },
        h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'show-source', title: 'Put this source on the canvas, with the works and people tied to it', onclick: () => this.actions.showOnCanvas(s.id, s.name) }, 'Show on canvas'),
        url ? h('a', { class: 'btn btn-small', href: url, target: '_blank', rel: 'noopener noreferrer' }, 'Web page', h('span', { 'aria-label': '(opens in a new tab)' }, ' ↗')) : null,
      ),
      description ? h('p', { class: 'entity-description' }, description) : null,
      rows.length ? h('dl', { class: 'props source-props' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])) : null,
      this.documentLine(c),
      this.tabBar(c, tab),
      tab === 'claims' ? this.claims(c) : this.document(c),
    ];
  }

  private documentLine(c: SourceContent): HTMLElement {
    const d = c.view.document;
    const name = d.file ?? 'its document';
    if (!d.available) return h('p', { class: 'doc-status doc-missing' }, `The server has no copy of ${d.file ? `its document (${d.file})` : 'a document of this source'}: its quotes are shown without their context.`);
    if (d.changed) return h('p', { class: 'doc-status doc-changed', role: 'note' }, `${name}: the server’s copy is not the text the dataset recorded (its SHA-256 differs); quotes found in the recorded text are not marked.`);
    return h('p', { class: 'doc-status' }, `Document: ${name} · ${d.passages} quote${d.passages === 1 ? '' : 's'} found in it`);
  }

  private tabBar(c: SourceContent, tab: Tab): HTMLElement {
    const btn = (t: Tab, label: string, disabled: boolean) =>
      h(
        'button',
        { type: 'button', role: 'tab', class: 'tab', id: `source-tab-${t}`, 'aria-selected': String(t === tab), 'aria-controls': `source-panel-${t}`, disabled, onclick: () => this.open(c, t) },
        label,
      );
    return h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Source' }, btn('claims', `Claims (${c.view.claimCount})`, false), btn('document', 'Document', !c.view.document.available));
  }

  private open(c: SourceContent, t: Tab, reveal: string | null = null): void {
    this.tabs.set(c.view.source.id, t);
    this.reveal = reveal;
    if (t === 'document' && !c.document) this.actions.loadDocument(c.view.source.id);
    else this.actions.redraw();
  }

  /** Marks a claim as the current one (its card and its passages), and asks for its edge on the canvas. */
  private pick(root: HTMLElement, claim: Claim): void {
    const panel = root.closest('.panel') ?? root;
    panel.querySelectorAll('.is-current').forEach((el) => el.classList.remove('is-current'));
    panel.querySelectorAll<HTMLElement>(`[data-claim="${CSS.escape(claim.id)}"], mark[data-claims~="${CSS.escape(claim.id)}"]`).forEach((el) => el.classList.add('is-current'));
    this.actions.pickClaim(claim);
  }

  private claims(c: SourceContent): HTMLElement {
    const sid = c.view.source.id;
    const listed = c.view.claims.reduce((n, g) => n + g.claims.length, 0);
    const found = new Set(c.document?.passages.map((p) => p.claimId) ?? []);
    return h(
      'section',
      { class: 'panel-section claims source-claims', role: 'tabpanel', id: 'source-panel-claims', 'aria-labelledby': 'source-tab-claims' },
      listed < c.view.claimCount ? h('p', { class: 'muted' }, `The first ${listed} of ${c.view.claimCount} claims`) : null,
      c.view.claims.length === 0 ? h('p', { class: 'muted' }, 'No claim cites this source.') : null,
      c.view.claims.map((g) =>
        h(
          'div',
          { class: 'claim-group', 'data-type': g.type },
          h('h4', { class: 'claim-group-title', title: g.meaning ?? '' }, typeLabel(g.type), h('span', { class: 'count' }, String(g.claims.length))),
          h(
            'ol',
            { class: 'claim-list' },
            sortClaims(g.claims, this.meanings().order).map((cl) => {
              const card = this.cards.card(cl, null, 'toggle', sid);
              const restated = relationToSource(cl, sid) === 'restated';
              card.append(
                h(
                  'div',
                  { class: 'claim-links' },
                  restated ? h('span', { class: 'restated-note' }, 'Restated in this source') : null,
                  h('button', { type: 'button', class: 'btn-link', 'data-action': 'pick-claim', onclick: (e: MouseEvent) => this.pick(e.currentTarget as HTMLElement, cl) }, 'Show on canvas'),
                  c.view.document.available && (found.has(cl.id) || !c.document)
                    ? h('button', { type: 'button', class: 'btn-link', 'data-action': 'find-in-document', onclick: () => this.open(c, 'document', cl.id) }, 'Find in the document')
                    : null,
                ),
              );
              return card;
            }),
          ),
        ),
      ),
    );
  }

  private document(c: SourceContent): HTMLElement {
    const panel = h('section', { class: 'panel-section source-document', role: 'tabpanel', id: 'source-panel-document', 'aria-labelledby': 'source-tab-document' });
    const d = c.document;
    if (!d) {
      panel.append(h('p', { class: 'panel-loading' }, h('span', { class: 'spinner' }), 'Loading the document…'));
      return panel;
    }
    const claims = new Map(c.view.claims.flatMap((g) => g.claims).map((x) => [x.id, x]));
    const runs = segmentText(d.text, d.passages.map((p) => ({ id: p.claimId, ranges: p.pieces })));
    const text = h(
      'div',
      { class: 'doc-text', 'data-testid': 'document-text' },
      runs.map((r) => {
        if (!r.claims.length) return r.text;
        const first = claims.get(r.claims[0]!);
        const label = r.claims
          .map((id) => {
            const x = claims.get(id);
            return x ? `${typeLabel(x.type)}: ${x.from.name} → ${x.to.name}` : id;
          })
          .join('; ');
        return h(
          'mark',
          {
            'data-claims': r.claims.join(' '),
            tabindex: 0,
            role: 'button',
            title: `${label} (show it on the canvas)`,
            onclick: (e: MouseEvent) => first && this.pick(e.currentTarget as HTMLElement, first),
            onkeydown: (e: KeyboardEvent) => {
              if ((e.key === 'Enter' || e.key === ' ') && first) {
                e.preventDefault();
                this.pick(e.currentTarget as HTMLElement, first);
              }
            },
          },
          r.text,
        );
      }),
    );
    panel.append(h('p', { class: 'muted doc-help' }, `${d.passages.length} quoted passage${d.passages.length === 1 ? '' : 's'} marked; pick one to show its claim on the canvas.`), text);
    const want = this.reveal;
    this.reveal = null;
    if (want) requestAnimationFrame(() => revealPassage(text, want));
    return panel;
  }
}

/** Scrolls the document to a claim's first passage and flashes it. */
function revealPassage(root: HTMLElement, claimId: string): void {
  const mark = [...root.querySelectorAll<HTMLElement>('mark[data-claims]')].find((m) => m.dataset.claims!.split(' ').includes(claimId));
  if (!mark) return;
  mark.scrollIntoView({ block: 'center' });
  mark.classList.add('is-current');
  mark.focus({ preventScroll: true });
}
