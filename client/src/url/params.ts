/** Encoding helpers for the URL: comma lists of ids (ids never contain commas) and short numbers. */
export function list(v: string | null): string[] {
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function num(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function short(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}
