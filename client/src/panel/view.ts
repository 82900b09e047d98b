/**
 * The evidence panel (right side): an entity with every claim about it, an
 * edge with every claim folded into it, or the paths between two entities.
 * Each claim shows its status badge, its quote and its source; data is
 * always text.
 */
import type { Claim, LeftOut, SourceRef } from '../api/types.ts';
import { formatAmount, typeLabel } from '../graph/format.ts';
import { kindColor } from '../theme/index.ts';
import { fill, h, safeUrl } from '../ui/dom.ts';
import { aliasesOf, citationParts, claimFacts, propertyRows, sortClaims } from './index.ts';
import type { PanelActions, PanelContent } from './types.ts';

export function statusBadge(status: string, meaning?: string): HTMLElement {
  const cls = status.replace(/[^a-z-]/g, '');
  return h('span', { class: `badge status-badge status-${cls}`, title: meaning ?? status }, status);
}

function kindChip(kind: string): HTMLElement {
  return h('span', { class: 'kind-chip' }, h('span', { class: 'kind-dot', style: `background:${kindColor(kind)}` }), kind);
}

export class PanelView {
  private content: PanelContent | null = null;
  constructor(
    private readonly el: HTMLElement,
    private readonly actions: PanelActions,
    private readonly meanings: () => { statuses: Map<string, string>; order: readonly string[] },
  ) {
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') actions.close();
    });
  }

  get current(): PanelContent | null {
    return this.content;
  }

  show(content: PanelContent | null): void {
    this.content = content;
    this.el.hidden = content === null;
    document.body.classList.toggle('panel-open', content !== null);
    if (!content) {
      fill(this.el);
      return;
    }
    this.el.dataset.content = content.type;
    const close = h('button', { type: 'button', class: 'icon-btn panel-close', 'aria-label': 'Close panel', title: 'Close (Esc)', onclick: () => this.actions.close() }, '×');
    let body: (Node | null)[];
    switch (content.type) {
      case 'loading':
        body = [h('div', { class: 'panel-head' }, h('h2', null, content.title), close), h('div', { class: 'panel-loading' }, h('span', { class: 'spinner' }), 'Loading evidence…')];
        break;
      case 'error':
        body = [h('div', { class: 'panel-head' }, h('h2', null, content.title), close), h('p', { class: 'panel-error', role: 'alert' }, content.message)];
        break;
      case 'entity':
        body = this.entity(content, close);
        break;
      case 'edge':
        body = this.edge(content, close);
        break;
      case 'paths':
        body = this.paths(content, close);
        break;
    }
    fill(this.el, h('div', { class: 'panel-scroll' }, body));
  }

  private entity(c: Extract<PanelContent, { type: 'entity' }>, close: HTMLElement): (Node | null)[] {
    const { entity, claims, claimCount } = c.detail;
    const a = this.actions;
    const props = entity.properties;
    const aliases = aliasesOf(props);
    const description = typeof props.description === 'string' ? props.description : '';
    const n = c.node;
    const btn = (label: string, title: string, onclick: () => void, extra: Record<string, string> = {}) =>
      h('button', { type: 'button', class: 'btn btn-small', title, onclick, ...extra }, label);
    const actions = h(
      'div',
      { class: 'panel-actions', role: 'group', 'aria-label': 'Entity actions' },
      btn(n.expanded ? 'Expand again' : 'Expand', 'Add its neighbours to the canvas (or double-click the node)', () => a.expand(entity.id), { 'data-action': 'expand' }),
      n.onCanvas ? btn(n.hidden ? 'Show' : 'Hide', 'Hide it from the canvas (undo brings it back)', () => a.hide(entity.id), { 'data-action': 'hide' }) : null,
      n.onCanvas ? btn(n.pinned ? 'Unpin' : 'Pin', 'Keep it where it is when the layout runs', () => a.pin(entity.id, !n.pinned), { 'data-action': 'pin' }) : null,
      n.onCanvas ? btn('Remove', 'Remove it and its claims from the canvas', () => a.remove(entity.id), { 'data-action': 'remove' }) : null,
      btn('Path from', 'Start a path search here', () => a.pathFrom(entity.id, entity.name)),
      btn('Path to', 'End a path search here', () => a.pathTo(entity.id, entity.name)),
    );
    const listed = claims.reduce((k, g) => k + g.claims.length, 0);
    return [
      h('div', { class: 'panel-head' }, h('div', { class: 'panel-title' }, kindChip(entity.kind), h('h2', { class: 'entity-name' }, entity.name)), close),
      h('div', { class: 'entity-id' }, entity.id, n.pinned ? h('span', { class: 'pin-flag' }, ' · pinned') : null),
      actions,
      a.notes?.({ type: 'entity', id: entity.id }) ?? null,
      c.leftOut && c.leftOut.length ? this.leftOut(entity.id, c.leftOut) : null,
      description ? h('p', { class: 'entity-description' }, description) : null,
      aliases.length
        ? h('section', { class: 'panel-section' }, h('h3', null, 'Also known as'), h('ul', { class: 'alias-list' }, aliases.map((al) => h('li', { class: 'alias' }, al))))
        : null,
      this.properties(props),
      h(
        'section',
        { class: 'panel-section claims' },
        h('h3', null, `Claims (${claimCount})`, listed < claimCount ? h('span', { class: 'muted' }, ` · first ${listed} listed`) : null),
        claims.length === 0 ? h('p', { class: 'muted' }, 'No claims about this entity.') : null,
        claims.map((g) =>
          h(
            'div',
            { class: 'claim-group', 'data-type': g.type },
            h('h4', { class: 'claim-group-title', title: g.meaning ?? '' }, typeLabel(g.type), h('span', { class: 'count' }, String(g.claims.length))),
            g.meaning ? h('p', { class: 'claim-group-meaning' }, g.meaning) : null,
            h('ol', { class: 'claim-list' }, sortClaims(g.claims, this.meanings().order).map((cl) => this.claim(cl, entity.id))),
          ),
        ),
      ),
    ];
  }

  private leftOut(id: string, rows: readonly LeftOut[]): HTMLElement {
    return h(
      'section',
      { class: 'left-out', 'aria-label': 'Not shown' },
      h('h3', null, 'Not shown after expanding'),
      h(
        'ul',
        null,
        rows.map((r) => {
          // Beyond a dense frontier the API counts claims exactly but entities and amounts only as lower bounds.
          const atLeast = r.exact === false ? 'at least ' : '';
          const money = r.amounts.map((m) => `${atLeast}${formatAmount(m.total, m.currency)} total`).join(', ');
          return h(
            'li',
            null,
            h('span', null, `+${r.claims} ${r.type} claim${r.claims === 1 ? '' : 's'}`, ` (${atLeast}${r.nodes} entit${r.nodes === 1 ? 'y' : 'ies'})`, money ? `, ${money}` : ''),
            h('button', { type: 'button', class: 'btn btn-small btn-link', onclick: () => this.actions.showLeftOut(id, r.type) }, 'Show'),
          );
        }),
      ),
    );
  }

  private properties(props: Record<string, unknown>): HTMLElement | null {
    const rows = propertyRows(props);
    if (!rows.length) return null;
    return h('section', { class: 'panel-section' }, h('h3', null, 'Properties'), h('dl', { class: 'props' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])));
  }

  /** One claim: status, who to whom, facts, the quote, the source. */
  claim(c: Claim, selfId: string | null): HTMLElement {
    const m = this.meanings();
    const shown = this.actions.claimShown(c.id);
    const end = (e: Claim['from']) =>
      e.id === selfId
        ? h('span', { class: 'claim-self' }, e.name)
        : h('button', { type: 'button', class: 'entity-link', title: `Show ${e.name}`, onclick: () => this.actions.select(e.id) }, h('span', { class: 'kind-dot', style: `background:${kindColor(e.kind)}` }), e.name);
    const facts = claimFacts(c);
    return h(
      'li',
      { class: `claim${shown ? '' : ' claim-filtered'}`, 'data-claim': c.id, 'data-status': c.status },
      h(
        'div',
        { class: 'claim-head' },
        statusBadge(c.status, m.statuses.get(c.status)),
        // On an entity's panel only the other end is named; the arrow says which way the claim runs.
        selfId === c.from.id && selfId !== c.to.id
          ? h('span', { class: 'claim-ends' }, h('span', { class: 'arrow', title: `${typeLabel(c.type)}: this entity → the other` }, '→ '), end(c.to))
          : selfId === c.to.id && selfId !== c.from.id
            ? h('span', { class: 'claim-ends' }, end(c.from), h('span', { class: 'arrow', title: `${typeLabel(c.type)}: the other → this entity` }, ' →'))
            : h('span', { class: 'claim-ends' }, end(c.from), h('span', { class: 'arrow', 'aria-label': typeLabel(c.type) }, ' → '), end(c.to)),
      ),
      facts.length ? h('div', { class: 'claim-facts' }, facts.join(' · ')) : null,
      c.quote ? h('blockquote', { class: 'quote' }, c.quote) : null,
      this.source(c.source),
      shown ? null : h('div', { class: 'claim-note' }, 'Hidden on the canvas by the filters'),
    );
  }

  private source(s: SourceRef | null): HTMLElement {
    if (!s) return h('div', { class: 'source source-missing' }, 'No source recorded');
    const url = safeUrl(s.url);
    const title = url
      ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'source-title' }, s.title, h('span', { class: 'ext', 'aria-label': '(opens in a new tab)' }, ' ↗'))
      : h('span', { class: 'source-title' }, s.title);
    const parts = citationParts(s);
    return h('div', { class: 'source' }, h('span', { class: 'source-label' }, 'Source'), title, parts.length ? h('span', { class: 'source-meta' }, parts.join(' · ')) : null);
  }

  private edge(c: Extract<PanelContent, { type: 'edge' }>, close: HTMLElement): (Node | null)[] {
    const sources = new Set(c.claims.map((x) => x.source?.id ?? x.id)).size;
    return [
      h('div', { class: 'panel-head' }, h('div', { class: 'panel-title' }, h('span', { class: 'kind-chip' }, 'claims'), h('h2', null, typeLabel(c.relType))), close),
      h(
        'p',
        { class: 'edge-ends' },
        h('button', { type: 'button', class: 'entity-link', onclick: () => this.actions.select(c.from.id) }, h('span', { class: 'kind-dot', style: `background:${kindColor(c.from.kind)}` }), c.from.name),
        h('span', { class: 'arrow' }, ' → '),
        h('button', { type: 'button', class: 'entity-link', onclick: () => this.actions.select(c.to.id) }, h('span', { class: 'kind-dot', style: `background:${kindColor(c.to.kind)}` }), c.to.name),
      ),
      c.meaning ? h('p', { class: 'claim-group-meaning' }, c.meaning) : null,
      this.actions.notes?.({ type: 'edge', id: c.edgeId }) ?? null,
      h('p', { class: 'muted' }, `${c.claims.length} claim${c.claims.length === 1 ? '' : 's'} from ${sources} source${sources === 1 ? '' : 's'}`),
      h('ol', { class: 'claim-list' }, sortClaims(c.claims, this.meanings().order).map((cl) => this.claim(cl, null))),
    ];
  }

  private paths(c: Extract<PanelContent, { type: 'paths' }>, close: HTMLElement): (Node | null)[] {
    const name = (id: string) => c.names.get(id) ?? id;
    const types = new Map(c.result.edges.map((e) => [e.id, e] as const));
    const hops = c.result.paths[0] ? c.result.paths[0].edges.length : 0;
    return [
      h('div', { class: 'panel-head' }, h('div', { class: 'panel-title' }, h('span', { class: 'kind-chip' }, 'paths'), h('h2', null, `${name(c.from)} → ${name(c.to)}`)), close),
      h(
        'p',
        { class: 'muted' },
        c.result.paths.length
          ? `${c.result.paths.length} shortest path${c.result.paths.length === 1 ? '' : 's'} of ${hops} hop${hops === 1 ? '' : 's'}`
          : 'No path between them within the hop limit',
        c.status ? ` · only claims at least “${c.status}”` : ' · any claim strength',
      ),
      h('div', { class: 'panel-actions' }, h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.actions.clearPaths() }, 'Clear highlight')),
      h(
        'ol',
        { class: 'path-list' },
        c.result.paths.map((p, i) =>
          h(
            'li',
            { class: 'path' },
            h('button', { type: 'button', class: 'btn btn-small btn-link path-pick', onclick: () => this.actions.selectPath(i) }, `Path ${i + 1}`),
            h(
              'div',
              { class: 'path-chain' },
              p.nodes.map((id, j) => {
                const e = p.edges[j] ? types.get(p.edges[j]!) : undefined;
                const forward = e ? e.source === id : true;
                return [
                  h('button', { type: 'button', class: 'entity-link', onclick: () => this.actions.select(id) }, name(id)),
                  e ? h('span', { class: `path-edge status-text-${(e.status ?? '').replace(/[^a-z]/g, '')}` }, forward ? ` —${typeLabel(e.type)}→ ` : ` ←${typeLabel(e.type)}— `) : null,
                ];
              }),
            ),
          ),
        ),
      ),
    ];
  }
}
