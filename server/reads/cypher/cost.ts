/**
 * The cost checks of ad-hoc Cypher: what Neo4j cannot bound once it runs is
 * refused before it gets there (403 QUERY_REFUSED naming the limit). Neo4j
 * 5.26 evaluates one expression of one row without checking for termination
 * and, for lists and strings built inside an expression, without counting
 * memory: a list comprehension over range(1, 10^8) runs past the timeout and
 * kills the JVM (OutOfMemoryError), `WITH s + s AS s` thirty times does the
 * same in 4 s, a catastrophic regex keeps a core busy for minutes. Its parser
 * overflows its stack on a few hundred nested brackets (and the request then
 * never gets an answer), and planning time grows faster than linearly with
 * the length of the query. So, per request (parameters included: these checks
 * are not cached, they are cheap):
 *
 * - shape: at most QUERY_MAX_LENGTH characters, QUERY_MAX_TOKENS tokens and
 *   QUERY_MAX_DEPTH levels of nesting (brackets, CASE, NOT and unary-minus
 *   chains); query options (`CYPHER planner=dp ...`) only from an allowlist;
 * - lists: range() anywhere but directly in `UNWIND range(...) AS x` (which
 *   streams, and stops at the timeout) must have a size known from literals
 *   and parameters, at most QUERY_MAX_LIST, or be bounded by size()/length();
 *   nested iterations (list comprehensions, any/all/none/single, reduce) over
 *   known sizes multiply, and the product must stay within QUERY_MAX_LIST;
 *   reduce() over n items whose step adds string literals of length L counts
 *   n * (1 + L);
 * - growth: a value combined with itself in one projection (`WITH s + s AS s`,
 *   `[l, l]`, Fibonacci-like `WITH a + b AS a, a AS b`) or replace() with a
 *   longer replacement multiplies a value's size; the product of these factors
 *   over the query must stay within GROWTH_MAX, a reduce() step may not use
 *   its accumulator twice, replace() needs a literal or parameter replacement;
 * - regular expressions (regex.ts): the pattern of `=~` is a string literal or
 *   a string parameter that the ReDoS checker deems at most quadratic;
 * - parameters: each string, list and map at most QUERY_MAX_PARAM_SIZE long,
 *   nested at most QUERY_MAX_DEPTH deep.
 *
 * What this cannot see (values built from data: a list comprehension over a
 * collect() of a million rows) is left to Neo4j's memory limits and timeout,
 * the byte budget of the answer (run.ts) and the supervisor that restarts a
 * local Neo4j that died (neo4j/supervisor.ts). See docs/limits.md.
 */
import type { Config } from '../../config.ts';
import { lexCypher, type Token } from './lex.ts';
import { regexRefusal } from './regex.ts';
import { evalConst, findTopLevel, isFunctionName, isName, isPunct, isWord, matchBrackets, paramName, splitArgs, type ConstValue } from './tokens.ts';
import { growthRefusal } from './growth.ts';

export interface CostRefusal {
  message: string;
  /** The setting that bounds it, when one does. */
  details?: { limit: string; max: number; actual: number };
}

type Limits = Pick<Config, 'QUERY_MAX_LENGTH' | 'QUERY_MAX_TOKENS' | 'QUERY_MAX_DEPTH' | 'QUERY_MAX_LIST' | 'QUERY_MAX_PARAM_SIZE'>;

/** `<what> <actual> <unit>; at most <max> are allowed (<limit>)<hint>`, with the numbers in `details`. */
const over = (what: string, actual: number, unit: string, max: number, limit: string, hint = ''): CostRefusal => {
  const n = (x: number) => x.toLocaleString('en-US');
  return { message: `${what} ${n(actual)} ${unit}; at most ${n(max)} are allowed (${limit})${hint}`, details: { limit, max, actual } };
};

/** Query options a query may set (`CYPHER runtime=slotted ...`); the dp planner plans in exponential time. */
const ALLOWED_OPTIONS: Record<string, string[]> = {
  runtime: ['slotted', 'interpreted', 'legacy'],
  planner: ['cost', 'idp'],
  expressionengine: ['interpreted', 'compiled', 'default'],
};

