export interface PathQuery {
  from: string;
  to: string;
  /** Minimum claim strength, or null for any. */
  status: string | null;
  maxHops: number;
}

/** The path finder's hop limits, and the one it starts with. */
export const DEFAULT_MAX_HOPS = 6;
export const HOP_CHOICES = [2, 3, 4, 5, 6, 8, 10] as const;
