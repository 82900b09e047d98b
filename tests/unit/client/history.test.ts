/** Undo and redo (client/src/history): pure functions over a stack of states. */
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, emptyHistory, pushState, redo, undo, type UndoStack } from '../../../client/src/history/index.ts';
import { random } from './fixtures.ts';

describe('undo stack', () => {
  it('starts empty: nothing to undo or redo', () => {
    const h = emptyHistory<string>();
    expect([canUndo(h), canRedo(h)]).toEqual([false, false]);
    expect(undo(h, 'now')).toBeUndefined();
    expect(redo(h, 'now')).toBeUndefined();
  });

  it('undo hands back the state pushed last and keeps the current one for redo', () => {
    let h = pushState(emptyHistory<string>(), 'a');
    h = pushState(h, 'b');
    const u = undo(h, 'c')!;
    expect(u.state).toBe('b');
    expect([canUndo(u.history), canRedo(u.history)]).toEqual([true, true]);
    const r = redo(u.history, 'b')!;
    expect(r.state).toBe('c');
    expect(r.history.past).toEqual(['a', 'b']);
    expect(canRedo(r.history)).toBe(false);
  });

  it('a new change after an undo drops what could be redone', () => {
    const h = pushState(emptyHistory<string>(), 'a');
    const u = undo(h, 'b')!;
    expect(canRedo(u.history)).toBe(true);
    const h2 = pushState(u.history, 'a');
    expect(canRedo(h2)).toBe(false);
  });

  it('keeps at most `limit` states, dropping the oldest', () => {
    let h = emptyHistory<number>(3);
    for (let i = 1; i <= 5; i++) h = pushState(h, i);
    expect(h.past).toEqual([3, 4, 5]);
  });

  it('does not change the stack it is given', () => {
    const h = pushState(emptyHistory<string>(), 'a');
    const before = structuredClone(h);
    undo(h, 'b');
    pushState(h, 'c');
    expect(h).toEqual(before);
  });

  it('undoing k steps and redoing them comes back to the same state (generated sequences)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const r = random(seed);
      const n = 1 + Math.floor(r() * 20);
      let h: UndoStack<number> = emptyHistory();
      let current = 0;
      for (let i = 1; i <= n; i++) {
        h = pushState(h, current);
        current = i;
      }
      const k = Math.floor(r() * (n + 1));
      for (let i = 0; i < k; i++) {
        const u = undo(h, current)!;
        h = u.history;
        current = u.state;
      }
      expect(current).toBe(n - k);
      for (let i = 0; i < k; i++) {
        const u = redo(h, current)!;
        h = u.history;
        current = u.state;
      }
      expect(current).toBe(n);
      expect(canRedo(h)).toBe(false);
    }
  });
});
