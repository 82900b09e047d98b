/** An undo stack of states: `push` the state before a change, `undo` hands back the one to restore. */
export interface UndoStack<T> {
  past: T[];
  future: T[];
  limit: number;
}
