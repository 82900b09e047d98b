export type PathDirection = 'any' | 'out' | 'in';

export interface PathQuery {
  from: string;
  to: string;
  /** Minimum claim strength, or null for any. */
  status: string | null;
  maxHops: number;
  /** any: claims either way; out: each points from `from` towards `to`; in: from `to` towards `from`. */
  direction: PathDirection;
  /** Only claims of these relationship types (null: every type). */
  types: string[] | null;
  /** Only through what the canvas's filters show (statuses, types, kinds, datasets, years). */
  canvasFilters: boolean;
}

/** The path finder's hop limits, and the one it starts with. */
export const DEFAULT_MAX_HOPS = 6;
/** The most hops the API searches. */
export const MAX_HOPS = 10;
export const HOP_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
