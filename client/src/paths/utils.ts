export const DEFAULT_MAX_HOPS = 6;
export const HOP_CHOICES = [2, 3, 4, 5, 6, 8, 10] as const;
