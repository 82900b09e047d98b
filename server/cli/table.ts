/** Query results as a plain-text table (or values for one). */
import type { Json } from '../neo4j/values.ts';

function isNode(v: Record<string, Json>): boolean {
  return typeof v.id === 'string' && Array.isArray(v.labels) && typeof v.name === 'string';
}

function isEdge(v: Record<string, Json>): boolean {
  return typeof v.id === 'string' && typeof v.type === 'string' && typeof v.source === 'string' && typeof v.target === 'string';
}

/** One value as one line of text: nodes as `name (id)`, relationships as `(a)-[:TYPE id]->(b)`. */
export function cellText(v: Json): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.replace(/\r?\n/g, ' ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(cellText).join(', ')}]`;
  if (isNode(v)) return `${String(v.name)} (${String(v.id)})`;
  if (isEdge(v)) return `(${String(v.source)})-[:${String(v.type)} ${String(v.id)}]->(${String(v.target)})`;
  return JSON.stringify(v);
}

export function formatTable(columns: string[], rows: Json[][], maxWidth?: number): string {
  const cut = (s: string) => (maxWidth && s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const cells = rows.map((r) => r.map((v) => cut(cellText(v))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((s, i) => s.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line)].join('\n');
}
