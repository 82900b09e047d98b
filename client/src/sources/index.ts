/**
 * The source view's logic (pure; unit-tested in Node): a text cut into runs
 * at the edges of claims' passages (a run knows every claim that quotes
 * it, passages may overlap), a source's metadata as rows, and the claims
 * it holds grouped as the view lists them.
 */
import type { Claim, GraphNode } from '../api/types.ts';
import type { Passage, Segment } from './types.ts';

export type * from './types.ts';

/**
 * Cuts `text` at every start and end of the passages' ranges; each run
 * names the claims whose ranges cover it. Ranges outside the text are
 * clipped; empty ones are dropped.
 *
 * @example
 *   segmentText('abcdef', [{ id: 'c1', ranges: [{ start: 1, end: 3 }] }])
 *   // => [{ text: 'a', start: 0, claims: [] }, { text: 'bc', start: 1, claims: ['c1'] }, { text: 'def', start: 3, claims: [] }]
 */
export function segmentText(text: string, passages: readonly Passage[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  const ranges: { id: string; start: number; end: number }[] = [];
  for (const p of passages) {
    for (const r of p.ranges) {
      const start = Math.max(0, Math.min(text.length, r.start));
      const end = Math.max(0, Math.min(text.length, r.end));
      if (end <= start) continue;
      ranges.push({ id: p.id, start, end });
      cuts.add(start).add(end);
    }
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const start = at[i]!;
    const end = at[i + 1]!;
    const claims = [...new Set(ranges.filter((r) => r.start <= start && r.end >= end).map((r) => r.id))];
    const last = out.at(-1);
    // Neighbouring runs of the same claims are one run.
    if (last && sameIds(last.claims, claims)) last.text += text.slice(start, end);
    else out.push({ text: text.slice(start, end), start, claims });
  }
  return out;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A source's metadata as label/value rows, in reading order (only those it has). */
export function sourceRows(source: GraphNode): [string, string][] {
  const p = source.properties;
  const authors = Array.isArray(p.authors) ? p.authors.map(String).filter(Boolean) : [];
  const rows: [string, string | null][] = [
    ['Kind', str(p.sourceKind)?.replace(/-/g, ' ') ?? null],
    ['Authors', authors.length ? authors.join(', ') : null],
    ['Publisher', str(p.publisher)],
    ['Date', str(p.date)],
    ['Citation', str(p.citation)],
    ['Note', str(p.note)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}

/** How a claim relates to the source it is listed under: the source it cites, or one that restates it (citedIn). */
export function relationToSource(c: Claim, sourceId: string): 'cites' | 'restated' {
  return c.source?.id === sourceId || c.properties.sourceId === sourceId ? 'cites' : 'restated';
}

/** The claim ids in the order their passages first appear in the document. */
export function passageOrder(passages: readonly { claimId: string; start: number }[]): string[] {
  return [...passages].sort((a, b) => a.start - b.start).map((p) => p.claimId);
}
