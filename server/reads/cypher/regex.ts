/**
 * Whether a regular expression of `=~` may run in Neo4j. Neo4j matches with
 * java.util.regex, a backtracking engine, inside one expression evaluation
 * that does not stop at the transaction timeout: a catastrophic pattern such
 * as `(.*a){10}` keeps a core busy for minutes after the request got its 408
 * (measured on Neo4j 5.26). So a pattern runs only when a ReDoS checker says
 * its matching time is at most quadratic in the input.
 *
 * The checker is `recheck` (npm): it decides by automata theory (with a
 * fuzzing fallback), finds exponential and polynomial blow-ups with their
 * degree, and reports `safe`/`vulnerable`/`unknown`; it runs in its own
 * process (a native binary), off Node's event loop, with a time limit.
 * `safe-regex2` only measures star height (it passes `(.*a){10}`), and
 * `redos-detector` scores backtracking without a degree; neither fits.
 *
 * Java syntax: Neo4j's `=~` matches the whole string (Matcher.matches), so
 * the pattern is checked anchored, `^(?:p)$`. Leading inline flags
 * `(?i)`, `(?s)`, `(?m)`, `(?u)`, `(?U)` become checker flags; anything the
 * checker cannot read as a JavaScript pattern (possessive `*+`, atomic
 * `(?>`, `\Q...\E`, flags elsewhere, comments mode) is refused as
 * "cannot be checked", never passed unchecked.
 *
 * Allowed: linear patterns and quadratic ones (`.*word.*`, the usual Cypher
 * idiom; CONTAINS is cheaper). Refused: exponential, cubic or worse, unknown.
 */
import { check } from 'recheck';

/** Longest pattern the checker is given (longer ones are refused). */
export const REGEX_MAX_LENGTH = 1_000;
/** The checker's time per pattern. */
const CHECK_TIMEOUT_MS = 2_000;
/** Highest polynomial degree allowed (2: quadratic). */
const MAX_DEGREE = 2;
const CACHE_SIZE = 1_000;

/** Why the pattern may not run, or null. Cached per pattern. */
const verdicts = new Map<string, Promise<string | null>>();

const JAVA_FLAGS: Record<string, string> = { i: 'i', s: 's', m: 'm', u: '', U: '' };

/** The pattern and flags to check, or a refusal when the pattern uses what the checker cannot read. */
export function toCheckable(pattern: string): { source: string; flags: string } | { refusal: string } {
  let body = pattern;
  let flags = '';
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (lead) {
    for (const f of lead[1]!) {
      if (!(f in JAVA_FLAGS)) return { refusal: `the regular expression flag (?${f}) cannot be checked; use (?i), (?s) or (?m) at the start` };
      if (JAVA_FLAGS[f] && !flags.includes(JAVA_FLAGS[f])) flags += JAVA_FLAGS[f];
    }
    body = body.slice(lead[0].length);
  }
  if (/\(\?[a-zA-Z-]+[:)]/.test(body)) return { refusal: 'inline flags inside a regular expression cannot be checked; put (?i), (?s) or (?m) at the start' };
  if (/\(\?>/.test(body)) return { refusal: 'atomic groups (?>...) in a regular expression cannot be checked' };
  if (/(^|[^\\])(\\\\)*[*+?}]\+/.test(body)) return { refusal: 'possessive quantifiers (*+, ++, ?+) in a regular expression cannot be checked' };
  if (/\\[QE]/.test(body)) return { refusal: '\\Q...\\E quoting in a regular expression cannot be checked; escape the characters instead' };
  return { source: `^(?:${body})$`, flags };
}

async function judge(pattern: string): Promise<string | null> {
  if (pattern.length > REGEX_MAX_LENGTH) return `the regular expression is ${pattern.length} characters long; at most ${REGEX_MAX_LENGTH} are checked`;
  const c = toCheckable(pattern);
  if ('refusal' in c) return c.refusal;
  // 'u' first: strict syntax, so an escape the checker would read differently from Java fails instead.
  let r = await check(c.source, c.flags + 'u', { timeout: CHECK_TIMEOUT_MS }).catch(() => undefined);
  if (r?.status === 'unknown' && r.error?.kind === 'invalid') r = await check(c.source, c.flags, { timeout: CHECK_TIMEOUT_MS }).catch(() => undefined);
  if (!r || r.status === 'unknown') {
    const why = r?.error?.kind === 'timeout' ? 'the check took too long' : 'it is not a pattern the checker can read';
    return `the regular expression ${JSON.stringify(pattern)} cannot be checked for catastrophic backtracking (${why}); simplify it, or use CONTAINS / STARTS WITH / ENDS WITH`;
  }
  if (r.status === 'safe') return null;
  const complexity = r.complexity;
  if (complexity?.type === 'polynomial' && complexity.degree <= MAX_DEGREE) return null;
  const kind = complexity?.type === 'exponential' ? 'exponential' : `polynomial (degree ${complexity?.type === 'polynomial' ? complexity.degree : '?'})`;
  return `the regular expression ${JSON.stringify(pattern)} can take ${kind} time in the length of the text to match, and Neo4j cannot stop it at the time limit; simplify it (avoid nested or adjacent repetition such as (a+)+ or .*a.*b.*c), or use CONTAINS / STARTS WITH / ENDS WITH`;
}

/** Why `pattern` may not be matched by Neo4j's `=~`, or null when it may. */
export function regexRefusal(pattern: string): Promise<string | null> {
  const cached = verdicts.get(pattern);
  if (cached) return cached;
  const verdict = judge(pattern);
  verdicts.set(pattern, verdict);
  while (verdicts.size > CACHE_SIZE) verdicts.delete(verdicts.keys().next().value!);
  return verdict;
}
