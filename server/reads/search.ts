/**
 * Search: the user's text becomes a Lucene query over the full-text index
 * (accent-folding analyzer), each term matched exactly (boosted), as a
 * prefix, and fuzzily (edit distance 1 from 4 letters, 2 from 7), so case,
 * accents and small typos do not matter. The alias that matched is found
 * here, by the same folding, for the suggestion list.
 */
import type { z } from 'zod';
import type { Deps } from '../kernel/deps.ts';
import type { SearchQuery, SearchResult } from '../kernel/contract.ts';
import { cypher } from '../neo4j/cypher.ts';
import { toPlain } from '../neo4j/values.ts';
import { read } from '../neo4j/read.ts';

export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

export function terms(text: string): string[] {
  return fold(text)
    .replace(LUCENE_SPECIAL, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0 && !['and', 'or', 'not'].includes(t))
    .slice(0, 12);
}

export function luceneQuery(text: string): string | undefined {
  const ts = terms(text);
  if (ts.length === 0) return undefined;
  // Every term must match somewhere; a match in the name or an alias counts
  // far more than one in the description.
  return ts
    .map((t) => {
      const forms = [`${t}^4`, `${t}*^2`];
      if (t.length >= 4) forms.push(`${t}~${t.length >= 7 ? 2 : 1}`);
      const any = forms.join(' ');
      return `(name:(${any})^4 OR aliases:(${any})^3 OR description:(${any}))`;
    })
    .join(' AND ');
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

/** The name or alias that best matches the text: containing it, else the closest. */
export function matchedLabel(text: string, name: string, aliases: string[]): string | null {
  const q = fold(text).trim();
  const all = [name, ...aliases];
  const contains = all.filter((a) => fold(a).includes(q));
  if (contains.length) return contains.sort((a, b) => a.length - b.length)[0]!;
  let best: string | null = null;
  let bestD = Infinity;
  for (const a of all) {
    const words = fold(a).split(/\s+/);
    const d = Math.min(levenshtein(fold(a), q), ...words.map((w) => levenshtein(w, q)));
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return bestD <= Math.max(2, Math.floor(q.length / 3)) ? best : null;
}

export async function search(deps: Deps, q: z.output<typeof SearchQuery>): Promise<z.output<typeof SearchResult>> {
  const lucene = luceneQuery(q.q);
  if (!lucene) return { query: q.q, hits: [] };
  const records = await read(deps, cypher('reads/search'), {
    lucene,
    kinds: q.kinds ?? null,
    limit: q.limit,
    candidates: Math.min(1000, q.limit * 5),
  });
  return {
    query: q.q,
    hits: records.map((r) => {
      const name = String(r.get('name'));
      const aliases = (r.get('aliases') as string[]) ?? [];
      return {
        id: String(r.get('id')),
        name,
        kind: String(r.get('kind')),
        score: Number(toPlain(r.get('score'))),
        matched: matchedLabel(q.q, name, aliases),
      };
    }),
  };
}
