/**
 * CSV cells, written and read back (RFC 4180: fields holding a comma, a
 * double quote, CR or LF in double quotes, inner quotes doubled; lists joined
 * with `;`; maps as JSON).
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some
 * strip a leading tab or carriage return first) as a formula:
 * `=HYPERLINK(...)` phones home, `=cmd|' /C calc'!A0` runs a program (DDE).
 * Following OWASP's CSV injection guidance, every text cell claimgraph
 * writes that starts with one of those (after any leading apostrophes) gets
 * one more leading `'`, which spreadsheets take as "this is text". Numbers
 * stay numbers: a cell written from a number (an amount of -2) is not text
 * and is never prefixed; the text "-2" is. `raw` turns this off.
 *
 * Reading a CSV file, a cell that starts with one or more `'` followed by one
 * of those characters loses its first `'`, so a neutralized export reads
 * back as it was (a value that itself began with `'=` was written `''=`).
 */
import type { Json } from '../../neo4j/values.ts';

/** What a spreadsheet may run: `=`, `+`, `-`, `@`, tab, carriage return at the start, after any apostrophes. */
const RUNNABLE = /^'*[=+\-@\t\r]/;

/** A text cell as a spreadsheet should show it: with a leading `'` when it would otherwise run. */
export function neutralize(text: string): string {
  return RUNNABLE.test(text) ? `'${text}` : text;
}

/** A cell as written before `neutralize`. */
export function unneutralize(cell: string): string {
  return cell.startsWith("'") && RUNNABLE.test(cell) ? cell.slice(1) : cell;
}

function text(v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map((x) => (x === null ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x))).join(';');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One field of a row: a number as it is, text neutralized unless `raw`, quoted when it must be. */
export function csvField(v: Json | undefined, raw = false): string {
  const s = typeof v === 'number' || typeof v === 'boolean' || raw ? text(v) : neutralize(text(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
