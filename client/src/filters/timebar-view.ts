/**
 * The time bar under the canvas: the dated claims per year as a histogram,
 * a range brushed on it with the pointer (drag to choose, drag an edge to
 * move it, click a bar for its year, double-click to clear; arrow keys move
 * it), a play button that runs the range through time, how many claims are
 * dated, and whether undated claims stay. Like Bloom's slicer or KeyLines'
 * time bar. It only draws and reports: timebar-actions.ts changes filters.
 */
import { h, svg } from '../ui/dom.ts';
import { brushed, datedInWords, selected, xOfYear, yearAt, type Bars } from './timebar.ts';
import './timebar.css';

export interface TimeBarInput {
  bars: Bars | null;
  yearFrom: number | null;
  yearTo: number | null;
  keepUndated: boolean;
  dated: number;
  total: number;
  playing: boolean;
}

export interface TimeBarActions {
  setRange(from: number | null, to: number | null): void;
  setKeepUndated(keep: boolean): void;
  togglePlay(): void;
}

/** Year labels under the bars: a round step giving at most `max` of them. */
function ticks(b: Bars, max = 8): number[] {
  const span = b.hi - b.lo + 1;
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((s) => span / s <= max) ?? 1000;
  const out: number[] = [];
  for (let y = Math.ceil(b.lo / step) * step; y <= b.hi; y += step) out.push(y);
  return out;
}

export class TimeBarView {
  readonly el: HTMLElement;
  private readonly headEl: HTMLElement;
  /** Kept across renders: a brush holds the pointer on it. */
  private readonly plotEl: HTMLElement;
  private readonly axisEl: HTMLElement;
  private input: TimeBarInput | null = null;
  private collapsed = false;
  /** A brush under way: the year it holds fixed, the year under the pointer, whether it moved. */
  private drag: { anchor: number; current: number; moved: boolean } | null = null;

  constructor(
    private readonly stage: HTMLElement,
    private readonly actions: TimeBarActions,
  ) {
    this.headEl = h('div', { class: 'timebar-head' });
    this.plotEl = h('div', { class: 'timebar-plot', tabindex: 0, role: 'group' });
    this.axisEl = h('div', { class: 'timebar-axis', 'aria-hidden': 'true' });
    this.el = h('section', { class: 'timebar', 'aria-label': 'Time bar', hidden: true }, this.headEl, this.plotEl, this.axisEl);
    this.bindBrush(this.plotEl);
    stage.appendChild(this.el);
  }

  render(input: TimeBarInput): void {
    this.input = input;
    const b = input.bars;
    this.el.hidden = !b;
    this.stage.classList.toggle('with-timebar', !!b);
    this.stage.classList.toggle('timebar-collapsed', !!b && this.collapsed);
    this.el.dataset.playing = String(input.playing);
    if (!b) return;
    this.headEl.replaceChildren(...this.head(input, b).filter((x): x is HTMLElement => x !== null));
    this.plotEl.hidden = this.collapsed;
    this.axisEl.hidden = this.collapsed;
    if (this.collapsed) return;
    this.plotEl.setAttribute('aria-label', `Dated claims per ${b.step > 1 ? `${b.step} years` : 'year'}, ${b.lo} to ${b.hi}: drag to choose a range, arrow keys to move it`);
    this.plotEl.replaceChildren(this.chart(b, input));
    this.axisEl.replaceChildren(...ticks(b).map((y) => h('span', { style: `left:${((xOfYear(b, y, 1) + 0.5 / (b.hi - b.lo + 1)) * 100).toFixed(2)}%` }, String(y))));
  }

  private rangeText(i: TimeBarInput, b: Bars): string {
    const d = this.drag;
    if (d?.moved) {
      const r = brushed(b, d.anchor, d.current);
      return `${r.yearFrom}–${r.yearTo}`;
    }
    const s = selected(b, i);
    return s ? `${s.from}–${s.to}` : `all years (${b.lo}–${b.hi})`;
  }

  private head(i: TimeBarInput, b: Bars): (HTMLElement | null)[] {
    const active = i.yearFrom !== null || i.yearTo !== null;
    return [
      h(
        'button',
        { type: 'button', class: 'icon-btn timebar-play', id: 'timebar-play', 'aria-label': i.playing ? 'Pause' : 'Play through time', title: i.playing ? 'Pause' : 'Play: claims appear as time passes', onclick: () => this.actions.togglePlay() },
        i.playing ? h('span', { class: 'timebar-pause-icon', 'aria-hidden': 'true' }) : h('span', { class: 'timebar-play-icon', 'aria-hidden': 'true' }),
      ),
      h('span', { class: 'timebar-range', 'data-testid': 'timebar-range' }, this.rangeText(i, b)),
      h('span', { class: 'timebar-dated', 'data-testid': 'timebar-dated' }, datedInWords(i.dated, i.total)),
      h(
        'label',
        { class: 'timebar-undated', for: 'timebar-undated', title: 'While a range is set, keep the claims that have no date' },
        h('input', { type: 'checkbox', id: 'timebar-undated', checked: i.keepUndated, onchange: (e: Event) => this.actions.setKeepUndated((e.target as HTMLInputElement).checked) }),
        'keep undated',
      ),
      active ? h('button', { type: 'button', class: 'btn-link timebar-clear', onclick: () => this.actions.setRange(null, null) }, 'all years') : null,
      h(
        'button',
        { type: 'button', class: 'icon-btn timebar-collapse', 'aria-expanded': String(!this.collapsed), 'aria-label': this.collapsed ? 'Show the time bar' : 'Fold the time bar', onclick: () => this.toggleCollapsed() },
        this.collapsed ? '▴' : '▾',
      ),
    ];
  }

