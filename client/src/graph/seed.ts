/** Seeded starting positions, so that layouts are repeatable. */

/** A stable 32-bit hash (FNV-1a), for seeded positions that make layouts repeatable. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic point in a disc of radius r around (cx, cy), chosen by `seed`. */
export function seededPoint(seed: string, cx = 0, cy = 0, r = 100): { x: number; y: number } {
  const a = (hash(seed) / 0xffffffff) * Math.PI * 2;
  const d = Math.sqrt(hash(`${seed}#r`) / 0xffffffff) * r;
  return { x: cx + Math.cos(a) * d, y: cy + Math.sin(a) * d };
}
