/**
 * Undo and redo as pure functions over a stack of snapshots. The app pushes
 * the state before each change; undo trades the current state for the last
 * one pushed, redo trades it back.
 *
 * @example
 *   let h = emptyHistory<Snapshot>();
 *   h = pushState(h, store.snapshot());   // before expanding
 *   const r = undo(h, store.snapshot());  // r.state is what to restore
 */
import type { UndoStack } from './types.ts';

export type { UndoStack } from './types.ts';

/** Steps kept (the oldest go first). */
export const UNDO_LIMIT = 60;

export function emptyHistory<T>(limit = UNDO_LIMIT): UndoStack<T> {
  return { past: [], future: [], limit };
}

export function pushState<T>(h: UndoStack<T>, before: T): UndoStack<T> {
  const past = [...h.past, before];
  return { ...h, past: past.length > h.limit ? past.slice(past.length - h.limit) : past, future: [] };
}

export function undo<T>(h: UndoStack<T>, current: T): { history: UndoStack<T>; state: T } | undefined {
  const state = h.past[h.past.length - 1];
  if (state === undefined) return undefined;
  return { history: { ...h, past: h.past.slice(0, -1), future: [current, ...h.future] }, state };
}

export function redo<T>(h: UndoStack<T>, current: T): { history: UndoStack<T>; state: T } | undefined {
  const state = h.future[0];
  if (state === undefined) return undefined;
  return { history: { ...h, past: [...h.past, current], future: h.future.slice(1) }, state };
}

export function canUndo(h: UndoStack<unknown>): boolean {
  return h.past.length > 0;
}

export function canRedo(h: UndoStack<unknown>): boolean {
  return h.future.length > 0;
}
