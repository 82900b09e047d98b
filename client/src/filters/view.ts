/**
 * The left sidebar: legend and filters in one. Each kind, status and
 * relationship row is both the key to the picture (colour, line style) and
 * its filter (a checkbox), with counts of what is shown and hidden; a small
 * histogram of dated claims drives the year range.
 */
import type { SchemaInfo } from '../api/types.ts';
import { COLOR_BYS, SIZE_METRICS, type ColorBy, type SizeMetric } from '../graph/types.ts';
import { typeLabel } from '../graph/format.ts';
import { kindColor, statusStyle } from '../theme/index.ts';
import { fill, h, svg } from '../ui/dom.ts';
import type { Filters, Visibility } from './types.ts';
import { dateActive, toggle, weakerThan } from './predicates.ts';
import { datedInWords } from './timebar.ts';

export interface SidebarInput {
  schema: SchemaInfo | null;
  filters: Filters;
  visibility: Visibility;
  metric: SizeMetric;
  colorBy: ColorBy;
  /** Every drawn entity carries the whole-graph metrics stored in Neo4j (sizes and communities come from them). */
  wholeGraph: boolean;
  hiddenByUser: number;
  /** A big view (isBigView) and whether it was laid out: the summary says how it is drawn. Null otherwise. */
  big?: { laidOut: boolean; layingOut: boolean } | null;
}

/** 50000 → "50,000". */
const count = (n: number) => n.toLocaleString('en-US');

export interface SidebarActions {
  setFilters(f: Filters): void;
  setMetric(m: SizeMetric): void;
  setColorBy(c: ColorBy): void;
  showHidden(): void;
}

/** A short sample of an edge style, as drawn on the canvas. */
export function statusSwatch(status: string, width = 34): SVGSVGElement {
  const st = statusStyle(status);
  return svg(
    'svg',
    { class: 'line-swatch', width, height: 12, viewBox: `0 0 ${width} 12`, 'aria-hidden': 'true' },
    svg('line', { x1: 1, y1: 6, x2: width - 8, y2: 6, stroke: st.color, 'stroke-width': Math.max(1.2, st.size), 'stroke-dasharray': st.dash.join(' ') || null }),
    svg('path', { d: `M${width - 9},2 L${width - 1},6 L${width - 9},10 Z`, fill: st.color }),
  );
}

export class Sidebar {
  private input: SidebarInput | null = null;
  private open = new Map<string, boolean>([
    ['kinds', true],
    ['status', true],
    ['types', false],
    ['dates', true],
    ['display', true],
    ['datasets', true],
  ]);

  constructor(
    private readonly el: HTMLElement,
    private readonly actions: SidebarActions,
  ) {}

  render(input: SidebarInput): void {
    this.input = input;
    const focused = document.activeElement instanceof HTMLElement && this.el.contains(document.activeElement) ? document.activeElement.id : '';
    const scroll = this.el.scrollTop;
    fill(
      this.el,
      h(
        'div',
        { class: 'sidebar-inner' },
        this.summary(input),
        this.section('kinds', 'Entities', this.kinds(input)),
        this.section('status', 'Claim status', this.statuses(input)),
        this.section('types', 'Relationships', this.types(input)),
        this.datasetSection(input),
        this.section('dates', 'Dates', this.dates(input)),
        this.section('display', 'Display', this.display(input)),
      ),
    );
    this.el.scrollTop = scroll;
    if (focused) document.getElementById(focused)?.focus();
  }

  private section(key: string, title: string, body: Node | (Node | null)[]): HTMLElement {
    const d = h('details', { class: 'side-section', 'data-section': key, open: this.open.get(key) ?? true }, h('summary', null, title), body);
    d.addEventListener('toggle', () => this.open.set(key, d.open));
    return d;
  }

  private set(f: Partial<Filters>): void {
    if (!this.input) return;
    this.actions.setFilters({ ...this.input.filters, ...f });
  }

