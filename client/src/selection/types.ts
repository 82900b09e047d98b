export type { Selected, Selection } from '../state/types.ts';

/** A point in CSS pixels of the canvas. */
export interface Point {
  x: number;
  y: number;
}

/** The modifier keys held during a click or a drag. */
export interface Modifiers {
  shift: boolean;
  /** Ctrl, or Cmd on a Mac. */
  ctrl: boolean;
  alt: boolean;
}

/** A drag on the empty canvas that selects: a box (Shift) or a free-hand lasso (Alt, Ctrl or the lasso tool). */
export type GestureKind = 'box' | 'lasso';

/** What a finished box or lasso selects: the entities inside, added to the selection or replacing it. */
export interface AreaSelection {
  ids: string[];
  additive: boolean;
}

/** The selection as the selection bar shows it. */
export interface SelectionSummary {
  nodes: number;
  edges: number;
  /** All the selected entities are pinned. */
  allPinned: boolean;
}
