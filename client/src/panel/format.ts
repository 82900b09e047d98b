/** The evidence panel's text: property rows, claim facts and dates, citations, claim order. */
import type { Claim, SourceRef } from '../api/types.ts';
import { formatAmount } from '../graph/format.ts';

/** Entity properties worth a row: not the ones shown elsewhere in the panel. */
const SHOWN_ELSEWHERE = new Set(['id', 'name', 'aliases', 'kind', 'description']);

export function propertyRows(props: Record<string, unknown>): [string, string][] {
  return Object.entries(props)
    .filter(([k, v]) => !SHOWN_ELSEWHERE.has(k) && v !== null && v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [humanKey(k), formatValue(v)] as [string, string])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

export function humanKey(k: string): string {
  return k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'number') return v.toLocaleString('en-US');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function aliasesOf(props: Record<string, unknown>): string[] {
  const a = props.aliases;
  return Array.isArray(a) ? a.map(String) : [];
}

/** "1999 – 2001-03", "2018-06", or null. */
export function claimWhen(c: Claim): string | null {
  const p = c.properties;
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  const date = s('date');
  const start = s('start');
  const end = s('end');
  if (date) return date;
  if (start && end) return `${start} – ${end}`;
  if (start) return `since ${start}`;
  if (end) return `until ${end}`;
  return null;
}

/** Short facts of a claim besides its quote: amount, role, purpose, when. */
export function claimFacts(c: Claim): string[] {
  const p = c.properties;
  const out: string[] = [];
  if (typeof p.amount === 'number') out.push(formatAmount(p.amount, typeof p.currency === 'string' ? p.currency : ''));
  if (typeof p.role === 'string' && p.role) out.push(p.role);
  if (typeof p.purpose === 'string' && p.purpose) out.push(p.purpose);
  const when = claimWhen(c);
  if (when) out.push(when);
  return out;
}

/** The parts of a citation after the title: authors, publisher, date, kind. */
export function citationParts(s: SourceRef): string[] {
  const out: string[] = [];
  if (s.authors.length) out.push(s.authors.join(', '));
  if (s.publisher) out.push(s.publisher);
  if (s.date) out.push(s.date);
  if (s.kind) out.push(s.kind.replace(/-/g, ' '));
  return out;
}

/** Claims sorted strongest first, then by date. */
export function sortClaims(claims: Claim[], statusOrder: readonly string[]): Claim[] {
  const rank = (s: string) => {
    const i = statusOrder.indexOf(s);
    return i < 0 ? statusOrder.length : i;
  };
  return [...claims].sort((a, b) => rank(a.status) - rank(b.status) || (claimWhen(a) ?? '').localeCompare(claimWhen(b) ?? ''));
}