  private summary(i: SidebarInput): HTMLElement {
    const v = i.visibility;
    const totalNodes = v.nodes.size + v.hiddenNodes.size;
    const hiddenClaims = v.counts.claimsFiltered;
    const byReason = { kind: 0, dataset: 0, user: 0, isolated: 0 };
    v.hiddenNodes.forEach((r) => byReason[r]++);
    return h(
      'div',
      { class: 'view-summary', 'aria-live': 'polite', 'data-testid': 'view-summary' },
      h('div', { class: 'view-counts' }, h('strong', null, count(v.nodes.size)), ` of ${count(totalNodes)} entities · `, h('strong', null, count(v.counts.claimsShown)), ` of ${count(v.counts.claimsTotal)} claims`),
      i.big
        ? h(
            'div',
            { class: 'view-big', 'data-testid': 'big-view' },
            h('strong', null, 'Big view. '),
            'Labels on the largest entities only; edges and labels hide while the view moves; edges do not answer the pointer (click an entity for its claims).',
            i.big.layingOut ? ' Laying out: this takes minutes at this size.' : i.big.laidOut ? null : ' Not laid out: entities sit at random places until you run the layout (▶, takes minutes).',
          )
        : null,
      hiddenClaims || v.hiddenNodes.size
        ? h(
            'div',
            { class: 'view-hidden' },
            'Hidden: ',
            [
              byReason.kind ? `${byReason.kind} by kind` : '',
              byReason.dataset ? `${byReason.dataset} by dataset` : '',
              byReason.isolated ? `${byReason.isolated} left without claims` : '',
              hiddenClaims ? `${hiddenClaims} claims by filters` : '',
            ]
              .filter(Boolean)
              .join(' · '),
            byReason.user
              ? [byReason.kind || byReason.isolated || hiddenClaims ? ' · ' : '', `${byReason.user} by you `, h('button', { type: 'button', class: 'btn-link', id: 'show-hidden', onclick: () => this.actions.showHidden() }, 'show')]
              : null,
          )
        : null,
    );
  }

  private kinds(i: SidebarInput): HTMLElement {
    const counts = i.visibility.counts.kinds;
    const known = i.schema?.kinds.map((k) => k.kind) ?? [];
    const kinds = [...new Set([...known, ...counts.keys()])].filter((k) => counts.has(k) || known.includes(k));
    return h(
      'ul',
      { class: 'filter-list' },
      kinds.map((k) => {
        const meta = i.schema?.kinds.find((x) => x.kind === k);
        const c = counts.get(k) ?? { total: 0, shown: 0 };
        const hidden = i.filters.hiddenKinds.includes(k);
        const id = `f-kind-${k}`;
        return h(
          'li',
          { class: `filter-row${hidden ? ' is-off' : ''}`, title: meta?.meaning ?? '' },
          h('input', { type: 'checkbox', id, checked: !hidden, onchange: (e: Event) => this.set({ hiddenKinds: toggle(i.filters.hiddenKinds, k, !(e.target as HTMLInputElement).checked) }) }),
          // Coloured by community, the kind swatch would name a colour the canvas no longer uses.
          h('label', { for: id }, i.colorBy === 'kind' ? h('span', { class: 'kind-swatch', style: `background:${kindColor(k)}` }) : null, h('span', { class: 'row-name' }, meta?.label ?? k), k === 'source' ? h('span', { class: 'row-note' }, 'evidence') : null),
          h('span', { class: 'row-count' }, hidden ? `${c.total} hidden` : c.shown === c.total ? String(c.total) : `${c.shown}/${c.total}`),
        );
      }),
    );
  }

  /** One row per dataset (from /api/schema), shown once any dataset is known. */
  private datasetSection(i: SidebarInput): HTMLElement | null {
    const counts = i.visibility.counts.datasets;
    const names = [...new Set([...(i.schema?.datasets.map((d) => d.name) ?? []), ...counts.keys()])].sort();
    if (names.length === 0) return null;
    const hidden = i.filters.hiddenDatasets;
    const list = h(
      'ul',
      { class: 'filter-list' },
      names.map((name) => {
        const meta = i.schema?.datasets.find((d) => d.name === name);
        const c = counts.get(name) ?? { total: 0, shown: 0 };
        const off = hidden.includes(name);
        const id = `f-dataset-${name}`;
        return h(
          'li',
          { class: `filter-row${off ? ' is-off' : ''}`, title: meta?.title ?? name },
          h('input', { type: 'checkbox', id, checked: !off, onchange: (e: Event) => this.set({ hiddenDatasets: toggle(hidden, name, !(e.target as HTMLInputElement).checked) }) }),
          h('label', { for: id }, h('span', { class: 'row-name' }, name)),
          h('span', { class: 'row-count' }, off ? `${c.total} hidden` : c.shown === c.total ? String(c.total) : `${c.shown}/${c.total}`),
        );
      }),
    );
    return this.section('datasets', 'Datasets', list);
  }