  private toggleCollapsed(): void {
    this.collapsed = !this.collapsed;
    if (this.input) this.render(this.input);
  }

  private chart(b: Bars, i: TimeBarInput): SVGSVGElement {
    const n = b.counts.length;
    const d = this.drag;
    const brush = d?.moved ? brushed(b, d.anchor, d.current) : null;
    const sel = brush ? { from: brush.yearFrom, to: brush.yearTo } : selected(b, i);
    const inSel = (k: number) => !sel || (b.lo + k * b.step + b.step - 1 >= sel.from && b.lo + k * b.step <= sel.to);
    const label = (k: number) => (b.step > 1 ? `${b.lo + k * b.step}–${b.lo + k * b.step + b.step - 1}` : String(b.lo + k * b.step));
    const bars = b.counts.map((c, k) => {
      if (!c) return null;
      const hgt = Math.max(0.06, c / b.max);
      return svg('rect', { x: k + 0.12, y: 1 - hgt, width: 0.76, height: hgt, class: inSel(k) ? 'tb-bar' : 'tb-bar tb-bar-off' }, svg('title', null, `${label(k)}: ${c} claim${c === 1 ? '' : 's'}`));
    });
    const span = b.hi - b.lo + 1;
    const band = sel ? svg('rect', { class: 'tb-selection', x: ((sel.from - b.lo) / span) * n, y: 0, width: ((sel.to - sel.from + 1) / span) * n, height: 1 }) : null;
    return svg('svg', { viewBox: `0 0 ${n} 1`, preserveAspectRatio: 'none', 'aria-hidden': 'true' }, band, bars);
  }

  /** Drag to brush a range (from an edge of the current one: that edge moves), click a bar, double-click to clear, arrows to move. */
  private bindBrush(plot: HTMLElement): void {
    const bars = () => this.input?.bars ?? null;
    const yearOf = (b: Bars, e: PointerEvent) => {
      const r = plot.getBoundingClientRect();
      return yearAt(b, e.clientX - r.left, r.width);
    };
    plot.addEventListener('pointerdown', (e) => {
      const b = bars();
      if (e.button !== 0 || !b) return;
      plot.setPointerCapture(e.pointerId);
      const y = yearOf(b, e);
      const sel = this.input ? selected(b, this.input) : null;
      // Grabbing an edge of the range keeps the other edge as the anchor.
      const r = plot.getBoundingClientRect();
      const px = (year: number) => r.left + xOfYear(b, year, r.width);
      const near = (x: number) => Math.abs(e.clientX - x) <= 6;
      const anchor = sel && near(px(sel.from)) ? sel.to : sel && near(px(sel.to + 1)) ? sel.from : y;
      this.drag = { anchor, current: y, moved: false };
    });
    plot.addEventListener('pointermove', (e) => {
      const b = bars();
      if (!this.drag || !b) return;
      const y = yearOf(b, e);
      if (y === this.drag.current && !this.drag.moved) return;
      this.drag = { ...this.drag, current: y, moved: true };
      if (this.input) this.render(this.input);
    });
    const end = (e: PointerEvent) => {
      const d = this.drag;
      const b = bars();
      this.drag = null;
      if (!d || !b) return;
      const r = brushed(b, d.anchor, d.moved ? d.current : yearOf(b, e));
      this.actions.setRange(r.yearFrom, r.yearTo);
    };
    plot.addEventListener('pointerup', end);
    plot.addEventListener('pointercancel', () => (this.drag = null));
    plot.addEventListener('dblclick', () => this.actions.setRange(null, null));
    plot.addEventListener('keydown', (e) => {
      const b = bars();
      if (b) this.key(e, b);
    });
  }

  /** ← → move the range a bar; with Shift, its end only. */
  private key(e: KeyboardEvent, b: Bars): void {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const sel = (this.input && selected(b, this.input)) ?? { from: b.lo, to: b.lo + b.step - 1 };
    const d = e.key === 'ArrowLeft' ? -b.step : b.step;
    if (e.shiftKey) this.actions.setRange(sel.from, Math.max(sel.from + b.step - 1, Math.min(b.hi, sel.to + d)));
    else if (sel.from + d >= b.lo && sel.to + d <= b.hi) this.actions.setRange(sel.from + d, sel.to + d);
  }
}
