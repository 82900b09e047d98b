/**
 * Passing verdicts of the safety check, cached per database and exact query
 * text (a bounded LRU): a verdict depends on the text, not on parameter
 * values, so a repeated query skips the EXPLAIN round trip. Only read-only
 * verdicts are stored; refusals are not, and a text not in the cache,
 * however similar, goes through every check.
 */
import type { Deps } from '../../kernel/deps.ts';

export interface Verdict {
  queryType: string;
}

/** Passing verdicts kept (each key at most ~20,000 characters of query text: a few MB at most). */
export const VERDICT_CACHE_SIZE = 500;

/** Least recently used first (a Map keeps insertion order). */
const verdicts = new Map<string, Verdict>();

function verdictKey(deps: Deps, query: string): string {
  // JSON of a pair cannot be confused across the boundary of database and text.
  return JSON.stringify([deps.database ?? null, query]);
}

/** The cached verdict for `query`, marked most recently used. */
export function cachedVerdict(deps: Deps, query: string): Verdict | undefined {
  const key = verdictKey(deps, query);
  const cached = verdicts.get(key);
  if (cached) {
    verdicts.delete(key);
    verdicts.set(key, cached);
  }
  return cached;
}

/** Keeps a passing verdict, dropping the least recently used beyond VERDICT_CACHE_SIZE. */
export function rememberVerdict(deps: Deps, query: string, verdict: Verdict): void {
  verdicts.set(verdictKey(deps, query), verdict);
  while (verdicts.size > VERDICT_CACHE_SIZE) verdicts.delete(verdicts.keys().next().value!);
}

/** The verdict cache, for tests and stats: its size, whether a text is in it, and emptying it. */
export const verdictCache = {
  size: () => verdicts.size,
  has: (deps: Deps, query: string) => verdicts.has(verdictKey(deps, query)),
  clear: () => verdicts.clear(),
};