  private statuses(i: SidebarInput): Node[] {
    const order = i.schema?.statuses.map((s) => s.status) ?? ['documented', 'reported', 'assessment', 'alleged', 'disputed'];
    const counts = i.visibility.counts.statuses;
    const hidden = i.filters.hiddenStatuses;
    // The "at least" choice is the weakest status still shown when the hidden ones are exactly the weaker tail.
    const min = order.find((s, j) => !hidden.includes(s) && weakerThan(s, order).every((w) => hidden.includes(w)) && order.slice(0, j).every((x) => !hidden.includes(x)));
    const select = h(
      'select',
      {
        id: 'f-min-status',
        class: 'select-small',
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          this.set({ hiddenStatuses: v ? weakerThan(v, order) : [] });
        },
      },
      h('option', { value: '', selected: hidden.length === 0 }, 'any status'),
      order.slice(0, -1).map((s) => h('option', { value: s, selected: hidden.length > 0 && min === s }, `at least ${s}`)),
    );
    return [
      h('div', { class: 'filter-inline' }, h('label', { for: 'f-min-status' }, 'Show'), select),
      h(
        'ul',
        { class: 'filter-list' },
        order.map((s) => {
          const meta = i.schema?.statuses.find((x) => x.status === s);
          const c = counts.get(s) ?? { total: 0, shown: 0 };
          const off = hidden.includes(s);
          const id = `f-status-${s}`;
          return h(
            'li',
            { class: `filter-row${off ? ' is-off' : ''}`, title: `${meta?.meaning ?? ''} Drawn as a ${statusStyle(s).look}.` },
            h('input', { type: 'checkbox', id, checked: !off, onchange: (e: Event) => this.set({ hiddenStatuses: toggle(hidden, s, !(e.target as HTMLInputElement).checked) }) }),
            h('label', { for: id }, statusSwatch(s), h('span', { class: 'row-name' }, s)),
            h('span', { class: 'row-count' }, off ? `${c.total} hidden` : String(c.total)),
          );
        }),
      ),
      h('p', { class: 'legend-note' }, 'Arrows point from subject to object. Thicker edges have more sources; the label counts them.'),
    ];
  }

  private types(i: SidebarInput): Node[] {
    const counts = i.visibility.counts.types;
    const meanings = new Map(i.schema?.vocabulary.map((v) => [v.type, v.meaning]) ?? []);
    const types = [...counts.keys()].sort((a, b) => (counts.get(b)?.total ?? 0) - (counts.get(a)?.total ?? 0) || a.localeCompare(b));
    const hidden = i.filters.hiddenTypes;
    return [
      h(
        'div',
        { class: 'filter-inline' },
        h('button', { type: 'button', class: 'btn-link', onclick: () => this.set({ hiddenTypes: [] }) }, 'all'),
        ' · ',
        h('button', { type: 'button', class: 'btn-link', onclick: () => this.set({ hiddenTypes: [...types] }) }, 'none'),
      ),
      h(
        'ul',
        { class: 'filter-list filter-list-scroll' },
        types.map((t) => {
          const c = counts.get(t)!;
          const off = hidden.includes(t);
          const id = `f-type-${t}`;
          return h(
            'li',
            { class: `filter-row${off ? ' is-off' : ''}`, title: meanings.get(t) ?? '' },
            h('input', { type: 'checkbox', id, checked: !off, onchange: (e: Event) => this.set({ hiddenTypes: toggle(hidden, t, !(e.target as HTMLInputElement).checked) }) }),
            h('label', { for: id }, h('span', { class: 'row-name' }, typeLabel(t))),
            h('span', { class: 'row-count' }, off ? `${c.total} hidden` : String(c.total)),
          );
        }),
      ),
    ];
  }

  private dates(i: SidebarInput): Node[] {
    const hist = i.visibility.histogram;
    const f = i.filters;
    const years = [...hist.keys()].sort((a, b) => a - b);
    const dated = h('p', { class: 'dated-note muted', 'data-testid': 'dated-note' }, datedInWords(i.visibility.counts.claimsDated, i.visibility.counts.claimsTotal), years.length ? ' (the time bar under the canvas brushes and plays them)' : '');
    if (!years.length) return [dated];
    const lo = years[0]!;
    const hi = years[years.length - 1]!;
    const bucket = hi - lo > 80 ? 5 : hi - lo > 40 ? 2 : 1;
    const buckets = new Map<number, number>();
    hist.forEach((n, y) => {
      const b = lo + Math.floor((y - lo) / bucket) * bucket;
      buckets.set(b, (buckets.get(b) ?? 0) + n);
    });
    const count = Math.floor((hi - lo) / bucket) + 1;
    const max = Math.max(...buckets.values());
    const W = 224, H = 44;
    const bw = W / count;
    const inRange = (y: number) => (f.yearFrom === null || y + bucket - 1 >= f.yearFrom) && (f.yearTo === null || y <= f.yearTo);
    const bars = [];
    for (let k = 0; k < count; k++) {
      const y = lo + k * bucket;
      const n = buckets.get(y) ?? 0;
      if (!n) continue;
      const bh = Math.max(2, (n / max) * (H - 4));
      const rect = svg(
        'rect',
        { x: (k * bw + 0.5).toFixed(1), y: (H - bh).toFixed(1), width: Math.max(1, bw - 1).toFixed(1), height: bh.toFixed(1), class: inRange(y) ? 'bar' : 'bar bar-off' },
        svg('title', null, `${bucket > 1 ? `${y}–${y + bucket - 1}` : y}: ${n} claim${n === 1 ? '' : 's'}`),
      );
      rect.addEventListener('click', (e) => {
        if ((e as MouseEvent).shiftKey && f.yearFrom !== null) this.set({ yearFrom: Math.min(f.yearFrom, y), yearTo: Math.max(f.yearTo ?? y, y + bucket - 1) });
        else this.set({ yearFrom: y, yearTo: y + bucket - 1 });
      });
      bars.push(rect);
    }
    const yearInput = (id: string, label: string, value: number | null, key: 'yearFrom' | 'yearTo') =>
      h(
        'label',
        { class: 'year-field', for: id },
        label,
        h('input', {
          id,
          type: 'number',
          inputmode: 'numeric',
          min: 1000,
          max: 2999,
          placeholder: String(key === 'yearFrom' ? lo : hi),
          value: value ?? '',
          onchange: (e: Event) => {
            const raw = (e.target as HTMLInputElement).value.trim();
            const n = raw === '' ? null : Math.trunc(Number(raw));
            this.set({ [key]: n !== null && Number.isFinite(n) ? n : null });
          },
        }),
      );
    return [
      dated,
      h(
        'figure',
        { class: 'histogram', 'aria-label': `Dated claims per ${bucket > 1 ? `${bucket} years` : 'year'}, ${lo} to ${hi}` },
        svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-hidden': 'true' }, bars),
        h('figcaption', null, h('span', null, String(lo)), h('span', null, String(hi))),
      ),
      h('div', { class: 'year-range' }, yearInput('f-year-from', 'From', f.yearFrom, 'yearFrom'), yearInput('f-year-to', 'To', f.yearTo, 'yearTo')),
      h(
        'div',
        { class: 'filter-inline' },
        h('input', { type: 'checkbox', id: 'f-undated', checked: f.keepUndated, onchange: (e: Event) => this.set({ keepUndated: (e.target as HTMLInputElement).checked }) }),
        h('label', { for: 'f-undated' }, 'Keep undated claims'),
        dateActive(f) ? h('button', { type: 'button', class: 'btn-link push-right', onclick: () => this.set({ yearFrom: null, yearTo: null }) }, 'clear') : null,
      ),
    ];
  }

  private display(i: SidebarInput): (Node | null)[] {
    return [
      h(
        'div',
        { class: 'filter-inline' },
        h('label', { for: 'f-metric' }, 'Size by'),
        h(
          'select',
          { id: 'f-metric', class: 'select-small', onchange: (e: Event) => this.actions.setMetric((e.target as HTMLSelectElement).value as SizeMetric) },
          SIZE_METRICS.map((m) => h('option', { value: m.id, selected: m.id === i.metric }, m.label)),
        ),
      ),
      h(
        'div',
        { class: 'filter-inline' },
        h('label', { for: 'f-color' }, 'Colour by'),
        h(
          'select',
          { id: 'f-color', class: 'select-small', onchange: (e: Event) => this.actions.setColorBy((e.target as HTMLSelectElement).value as ColorBy) },
          COLOR_BYS.map((c) => h('option', { value: c.id, selected: c.id === i.colorBy }, c.label)),
        ),
      ),
      h(
        'p',
        { class: 'muted', id: 'f-metric-scope' },
        i.wholeGraph
          ? `Over the whole graph (computed in Neo4j${i.colorBy === 'community' ? '; each colour a Louvain community, the largest first' : ''}).`
          : `Over what is drawn${i.colorBy === 'community' ? '; each colour a Louvain community, the largest first' : ''}.`,
      ),
      i.hiddenByUser ? h('p', { class: 'muted' }, `${i.hiddenByUser} hidden by you`) : null,
    ];
  }
}
