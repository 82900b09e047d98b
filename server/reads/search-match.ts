/**
 * Why a search hit matched, and how well: the user's text against an
 * entity's name, each alias and its description, compared on folded words
 * (case and accents ignored, punctuation dropped). Pure, so the ranking is
 * unit-tested without Neo4j.
 *
 * Lucene finds the candidates (search.ts); this ranks them: an exact name
 * first, then an exact alias, then the same words but for stop words ("The
 * Iranian Mojahedin" / "Iranian Mojahedin"), then the text as a phrase in a
 * name or alias, then every word there (prefixes while typing), then close
 * spellings, and last a match in the description only. Lucene's score orders
 * hits within a tier.
 */

/** Lucene's English stop words: the full-text analyzer ('standard-folding') does not index them. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

export type MatchField = 'name' | 'alias' | 'description';
/** exact: the whole name or alias; words: the same words but for stop words; phrase: the text inside it; all-words, fuzzy: each word (or a close spelling) in it. */
export type MatchHow = 'exact' | 'words' | 'phrase' | 'all-words' | 'fuzzy';

export interface HitMatch {
  field: MatchField;
  how: MatchHow;
  /** The name, the alias that matched, or an excerpt of the description around the match. */
  text: string;
}

export interface Candidate {
  name: string;
  aliases: readonly string[];
  description: string | null;
}

/** Lower case, accents removed (NFKD, combining marks dropped). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded words of a text (letters and digits; everything else separates). */
export function wordsOf(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => !STOP_WORDS.has(w));
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The edit distance Lucene's fuzzy clauses allow for a word (search.ts): 1 from 4 letters, 2 from 7. */
export function allowedEdits(word: string): number {
  return word.length >= 7 ? 2 : word.length >= 4 ? 1 : 0;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((w, i) => w === b[i]);

/** `needle` occurs in `hay` as consecutive words, its last word possibly a prefix (the user is typing). */
function hasPhrase(hay: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length || needle.length > hay.length) return false;
  const last = needle.length - 1;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => (j === last ? hay[i + j]!.startsWith(w) : hay[i + j] === w))) return true;
  }
  return false;
}

/** Every word of `needle` is a word of `hay` (or starts one); with `fuzzy`, or is within the allowed edits of one. */
function hasAllWords(hay: readonly string[], needle: readonly string[], fuzzy: boolean): boolean {
  return (
    needle.length > 0 &&
    needle.every((w) => hay.some((h) => h === w || h.startsWith(w) || (fuzzy && allowedEdits(w) > 0 && levenshtein(h, w) <= allowedEdits(w))))
  );
}

/** How one label (a name or an alias) matches the text, best first; null when it does not. */
function labelMatch(label: string, q: readonly string[], qContent: readonly string[]): MatchHow | null {
  const words = wordsOf(label);
  if (same(words, q)) return 'exact';
  if (qContent.length && same(contentWords(words), qContent)) return 'words';
  if (hasPhrase(words, q)) return 'phrase';
  if (hasAllWords(words, qContent, false)) return 'all-words';
  if (hasAllWords(words, qContent, true)) return 'fuzzy';
  return null;
}

const HOW_ORDER: readonly MatchHow[] = ['exact', 'words', 'phrase', 'all-words', 'fuzzy'];

/**
 * The tier of a match, lower first: for each way of matching, the name
 * before an alias; a description match after every name or alias match.
 */
export function tierOf(m: HitMatch): number {
  if (m.field === 'description') return HOW_ORDER.length * 2;
  return HOW_ORDER.indexOf(m.how) * 2 + (m.field === 'name' ? 0 : 1);
}

/** An excerpt of the description around the first word of the text found in it (about `width` characters). */
export function snippet(description: string, q: readonly string[], width = 90): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  // Fold character by character so positions in the folded text map back to the original.
  let folded = '';
  const at: number[] = [];
  for (let i = 0; i < flat.length; i++) {
    const f = fold(flat[i]!);
    for (let k = 0; k < f.length; k++) at.push(i);
    folded += f;
  }
  const wanted = contentWords(q);
  let hit = -1;
  for (const w of wanted.length ? wanted : q) {
    const m = new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').exec(folded);
    if (m && (hit < 0 || m.index < hit)) hit = m.index + m[1]!.length;
  }
  const start0 = hit < 0 ? 0 : Math.max(0, (at[hit] ?? 0) - Math.floor(width / 3));
  // Start and end on word boundaries.
  const start = start0 === 0 ? 0 : flat.indexOf(' ', start0) + 1 || start0;
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

/** Why a candidate matched the text: the best of its name and aliases, else its description. */
export function matchOf(text: string, c: Candidate): HitMatch {
  const q = wordsOf(text);
  const qContent = contentWords(q);
  let best: HitMatch | null = null;
  const consider = (field: MatchField, label: string) => {
    const how = labelMatch(label, q, qContent);
    if (!how) return;
    const m: HitMatch = { field, how, text: label };
    if (!best || tierOf(m) < tierOf(best) || (tierOf(m) === tierOf(best) && label.length < best.text.length)) best = m;
  };
  consider('name', c.name);
  for (const a of c.aliases) consider('alias', a);
  if (best) return best;
  const d = c.description ?? '';
  const dWords = wordsOf(d);
  return { field: 'description', how: hasPhrase(dWords, q) ? 'phrase' : hasAllWords(dWords, qContent, false) ? 'all-words' : 'fuzzy', text: snippet(d, q) };
}

/** Candidates ranked by tier, then by Lucene's score (ties keep Lucene's order). */
export function rankHits<T extends { score: number; match: HitMatch }>(hits: T[]): T[] {
  return hits
    .map((h, i) => ({ h, i, tier: tierOf(h.match) }))
    .sort((a, b) => a.tier - b.tier || b.h.score - a.h.score || a.i - b.i)
    .map((x) => x.h);
}
