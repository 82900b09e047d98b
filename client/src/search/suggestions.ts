/** The suggestion list: why a hit matched, and moving through it with the arrow keys. */
import type { SearchHit } from './types.ts';

/** Why a hit is in the list, as its second line says it: a label, and the alias or the description excerpt. */
export interface MatchReason {
  field: 'name' | 'alias' | 'description';
  label: string;
  /** The alias that matched, or the description's excerpt; null for a name (it is on the first line). */
  text: string | null;
}

const HOW: Record<SearchHit['match']['how'], string> = {
  exact: 'exact',
  words: 'same words',
  phrase: 'contains',
  'all-words': 'all words',
  fuzzy: 'close spelling',
};

export function matchReason(hit: SearchHit): MatchReason {
  const m = hit.match;
  if (m.field === 'description') return { field: 'description', label: 'In the description', text: m.text };
  if (m.field === 'alias') return { field: 'alias', label: m.how === 'exact' ? 'Exact alias' : `Alias (${HOW[m.how]})`, text: m.text };
  return { field: 'name', label: m.how === 'exact' ? 'Exact name' : `Name (${HOW[m.how]})`, text: null };
}

/** Lower case without accents, as the server folds (so highlighting agrees with matching). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A text cut into runs, those that are a word of the query (or start with
 * one) marked, for highlighting matched words in an excerpt. Folding is per
 * character, so the runs are slices of the original text.
 */
export function markWords(text: string, query: string): { text: string; mark: boolean }[] {
  const words = new Set(fold(query).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1));
  const runs: { text: string; mark: boolean }[] = [];
  const push = (t: string, mark: boolean) => {
    if (!t) return;
    const last = runs.at(-1);
    if (last && last.mark === mark) last.text += t;
    else runs.push({ text: t, mark });
  };
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    const f = fold(part);
    push(part, f.length > 0 && [...words].some((w) => f.startsWith(w)));
  }
  return runs;
}

/** Next option index for arrow keys, wrapping around. */
export function moveIndex(current: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (current + delta + count) % count;
}
