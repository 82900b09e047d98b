/**
 * The time bar's actions: a brushed range is the filters' year range; play
 * runs the range through time, one step per tick (claims appear as time
 * passes), and stops at the end, on pause, or when the range is changed by
 * hand. A state subscriber: the bar follows the graph and the filters.
 */
import type { Change } from '../state/index.ts';
import type { Services } from '../ui/services.ts';
import type { FiltersFeature } from './actions.ts';
import { barsOf, playRanges } from './timebar.ts';
import { TimeBarView } from './timebar-view.ts';

/** Time between two steps of a play (ms). */
export const PLAY_TICK_MS = 700;

export class TimeBarFeature {
  private readonly view: TimeBarView;
  private timer: ReturnType<typeof setInterval> | undefined;
  private steps: { yearFrom: number; yearTo: number }[] = [];

  constructor(
    private readonly s: Services,
    stage: HTMLElement,
    private readonly filters: FiltersFeature,
  ) {
    this.view = new TimeBarView(stage, {
      setRange: (from, to) => {
        this.stop();
        this.apply(from, to);
      },
      setKeepUndated: (keep) => this.filters.setFilters({ ...s.state.view.filters, keepUndated: keep }),
      togglePlay: () => (this.playing ? this.stop() : this.play()),
    });
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  /** The state's subscriber. */
  onChange(c: Change): void {
    if (c.has('graph', 'filters', 'statusOrder')) this.render();
  }

  private render(): void {
    const { state } = this.s;
    const v = state.visibility;
    const f = state.view.filters;
    this.view.render({
      bars: barsOf(v.histogram),
      yearFrom: f.yearFrom,
      yearTo: f.yearTo,
      keepUndated: f.keepUndated,
      dated: v.counts.claimsDated,
      total: v.counts.claimsTotal,
      playing: this.playing,
    });
  }

  private apply(yearFrom: number | null, yearTo: number | null): void {
    this.filters.setFilters({ ...this.s.state.view.filters, yearFrom, yearTo });
  }

  /** Starts a play from the current range (see playRanges). */
  play(): void {
    const bars = barsOf(this.s.state.visibility.histogram);
    if (!bars) return;
    this.steps = playRanges(bars, this.s.state.view.filters);
    this.timer = setInterval(() => this.tick(), PLAY_TICK_MS);
    this.tick();
  }

  private tick(): void {
    const next = this.steps.shift();
    if (!next) {
      this.stop();
      return;
    }
    this.apply(next.yearFrom, next.yearTo);
    if (!this.steps.length) this.stop();
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.render();
  }
}
