/**
 * Attribute values of a graph file as the model's fields take them: lists,
 * booleans, numbers and dates written the way Gephi, yEd or claimgraph's own
 * export write them (a GEXF liststring is already a list; GraphML lists from
 * claimgraph are JSON arrays; other files write `a; b`).
 */
import { BOOLEAN_FIELDS, DATE_FIELDS, LIST_FIELDS, NUMBER_FIELDS } from '../fields.ts';
import { isoDate, parseAmount, propertyName, splitList } from '../values.ts';

type Scalar = string | number | boolean;

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** A JSON array of scalars written as text, or undefined. */
function jsonList(s: string): Scalar[] | undefined {
  if (!s.trim().startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.every(isScalar) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A value for model field `field`; anything that does not fit is passed on for the schema to report. */
export function fieldValue(field: string, v: unknown): unknown {
  if (LIST_FIELDS.has(field)) {
    if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined && String(x).trim() !== '').map(String);
    if (typeof v === 'string') return (jsonList(v) ?? splitList(v)).map(String);
    return v;
  }
  if (BOOLEAN_FIELDS.has(field)) return typeof v === 'string' && /^(true|false)$/i.test(v.trim()) ? v.trim().toLowerCase() === 'true' : v;
  if (NUMBER_FIELDS.has(field)) {
    if (typeof v !== 'string') return v;
    const a = parseAmount(v);
    return 'error' in a ? v : a.value;
  }
  if (DATE_FIELDS.has(field)) {
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    return typeof v === 'string' ? (isoDate(v) ?? v) : v;
  }
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

/** A value as an extra property: scalars and lists of scalars as they are, anything else as JSON text. */
export function propertyValue(v: unknown): Scalar | Scalar[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (isScalar(v)) return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  if (Array.isArray(v) && v.every(isScalar)) return new Set(v.map((x) => typeof x)).size > 1 ? v.map(String) : v;
  return JSON.stringify(v);
}

/** Properties from attributes, names made safe (`Modularity Class` -> `modularityClass`). */
export function properties(attrs: Iterable<[string, unknown]>): Record<string, Scalar | Scalar[]> {
  const out: Record<string, Scalar | Scalar[]> = {};
  for (const [k, v] of attrs) {
    const value = propertyValue(v);
    if (value === undefined) continue;
    let name = propertyName(k);
    for (let n = 2; name in out; n++) name = `${propertyName(k)}_${n}`;
    out[name] = value;
  }
  return out;
}
