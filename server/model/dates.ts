/**
 * Dates at the precision the source gives (DATA-POLICY rule 6): `1965`,
 * `2026-01`, `2026-01-11`. Stored as strings; `dateBounds` turns one into the
 * first and last day it can mean, which is what range filters compare.
 */
export const PARTIAL_DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isValidPartialDate(value: string): boolean {
  const m = PARTIAL_DATE_RE.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && month !== undefined) {
    if (day < 1 || day > daysInMonth(Number(m[1]), month)) return false;
  }
  return true;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The earliest and latest full dates a partial date can stand for. */
export function dateBounds(value: string): { min: string; max: string } {
  const m = PARTIAL_DATE_RE.exec(value);
  if (!m) throw new RangeError(`not an ISO 8601 date at year, month or day precision: "${value}"`);
  const year = m[1]!;
  if (m[2] === undefined) return { min: `${year}-01-01`, max: `${year}-12-31` };
  if (m[3] === undefined) {
    const last = String(daysInMonth(Number(year), Number(m[2]))).padStart(2, '0');
    return { min: `${year}-${m[2]}-01`, max: `${year}-${m[2]}-${last}` };
  }
  return { min: value, max: value };
}
