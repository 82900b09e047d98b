/** The console's text: how a result cell reads, and where an error's line and column fall in the query. */
import type { ErrorPosition } from '../api/types.ts';

export type Cell = { type: 'node'; id: string; name: string; kind: string } | { type: 'edge'; text: string } | { type: 'text'; text: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function cell(v: unknown): Cell {
  if (isRecord(v) && typeof v.id === 'string' && Array.isArray(v.labels) && ('name' in v || 'kind' in v)) {
    return { type: 'node', id: v.id, name: String(v.name ?? v.id), kind: String(v.kind ?? (v.labels as unknown[])[0] ?? '') };
  }
  if (isRecord(v) && typeof v.type === 'string' && typeof v.source === 'string' && typeof v.target === 'string') {
    return { type: 'edge', text: `(${v.source})-[:${v.type}${typeof v.status === 'string' ? ` ${v.status}` : ''}]->(${v.target})` };
  }
  return { type: 'text', text: textOf(v) };
}

export function textOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(textOf).join(', ')}]`;
  const c = cell(v);
  if (c.type === 'node') return c.name;
  if (c.type === 'edge') return c.text;
  return JSON.stringify(v);
}

/** Character offset of a 1-based line/column in `text` (clamped to the text). */
export function offsetOf(text: string, pos: ErrorPosition): number {
  if (pos.offset >= 0 && pos.offset <= text.length) return pos.offset;
  const lines = text.split('\n');
  let off = 0;
  for (let i = 0; i < Math.min(pos.line - 1, lines.length); i++) off += lines[i]!.length + 1;
  return Math.min(text.length, off + Math.max(0, pos.column - 1));
}
