/**
 * Helpers over lexed Cypher (lex.ts) for the cost checks (cost.ts): bracket
 * matching, top-level argument splitting and a small evaluator of constant
 * integer expressions (literals, parameters and arithmetic), enough to know
 * the size of `range(1, 10^6)` or `range(0, $n)` before Neo4j runs it.
 */
import type { Token } from './lex.ts';

export const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && (words.length === 0 || words.includes(t.upper));
export const isName = (t: Token | undefined): boolean => t?.kind === 'word' || t?.kind === 'quoted';
/** A function name as written or backticked (`` `range`(1, 10) `` calls range too), compared without case. */
export const isFunctionName = (t: Token | undefined, ...names: string[]): boolean => isName(t) && names.includes(t!.upper);
export const isPunct = (t: Token | undefined, ...ps: string[]): boolean => t?.kind === 'punct' && ps.includes(t.text);

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** For each opening bracket, the index of its closing bracket (-1 when unbalanced); other tokens -1. */
export function matchBrackets(tokens: Token[]): number[] {
  const match = new Array<number>(tokens.length).fill(-1);
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (OPEN[t.text]) stack.push(i);
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      const open = stack.at(-1);
      if (open !== undefined && OPEN[tokens[open]!.text] === t.text) {
        stack.pop();
        match[open] = i;
      }
    }
  });
  return match;
}

/** The index after the expression piece starting at `i` that ends before `end`: skips bracket groups. */
function skipGroup(match: number[], i: number): number {
  return match[i]! > i ? match[i]! + 1 : i + 1;
}

/** Splits tokens[from, to) at top-level commas: [start, end) pairs. */
export function splitArgs(tokens: Token[], match: number[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  for (let i = from; i < to; ) {
    if (isPunct(tokens[i], ',')) {
      out.push([start, i]);
      start = i + 1;
      i++;
    } else i = skipGroup(match, i);
  }
  if (to > from) out.push([start, to]);
  return out;
}

/** The index of the first top-level token in [from, to) for which `stop` holds, else `to`. */
export function findTopLevel(tokens: Token[], match: number[], from: number, to: number, stop: (t: Token) => boolean): number {
  for (let i = from; i < to; ) {
    if (stop(tokens[i]!)) return i;
    i = skipGroup(match, i);
  }
  return to;
}

/** A parameter token's name (`$n`, `` $`my n` ``). */
export function paramName(t: Token): string {
  return t.text.slice(1).replace(/^`|`$/g, '');
}

/** A constant's value: a number, `data` (bounded by the size of data: `size(list)` plus or minus a constant) or unknown. */
export type ConstValue = number | 'data' | undefined;

const INTEGER = /^(?:0x[0-9a-f]+|0o[0-7]+|\d+(?:e\d+)?)$/i;

function literalNumber(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  if (/^0o/i.test(text)) return parseInt(text.slice(2), 8);
  return Number(text);
}

/**
 * Evaluates tokens[from, to) as an integer expression of literals,
 * parameters (their values from `params`), `+ - * / % ^`, brackets,
 * toInteger() and size()/length() (the latter as `data`). Anything else is
 * undefined (unknown).
 */
export function evalConst(tokens: Token[], match: number[], from: number, to: number, params: Record<string, unknown>): ConstValue {
  let i = from;
  const peek = () => (i < to ? tokens[i] : undefined);
  const combine = (a: ConstValue, op: string, b: ConstValue): ConstValue => {
    if (a === undefined || b === undefined) return undefined;
    if (a === 'data' || b === 'data') return (op === '+' || op === '-') && (a === 'data') !== (b === 'data') ? 'data' : undefined;
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? undefined : Math.trunc(a / b);
      case '%': return b === 0 ? undefined : a % b;
      default: return a ** b;
    }
  };
  const atom = (): ConstValue => {
    const t = peek();
    if (!t) return undefined;
    if (isPunct(t, '-', '+')) {
      i++;
      const v = power();
      return t.text === '-' ? combine(0, '-', v) : v;
    }
    if (isPunct(t, '(') && match[i]! > i) {
      const end = match[i]!;
      const v = evalConst(tokens, match, i + 1, end, params);
      i = end + 1;
      return v;
    }
    if (t.kind === 'param') {
      i++;
      const v = params[paramName(t)];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    }
    if (t.kind === 'word' && isPunct(tokens[i + 1], '(') && match[i + 1]! > i + 1) {
      const start = i + 2;
      const end = match[i + 1]!;
      const fn = t.text.toLowerCase();
      i = end + 1;
      if (fn === 'size' || fn === 'length') return 'data';
      if (fn === 'tointeger') return evalConst(tokens, match, start, end, params);
      return undefined;
    }
    if (t.kind === 'word') {
      const n = literalNumber(t.text);
      i++;
      return n;
    }
    i++;
    return undefined;
  };
  const power = (): ConstValue => {
    const base = atom();
    if (isPunct(peek(), '^')) {
      i++;
      return combine(base, '^', power());
    }
    return base;
  };
  const term = (): ConstValue => {
    let v = power();
    while (isPunct(peek(), '*', '/', '%')) {
      const op = peek()!.text;
      i++;
      v = combine(v, op, power());
    }
    return v;
  };
  let v = term();
  while (isPunct(peek(), '+', '-')) {
    const op = peek()!.text;
    i++;
    v = combine(v, op, term());
  }
  return i === to ? v : undefined;
}
