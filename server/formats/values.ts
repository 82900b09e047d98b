/**
 * Value conversions shared by the CSV and FollowTheMoney readers: dates at
 * any ISO precision, amounts written by people, property names, slugs.
 */
import { createHash } from 'node:crypto';
import { isValidPartialDate } from '../model/dates.ts';
import { ID_RE } from '../model/dataset.ts';

/**
 * An ISO date at the precision given: `2019`, `2019-06`, `2019-06-30`, or a
 * timestamp (`2019-06-30T12:00:00Z`, `2019-06-30 12:00`) reduced to its date.
 * Returns undefined when the text is not such a date.
 */
export function isoDate(text: string): string | undefined {
  const s = text.trim();
  const m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(s);
  if (!m?.[1]) return undefined;
  return isValidPartialDate(m[1]) ? m[1] : undefined;
}

export type AmountResult = { value: number; currency?: string } | { error: string };

const SYMBOLS: Record<string, string | undefined> = { '€': 'EUR', '£': 'GBP', '¥': 'JPY', $: undefined };

/**
 * An amount as people write it in spreadsheets. The rule:
 *  - spaces (also no-break and thin spaces), `'` and `_` are digit-group separators;
 *  - a 3-letter currency code or one of € £ ¥ $ before or after the number is taken off
 *    (and returned as `currency`, except `$`, which names no single currency);
 *  - when both `,` and `.` appear, the one that comes last is the decimal mark;
 *  - only `.`: one is a decimal point; several (`1.200.000`) are group separators;
 *  - only `,`: several (`1,200,000`) are group separators; a single one is a
 *    decimal comma in a `;`-delimited file (the spreadsheet convention of
 *    decimal-comma locales: `1,5` = 1.5, `1,200` = 1.2) and a group separator
 *    in any other file (`"1,200"` = 1200);
 *  - group separators must separate groups of exactly three digits.
 */
export function parseAmount(text: string, opts: { decimalComma?: boolean } = {}): AmountResult {
  let s = text.trim();
  let currency: string | undefined;
  const code = /^([A-Za-z]{3})\s*(?=[\d.,\s])|(?<=[\d.,\s])\s*([A-Za-z]{3})$/.exec(s);
  if (code) {
    currency = (code[1] ?? code[2])!.toUpperCase();
    s = s.replace(code[0], '').trim();
  }
  const sym = /^([€£¥$])|([€£¥$])$/.exec(s);
  if (sym) {
    const c = SYMBOLS[(sym[1] ?? sym[2])!];
    currency ??= c;
    s = s.replace(sym[0], '').trim();
  }
  s = s.replace(/[\s\u00a0\u202f\u2009'_]/g, '');
  if (!/^-?[\d.,]+$/.test(s) || !/\d/.test(s)) return { error: `not an amount: "${text}" (write e.g. 1200000, "1,200,000" or 1 200 000.50)` };
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let intPart: string;
  let frac = '';
  let groupSep: string | undefined;
  if (lastComma >= 0 && lastDot >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    groupSep = dec === ',' ? '.' : ',';
    const at = s.lastIndexOf(dec);
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (intPart.includes(dec) || frac.includes(groupSep)) return { error: `not an amount: "${text}" (mixed separators)` };
  } else if (lastDot >= 0) {
    if (s.indexOf('.') === lastDot) {
      intPart = s.slice(0, lastDot);
      frac = s.slice(lastDot + 1);
    } else {
      intPart = s;
      groupSep = '.';
    }
  } else if (lastComma >= 0) {
    if (s.indexOf(',') === lastComma && opts.decimalComma) {
      intPart = s.slice(0, lastComma);
      frac = s.slice(lastComma + 1);
    } else {
      intPart = s;
      groupSep = ',';
    }
  } else {
    intPart = s;
  }
  const negative = intPart.startsWith('-');
  if (negative) intPart = intPart.slice(1);
  if (groupSep) {
    const groups = intPart.split(groupSep);
    if (!/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
      return { error: `not an amount: "${text}" (digit groups must be of three digits)` };
    }
    intPart = groups.join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || intPart + frac === '') return { error: `not an amount: "${text}"` };
  const value = Number(`${negative ? '-' : ''}${intPart || '0'}${frac ? `.${frac}` : ''}`);
  if (!Number.isFinite(value)) return { error: `not an amount: "${text}"` };
  return currency ? { value, currency } : { value };
}

/** A property name the model accepts (`[A-Za-z_][A-Za-z0-9_]*`), from any column header. */
export function propertyName(header: string): string {
  const words = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9_]+/)
    .filter(Boolean);
  if (words.length === 0) return '_';
  const [first, ...rest] = words;
  const head = first!.length > 1 && first! === first!.toUpperCase() ? first! : first!.charAt(0).toLowerCase() + first!.slice(1);
  let name = head + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  if (/^\d/.test(name)) name = `_${name}`;
  return name;
}

/** Normalizes a header for matching: lowercase, without spaces, `_`, `-` and `.`. */
export function headerKey(header: string): string {
  return header.replace(/^\ufeff/, '').trim().toLowerCase().replace(/[\s_\-.]+/g, '');
}

/** A dataset name (`[a-z0-9][a-z0-9-]*`) from a file or folder name. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'dataset'
  );
}

/** A stable id for things that have none (a URL, a publisher, a CSV claim row). */
export function hashId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
}

/** `text` as an id when it is a valid one, else a hashed id. */
export function idFrom(prefix: string, text: string): string {
  const candidate = `${prefix}:${text}`;
  return ID_RE.test(candidate) ? candidate : hashId(prefix, text);
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Splits a cell holding several values (`;`-separated), trimmed, empties dropped. */
export function splitList(cell: string, sep = ';'): string[] {
  return cell
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export const KIND_SYNONYMS: Record<string, string> = { organisation: 'organization', org: 'organization', company: 'organization', people: 'person' };

/** An entity kind as people write it: lowercase, synonyms (organisation, company, people) mapped. */
export function normKind(s: string): string {
  const v = s.trim().toLowerCase();
  return KIND_SYNONYMS[v] ?? v;
}

/** A relationship type as people write it: `funded by` -> `FUNDED_BY`. */
export function normRelation(s: string): string {
  return s.trim().toUpperCase().replace(/[\s-]+/g, '_');
}