function optionsRefusal(tokens: Token[]): CostRefusal | null {
  let i = 0;
  while (isWord(tokens[i], 'CYPHER')) {
    i++;
    while (tokens[i]?.kind === 'word' && /^\d/.test(tokens[i]!.text)) i += isPunct(tokens[i + 1], '.') ? 3 : 1;
    while (isName(tokens[i]) && isPunct(tokens[i + 1], '=')) {
      const key = tokens[i]!.text.toLowerCase();
      const value = (tokens[i + 2]?.text ?? '').toLowerCase();
      if (!ALLOWED_OPTIONS[key]?.includes(value)) {
        const allowed = Object.entries(ALLOWED_OPTIONS).map(([k, vs]) => `${k}=${vs.join('|')}`).join(', ');
        return { message: `the query option ${tokens[i]!.text}=${tokens[i + 2]?.text ?? ''} is not allowed; allowed: ${allowed}` };
      }
      i += 3;
    }
  }
  return null;
}

/** Words before which `-` / `+` is a sign, not an operator. */
const BEFORE_OPERAND = new Set(['AND', 'OR', 'XOR', 'NOT', 'RETURN', 'WITH', 'WHERE', 'WHEN', 'THEN', 'ELSE', 'IN', 'IS', 'UNWIND', 'CASE', 'CONTAINS', 'STARTS', 'ENDS', 'SKIP', 'LIMIT', 'BY']);

function isPrefixOperator(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (isWord(t, 'NOT')) return true;
  if (!isPunct(t, '-', '+')) return false;
  const prev = tokens[i - 1];
  if (!prev) return true;
  if (prev.kind === 'punct') return !isPunct(prev, ')', ']', '}');
  return prev.kind === 'word' && BEFORE_OPERAND.has(prev.upper);
}

/** The deepest nesting: brackets, CASE ... END, and runs of NOT / unary minus (each a level for the parser). */
export function nestingDepth(tokens: Token[]): number {
  let depth = 0;
  let max = 0;
  let run = 0;
  let cases = 0;
  tokens.forEach((t, i) => {
    if (isPrefixOperator(tokens, i)) {
      run++;
      max = Math.max(max, depth + run);
      return;
    }
    run = 0;
    if (isPunct(t, '(', '[', '{') || isWord(t, 'CASE')) {
      if (t.kind === 'word') cases++;
      depth++;
    } else if (isPunct(t, ')', ']', '}') || (isWord(t, 'END') && cases > 0)) {
      if (t.kind === 'word') cases--;
      depth = Math.max(0, depth - 1);
    }
    max = Math.max(max, depth);
  });
  return max;
}

function shapeRefusal(query: string, tokens: Token[], limits: Limits): CostRefusal | null {
  if (query.length > limits.QUERY_MAX_LENGTH) return over('the query has', query.length, 'characters', limits.QUERY_MAX_LENGTH, 'QUERY_MAX_LENGTH');
  const depth = nestingDepth(tokens);
  if (depth > limits.QUERY_MAX_DEPTH) return over('the query nests expressions', depth, 'levels deep', limits.QUERY_MAX_DEPTH, 'QUERY_MAX_DEPTH');
  if (tokens.length > limits.QUERY_MAX_TOKENS) {
    return over('the query has', tokens.length, 'tokens (words, numbers, strings, operators)', limits.QUERY_MAX_TOKENS, 'QUERY_MAX_TOKENS', '; pass long lists as parameters ($ids) rather than literals');
  }
  return optionsRefusal(tokens);
}

// ---- lists ------------------------------------------------------------------

/** A range() call: its span and size (a number, `data` when bounded by size(), undefined when unknown). */
interface RangeCall {
  at: number;
  end: number;
  size: ConstValue;
  /** `UNWIND range(...) AS x`: streamed row by row, stopped at the timeout. */
  streamed: boolean;
}

