/**
 * Growth of values inside a query (part of the cost checks, cost.ts): Neo4j
 * does not count the memory of strings and lists built in an expression, and
 * thirty `WITH s + s AS s` (1 GB) kill the JVM in seconds. A value's size can
 * only multiply where it is combined with itself (`s + s`, `[l, l]`, or
 * `WITH a + b AS a, a AS b`, which grows like Fibonacci) or by replace() with
 * a longer replacement; every other operation adds at most what the query
 * text or a parameter holds. So:
 *
 * - a projection (the items of one WITH or RETURN) in which a variable is
 *   used as a value more than once multiplies by that count; replace() by
 *   its replacement's length over its search string's; a replace() in a
 *   reduce() step by that to the power of the steps; the product over the
 *   query must stay within GROWTH_MAX;
 * - a reduce() step may not use its accumulator twice (2^steps);
 * - replace() takes its replacement as a string literal or parameter.
 *
 * "Used as a value" leaves out what cannot carry a value's size further:
 * property access and indexing (`s.x`, `l[0]`), comparisons and boolean
 * operands (`s = 'x'`, `x IS NULL`, `WHEN x`), arithmetic other than `+`
 * (`x * 2`), and the argument of a function that returns something small
 * (size, count, toInteger, head...). `RETURN x, x + 1` counts 2: allowed.
 */
import type { Token } from './lex.ts';
import type { CostRefusal } from './cost.ts';
import { isFunctionName, isName, isPunct, isWord, paramName, splitArgs } from './tokens.ts';

/** Largest factor by which the query may multiply a value's size (64: six doublings). */
export const GROWTH_MAX = 64;

const CLAUSE = new Set([
  'WHERE', 'ORDER', 'SKIP', 'LIMIT', 'OFFSET', 'WITH', 'RETURN', 'MATCH', 'OPTIONAL', 'UNWIND', 'CALL', 'UNION', 'CREATE',
  'MERGE', 'SET', 'DELETE', 'DETACH', 'REMOVE', 'FOREACH', 'LOAD', 'FINISH', 'USE', 'YIELD',
]);
/** Functions whose result does not carry the size of their argument. */
const SMALL_RESULT = new Set([
  'size', 'length', 'count', 'exists', 'isempty', 'tointeger', 'tofloat', 'toboolean', 'tointegerornull', 'tofloatornull',
  'tobooleanornull', 'valuetype', 'type', 'id', 'elementid', 'labels', 'keys', 'head', 'last', 'left', 'right', 'substring',
  'min', 'max', 'avg', 'sum', 'stdev', 'stdevp', 'percentilecont', 'percentiledisc', 'sign', 'abs', 'isnan', 'startnode',
  'endnode', 'nodes', 'relationships', 'properties', 'timestamp', 'char_length', 'character_length',
]);
const NOT_A_VALUE_BEFORE = new Set(['IS', 'IN', 'CONTAINS', 'STARTS', 'ENDS', 'AND', 'OR', 'XOR']);
const NOT_A_VALUE_AFTER = new Set(['IN', 'CONTAINS', 'AND', 'OR', 'XOR', 'NOT', 'WHEN', 'WHERE', 'AS']);

export interface ReduceStep {
  acc: string;
  stepFrom: number;
  close: number;
  steps: number;
}

/** Whether tokens[k], a name, is used there as a value that can carry its size into the result. */
function carriesValue(tokens: Token[], k: number): boolean {
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (isPunct(prev, '.', ':', '$', '=', '<', '>', '~', '-', '*', '/', '%', '^')) return false;
  if (isPunct(next, '.', '(', '[', ':', '=', '<', '>', '-', '*', '/', '%', '^')) return false;
  if (prev?.kind === 'word' && NOT_A_VALUE_AFTER.has(prev.upper)) return false;
  if (next?.kind === 'word' && NOT_A_VALUE_BEFORE.has(next.upper)) return false;
  const fn = tokens[k - 2];
  if (isPunct(prev, '(') && fn?.kind === 'word' && SMALL_RESULT.has(fn.text.toLowerCase())) return false;
  return true;
}

/** Names bound by the query: `AS x`, iteration variables, reduce accumulators. */
function boundNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((t, i) => {
    if (isWord(t, 'AS') && isName(tokens[i + 1])) names.add(tokens[i + 1]!.text);
    if (isName(t) && (isWord(tokens[i + 1], 'IN') || isPunct(tokens[i + 1], '=')) && isPunct(tokens[i - 1], '(', '[', ',')) names.add(t.text);
  });
  return names;
}

