export interface PathQuery {
  from: string;
  to: string;
  /** Minimum claim strength, or null for any. */
  status: string | null;
  maxHops: number;
}