function rangeCalls(tokens: Token[], match: number[], params: Record<string, unknown>): RangeCall[] {
  const out: RangeCall[] = [];
  tokens.forEach((t, i) => {
    if (!isFunctionName(t, 'RANGE') || !isPunct(tokens[i + 1], '(') || isPunct(tokens[i - 1], '.', ':') || match[i + 1]! < 0) return;
    const end = match[i + 1]!;
    const [start, stop, step] = splitArgs(tokens, match, i + 2, end).map(([a, b]) => evalConst(tokens, match, a, b, params));
    let size: ConstValue;
    const stepValue = step === undefined && splitArgs(tokens, match, i + 2, end).length < 3 ? 1 : step;
    if (typeof start === 'number' && typeof stop === 'number' && typeof stepValue === 'number') {
      size = stepValue === 0 ? 0 : Math.max(0, Math.floor((stop - start) / stepValue) + 1);
    } else if (typeof start === 'number' && stop === 'data' && stepValue !== undefined && stepValue !== 'data') size = 'data';
    out.push({ at: i, end, size, streamed: isWord(tokens[i - 1], 'UNWIND') && isWord(tokens[end + 1], 'AS') });
  });
  return out;
}

/** An iteration: a list comprehension, any/all/none/single or reduce, with its span and the size of what it walks. */
interface Iteration {
  open: number;
  close: number;
  size: number;
  reduce?: { acc: string; stepFrom: number };
}

function sourceSize(tokens: Token[], match: number[], from: number, to: number, params: Record<string, unknown>, ranges: RangeCall[]): number {
  const t = tokens[from];
  if (!t) return 1;
  if (to === from + 1 && t.kind === 'param') {
    const v = params[paramName(t)];
    return Array.isArray(v) ? v.length : 1;
  }
  if (isFunctionName(t, 'RANGE') && match[from + 1] === to - 1) {
    const r = ranges.find((x) => x.at === from);
    return typeof r?.size === 'number' ? r.size : 1;
  }
  if (isPunct(t, '[') && match[from] === to - 1 && !isWord(tokens[from + 2], 'IN')) return splitArgs(tokens, match, from + 1, to - 1).length;
  return 1; // data: bounded by what Neo4j tracks, not by these checks
}

function iterations(tokens: Token[], match: number[], params: Record<string, unknown>, ranges: RangeCall[]): Iteration[] {
  const out: Iteration[] = [];
  const sourceEnd = (from: number, close: number) => findTopLevel(tokens, match, from, close, (x) => isWord(x, 'WHERE') || isPunct(x, '|'));
  tokens.forEach((t, i) => {
    if (isPunct(t, '[') && match[i]! > i && isName(tokens[i + 1]) && isWord(tokens[i + 2], 'IN')) {
      const close = match[i]!;
      out.push({ open: i, close, size: sourceSize(tokens, match, i + 3, sourceEnd(i + 3, close), params, ranges) });
    } else if (isFunctionName(t, 'ANY', 'ALL', 'NONE', 'SINGLE') && isPunct(tokens[i + 1], '(') && isName(tokens[i + 2]) && isWord(tokens[i + 3], 'IN')) {
      const close = match[i + 1]!;
      if (close > i) out.push({ open: i + 1, close, size: sourceSize(tokens, match, i + 4, sourceEnd(i + 4, close), params, ranges) });
    } else if (isFunctionName(t, 'REDUCE') && isPunct(tokens[i + 1], '(') && isName(tokens[i + 2]) && isPunct(tokens[i + 3], '=') && match[i + 1]! > i) {
      const close = match[i + 1]!;
      const comma = findTopLevel(tokens, match, i + 4, close, (x) => isPunct(x, ','));
      if (!isName(tokens[comma + 1]) || !isWord(tokens[comma + 2], 'IN')) return;
      const bar = findTopLevel(tokens, match, comma + 3, close, (x) => isPunct(x, '|'));
      out.push({ open: i + 1, close, size: sourceSize(tokens, match, comma + 3, bar, params, ranges), reduce: { acc: tokens[i + 2]!.text, stepFrom: bar + 1 } });
    }
  });
  return out;
}

