/**
 * Type-ahead: at most one request in flight (a newer text aborts the older
 * one), debounced, and only the latest answer is shown.
 */
import { isAbort } from '../api/index.ts';
import type { SearchHit, Suggest } from './types.ts';

export type { SearchHit, Suggest, PickerOptions } from './types.ts';
export { matchReason, markWords, moveIndex, type MatchReason } from './suggestions.ts';

export class TypeAhead {
  private ctrl: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(
    private readonly suggest: Suggest,
    private readonly show: (hits: SearchHit[], text: string) => void,
    private readonly fail: (e: unknown) => void,
    private readonly delayMs = 140,
  ) {}

  input(text: string): void {
    clearTimeout(this.timer);
    this.ctrl?.abort();
    const t = text.trim();
    if (!t) {
      this.show([], '');
      return;
    }
    const seq = ++this.seq;
    this.timer = setTimeout(() => {
      const ctrl = new AbortController();
      this.ctrl = ctrl;
      this.suggest(t, ctrl.signal).then(
        (hits) => seq === this.seq && this.show(hits, t),
        (e: unknown) => !isAbort(e) && seq === this.seq && this.fail(e),
      );
    }, this.delayMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.ctrl?.abort();
    this.seq++;
  }
}
