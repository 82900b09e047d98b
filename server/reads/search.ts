/**
 * Search: the user's text becomes a Lucene query over the full-text index
 * (its 'standard-folding' analyzer folds case and accents and drops English
 * stop words), and the candidates are ranked by how they match (see
 * search-match.ts: an exact name or alias first) and say why they matched.
 *
 * Each word that is not a stop word must match somewhere, exactly (boosted),
 * as a prefix, or fuzzily (edit distance 1 from 4 letters, 2 from 7), so
 * case, accents and small typos do not matter. Stop words are not required
 * (the index does not hold them: "National Council of Resistance of Iran"
 * would otherwise find nothing); the whole text as a phrase in a name or an
 * alias is boosted, where the analyzer keeps their positions ("of" still
 * stands between "Council" and "Resistance").
 */
import type { z } from 'zod';
import type { Deps } from '../kernel/deps.ts';
import type { SearchQuery, SearchResult } from '../kernel/contract.ts';
import { cypher } from '../neo4j/cypher.ts';
import { toPlain } from '../neo4j/values.ts';
import { read } from '../neo4j/read.ts';
import { matchOf, rankHits, STOP_WORDS, wordsOf } from './search-match.ts';

export { fold } from './search-match.ts';

/** The folded words of the text (Lucene's special characters are separators), at most 12. */
export function terms(text: string): string[] {
  return wordsOf(text).slice(0, 12);
}

/** The Lucene query for a text, or undefined when it has no word to search for (only stop words, or none). */
export function luceneQuery(text: string): string | undefined {
  const all = terms(text);
  const required = all.filter((t) => !STOP_WORDS.has(t));
  if (required.length === 0) return undefined;
  // Every word must match somewhere; a match in the name or an alias counts far more than one in the description.
  const clauses = required.map((t) => {
    const forms = [`${t}^4`, `${t}*^2`];
    if (t.length >= 4) forms.push(`${t}~${t.length >= 7 ? 2 : 1}`);
    const any = forms.join(' ');
    return `+(name:(${any})^4 aliases:(${any})^3 description:(${any}))`;
  });
  // The text as typed, as a phrase (terms() left no quote or special character in it).
  const phrase = all.length > 1 ? [`name:"${all.join(' ')}"^12`, `aliases:"${all.join(' ')}"^10`] : [];
  return [...clauses, ...phrase].join(' ');
}

/** How many candidates Lucene gives for `limit` hits: enough for an exact name to be among them. */
export function candidatesFor(limit: number): number {
  return Math.min(1000, Math.max(50, limit * 10));
}

/** The name or alias that matched (kept for clients of `matched`); null for a description match. */
export function matchedLabel(text: string, name: string, aliases: string[]): string | null {
  const m = matchOf(text, { name, aliases, description: null });
  return m.field === 'description' ? null : m.text;
}

export async function search(deps: Deps, q: z.output<typeof SearchQuery>): Promise<z.output<typeof SearchResult>> {
  const lucene = luceneQuery(q.q);
  if (!lucene) return { query: q.q, hits: [] };
  const records = await read(deps, cypher('reads/search'), {
    lucene,
    kinds: q.kinds ?? null,
    candidates: candidatesFor(q.limit),
  });
  const hits = records.map((r) => {
    const name = String(r.get('name'));
    const aliases = ((r.get('aliases') as unknown[] | null) ?? []).map(String);
    const description = r.get('description');
    const match = matchOf(q.q, { name, aliases, description: typeof description === 'string' ? description : null });
    return {
      id: String(r.get('id')),
      name,
      kind: String(r.get('kind')),
      score: Number(toPlain(r.get('score'))),
      matched: match.field === 'description' ? null : match.text,
      match,
    };
  });
  return { query: q.q, hits: rankHits(hits).slice(0, q.limit) };
}