function listRefusal(tokens: Token[], match: number[], params: Record<string, unknown>, limits: Limits): CostRefusal | null {
  const max = limits.QUERY_MAX_LIST;
  const ranges = rangeCalls(tokens, match, params);
  for (const r of ranges) {
    if (r.streamed) continue;
    if (r.size === undefined) {
      return { message: 'range() outside `UNWIND range(...) AS x` needs bounds made of numbers and parameters (or size(...) of a list), so that its size is known; UNWIND streams any range' };
    }
    if (typeof r.size === 'number' && r.size > max) {
      return over('range() here would build a list of', r.size, 'elements', max, 'QUERY_MAX_LIST', '; UNWIND range(...) AS x streams instead');
    }
  }
  const its = iterations(tokens, match, params, ranges);
  for (const it of its) {
    const enclosing = its.filter((o) => o !== it && o.open < it.open && it.close < o.close);
    const product = enclosing.reduce((p, o) => p * o.size, it.size);
    if (product > max) return over('nested iterations over lists would take', product, 'steps', max, 'QUERY_MAX_LIST');
    if (it.reduce) {
      const literal = tokens.slice(it.reduce.stepFrom, it.close).reduce((n, t) => n + (t.kind === 'string' ? t.text.length : t.kind === 'param' && typeof params[paramName(t)] === 'string' ? (params[paramName(t)] as string).length : 0), 0);
      const cost = product * (1 + literal);
      if (cost > max) return over(`reduce() over ${product} items, adding up to ${1 + literal} characters a step, would build`, cost, 'characters', max, 'QUERY_MAX_LIST');
    }
  }
  return growthRefusal(tokens, match, params, its.flatMap((it) => (it.reduce ? [{ ...it.reduce, close: it.close, steps: it.size }] : [])));
}

// ---- regular expressions and parameters -----------------------------------------

async function regexesRefusal(tokens: Token[], params: Record<string, unknown>): Promise<CostRefusal | null> {
  for (let i = 0; i + 2 < tokens.length + 1; i++) {
    if (!isPunct(tokens[i], '=') || !isPunct(tokens[i + 1], '~')) continue;
    const p = tokens[i + 2];
    let pattern: string | undefined;
    if (p?.kind === 'string') pattern = p.text;
    else if (p?.kind === 'param') {
      const v = params[paramName(p)];
      if (typeof v !== 'string') return { message: `the pattern parameter ${p.text} of =~ must be a string` };
      pattern = v;
    }
    if (pattern === undefined) return { message: 'the right side of =~ must be a string literal or a parameter, so that the pattern can be checked' };
    const why = await regexRefusal(pattern);
    if (why) return { message: why };
  }
  return null;
}

/** Why a parameter value is too big, or null. */
export function paramsRefusal(params: Record<string, unknown>, limits: Pick<Config, 'QUERY_MAX_PARAM_SIZE' | 'QUERY_MAX_DEPTH'>): CostRefusal | null {
  const max = limits.QUERY_MAX_PARAM_SIZE;
  const visit = (v: unknown, where: string, depth: number): CostRefusal | null => {
    if (depth > limits.QUERY_MAX_DEPTH) return over(`parameter ${where} nests values`, depth, 'levels deep', limits.QUERY_MAX_DEPTH, 'QUERY_MAX_DEPTH');
    if (typeof v === 'string') return v.length > max ? over(`parameter ${where} is a string of`, v.length, 'characters', max, 'QUERY_MAX_PARAM_SIZE') : null;
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : v && typeof v === 'object' ? Object.entries(v) : [];
    if (entries.length > max) return over(`parameter ${where} holds`, entries.length, 'items', max, 'QUERY_MAX_PARAM_SIZE');
    for (const [k, x] of entries) {
      const r = visit(x, Array.isArray(v) ? `${where}[${k}]` : `${where}.${k}`, depth + 1);
      if (r) return r;
    }
    return null;
  };
  for (const [k, v] of Object.entries(params)) {
    const r = visit(v, `$${k}`, 1);
    if (r) return r;
  }
  return null;
}

/**
 * Why `query` with `params` would cost more than the limits allow, or null.
 * Runs on every request (the verdict cache keys on the text only).
 *
 * @example
 *   const why = await costRefusal('RETURN size([x IN range(1, 100000000) | x])', {}, config);
 *   // { message: 'range() here would build a list of 100,000,000 elements; at most 100,000 ...' }
 */
export async function costRefusal(query: string, params: Record<string, unknown> | undefined, limits: Limits): Promise<CostRefusal | null> {
  const p = params ?? {};
  const tokens = lexCypher(query.length > limits.QUERY_MAX_LENGTH ? '' : query);
  const refusal = shapeRefusal(query, tokens, limits) ?? paramsRefusal(p, limits) ?? listRefusal(tokens, matchBrackets(tokens), p, limits);
  return refusal ?? regexesRefusal(tokens, p);
}
