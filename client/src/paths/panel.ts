/**
 * The evidence panel's paths view, so a path can be audited: the search's
 * limits and the filters it followed; each route (paths through the same
 * entities) with its weakest link named and every step listed with the
 * claims that make it (status, quote, source, drawn by the panel's own
 * claim view); or, when nothing was found, which limit stopped it, each
 * with a button that searches again without it.
 */
import type { Claim } from '../api/types.ts';
import { typeLabel } from '../graph/format.ts';
import { h } from '../ui/dom.ts';
import { blockedInWords, limitsInWords, routesOf, type Route } from './index.ts';
import type { PathQuery } from './types.ts';
import type { PathsContent } from './content.ts';

/** What the paths view needs from the panel: its claim and status views, and the actions. */
export interface PathsPanelContext {
  claim(c: Claim): HTMLElement;
  statusBadge(status: string): HTMLElement;
  statusOrder: readonly string[];
  select(id: string): void;
  selectPath(route: number): void;
  clearPaths(): void;
  search(q: PathQuery): void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The panel's body for a paths answer (the head with its close button comes first). */
export function pathsPanel(c: PathsContent, head: HTMLElement, ctx: PathsPanelContext): (Node | null)[] {
  const name = (id: string) => c.names.get(id) ?? id;
  const ends = { from: name(c.query.from), to: name(c.query.to) };
  const routes = routesOf(c.result, ctx.statusOrder);
  const limits = h('p', { class: 'path-limits muted' }, limitsInWords(c.query, ends).join(' · '), c.filters.length ? ` · canvas filters: ${c.filters.join(' · ')}` : c.query.canvasFilters ? '' : ' · ignoring the canvas filters');
  if (!routes.length) return [head, limits, noPath(c, ends, ctx)];
  const hops = routes[0]!.steps.length;
  return [
    head,
    h(
      'p',
      { class: 'path-summary' },
      `${plural(c.result.paths.length, 'shortest path')} of ${plural(hops, 'hop')}`,
      routes.length !== c.result.paths.length ? ` through ${plural(routes.length, 'route')} (paths through the same entities share one)` : '',
    ),
    limits,
    h('div', { class: 'panel-actions' }, h('button', { type: 'button', class: 'btn btn-small', onclick: () => ctx.clearPaths() }, 'Clear highlight')),
    h('ol', { class: 'path-list' }, routes.map((r, i) => route(r, i, name, ctx))),
  ];
}

function route(r: Route, i: number, name: (id: string) => string, ctx: PathsPanelContext): HTMLElement {
  const weak = r.steps[r.weakest]!;
  return h(
    'li',
    { class: 'path', 'data-route': i },
    h(
      'div',
      { class: 'path-head' },
      h('button', { type: 'button', class: 'btn btn-small btn-link path-pick', title: 'Highlight this route only', onclick: () => ctx.selectPath(i) }, `Route ${i + 1}`),
      h('span', { class: 'path-chain' }, r.nodes.map((id, j) => [j ? h('span', { class: 'path-arrow' }, ' › ') : null, name(id)])),
    ),
    r.steps.length > 1
      ? h(
          'p',
          { class: 'path-weakest', 'data-step': r.weakest },
          h('span', { class: 'path-weakest-label' }, 'Weakest link: '),
          `${name(weak.from)} – ${name(weak.to)} `,
          ctx.statusBadge(weak.status),
          weak.claims.length > 1 ? ` (its strongest of ${weak.claims.length} claims)` : '',
        )
      : null,
    h('ol', { class: 'path-steps' }, r.steps.map((s, j) => step(s, j, r.weakest === j && r.steps.length > 1, name, ctx))),
  );
}

function step(s: Route['steps'][number], j: number, weakest: boolean, name: (id: string) => string, ctx: PathsPanelContext): HTMLElement {
  const types = [...new Set(s.claims.map((c) => c.type))];
  const forward = s.claims[0]?.from.id === s.from;
  const link = (id: string) => h('button', { type: 'button', class: 'entity-link', onclick: () => ctx.select(id) }, name(id));
  return h(
    'li',
    { class: `path-step${weakest ? ' is-weakest' : ''}`, 'data-step': j, 'data-status': s.status },
    h(
      'div',
      { class: 'path-step-head' },
      h('span', { class: 'path-step-num' }, String(j + 1)),
      link(s.from),
      h('span', { class: 'path-step-type' }, forward ? ` —${types.map(typeLabel).join(' / ')}→ ` : ` ←${types.map(typeLabel).join(' / ')}— `),
      link(s.to),
    ),
    h('p', { class: 'path-step-count muted' }, `${plural(s.claims.length, 'claim')}${weakest ? ' · the weakest link of this route' : ''}`),
    h('ol', { class: 'claim-list' }, s.claims.map((c) => ctx.claim(c))),
  );
}

function noPath(c: PathsContent, ends: { from: string; to: string }, ctx: PathsPanelContext): HTMLElement {
  const reasons = c.result.blocked ? blockedInWords(c.query, c.result.blocked) : [];
  const unconnected = c.result.blocked && !reasons.length;
  return h(
    'section',
    { class: 'path-none', 'data-testid': 'no-path' },
    h('p', { class: 'path-none-title' }, `No path between ${ends.from} and ${ends.to} within these limits.`),
    unconnected
      ? h('p', null, `They are not connected within 10 hops, whatever the limits (sources are never steps of a path).`)
      : h('p', { class: 'muted' }, reasons.length === 1 ? 'What stopped it:' : 'Each of these alone stopped it:'),
    h(
      'ul',
      { class: 'path-blocked' },
      reasons.map((r) =>
        h(
          'li',
          { 'data-limit': r.limit },
          h('span', null, r.text),
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => ctx.search(r.relaxed) }, r.limit === 'all' ? 'Search without limits' : 'Search without it'),
        ),
      ),
    ),
  );
}