/** How often each bound name carries its value in tokens[from, to). */
function valueUses(tokens: Token[], from: number, to: number, names: Set<string>): Map<string, number> {
  const uses = new Map<string, number>();
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (!isName(t) || !names.has(t.text) || isWord(tokens[k - 1], 'AS') || !carriesValue(tokens, k)) continue;
    uses.set(t.text, (uses.get(t.text) ?? 0) + 1);
  }
  return uses;
}

/** Depth of bracket nesting before each token. */
function depths(tokens: Token[]): number[] {
  let d = 0;
  return tokens.map((t) => {
    if (isPunct(t, ')', ']', '}')) d = Math.max(0, d - 1);
    const here = d;
    if (isPunct(t, '(', '[', '{')) d++;
    return here;
  });
}

/** The factor of each WITH / RETURN projection that combines a variable with itself. */
function projectionFactors(tokens: Token[], names: Set<string>): { factor: number; name: string }[] {
  const depth = depths(tokens);
  const out: { factor: number; name: string }[] = [];
  tokens.forEach((t, i) => {
    if (!isWord(t, 'WITH', 'RETURN') || isPunct(tokens[i - 1], '.', ':') || isWord(tokens[i - 1], 'STARTS', 'ENDS')) return;
    let end = i + 1;
    while (end < tokens.length && !(depth[end]! < depth[i]!) && !(depth[end] === depth[i] && tokens[end]!.kind === 'word' && CLAUSE.has(tokens[end]!.upper))) end++;
    for (const [name, n] of valueUses(tokens, i + 1, end, names)) if (n >= 2) out.push({ factor: n, name });
  });
  return out;
}

function literalLength(tokens: Token[], from: number, to: number, params: Record<string, unknown>): number | undefined {
  if (to !== from + 1) return undefined;
  const t = tokens[from]!;
  if (t.kind === 'string') return t.text.length;
  const v = t.kind === 'param' ? params[paramName(t)] : undefined;
  return typeof v === 'string' ? v.length : undefined;
}

/** The growth factor of each replace() call, or a refusal when its replacement is not a literal or parameter. */
function replaceFactors(tokens: Token[], match: number[], params: Record<string, unknown>, reduces: ReduceStep[]): number[] | CostRefusal {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isFunctionName(tokens[i], 'REPLACE') || !isPunct(tokens[i + 1], '(') || isPunct(tokens[i - 1], '.') || match[i + 1]! < 0) continue;
    const args = splitArgs(tokens, match, i + 2, match[i + 1]!);
    if (args.length !== 3) continue;
    const replacement = literalLength(tokens, args[2]![0], args[2]![1], params);
    if (replacement === undefined) return { message: 'replace() needs its replacement as a string literal or a parameter (a computed one can square a string at every step)' };
    const search = literalLength(tokens, args[1]![0], args[1]![1], params) ?? 1;
    let factor = search === 0 ? replacement + 1 : Math.max(1, Math.ceil(replacement / search));
    for (const r of reduces) if (r.stepFrom <= i && i < r.close) factor = Math.min(Number.MAX_SAFE_INTEGER, factor ** r.steps);
    if (factor > 1) out.push(factor);
  }
  return out;
}

/**
 * Why the values of the query could grow beyond GROWTH_MAX times what the
 * text and parameters hold, or null. `reduces` are the reduce() steps found
 * by cost.ts.
 */
export function growthRefusal(tokens: Token[], match: number[], params: Record<string, unknown>, reduces: ReduceStep[]): CostRefusal | null {
  const names = boundNames(tokens);
  for (const r of reduces) {
    const uses = valueUses(tokens, r.stepFrom, r.close, new Set([r.acc])).get(r.acc) ?? 0;
    if (uses >= 2) {
      return { message: `reduce() uses its accumulator ${r.acc} ${uses} times in one step, which can double it at every step (2^${r.steps}); use it once` };
    }
  }
  const replaces = replaceFactors(tokens, match, params, reduces);
  if (!Array.isArray(replaces)) return replaces;
  const projections = projectionFactors(tokens, names);
  let growth = 1;
  for (const f of [...replaces, ...projections.map((p) => p.factor)]) growth = Math.min(Number.MAX_SAFE_INTEGER, growth * f);
  if (growth <= GROWTH_MAX) return null;
  const example = projections[0] ? `${projections[0].name} is combined with itself in ${projections.length} projection(s)` : 'replace() lengthens strings';
  const times = growth >= Number.MAX_SAFE_INTEGER ? 'without bound' : `${growth.toLocaleString('en-US')} times`;
  return { message: `the query can multiply the size of a value ${times} (${example}); at most ${GROWTH_MAX} times is allowed, as Neo4j does not count the memory of such values` };
}
