/**
 * The Cypher lexer of the text checks (text-checks.ts): tokens with strings,
 * backticked names and parameters kept whole and comments dropped, after
 * `\uXXXX` escapes are decoded, so none of them hides or fakes a keyword.
 */

/**
 * Replaces `\uXXXX` escapes (a backslash not itself escaped) by their
 * character. Neo4j 5 decodes them even in identifiers (`CALL db.\u0063reateLabel()`
 * names db.createLabel) and a `\u0027` ends a string literal, so the text
 * checks look at the decoded text.
 */
export function decodeUnicodeEscapes(text: string): string {
  return text.replace(/(\\+)u+([0-9a-fA-F]{4})/g, (all, slashes: string, hex: string) =>
    slashes.length % 2 === 1 ? slashes.slice(1) + String.fromCharCode(parseInt(hex, 16)) : all,
  );
}

export type TokenKind = 'word' | 'quoted' | 'string' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Words as written; quoted names without their backticks; strings without their quotes. */
  text: string;
  /** `text` upper-cased (for keyword comparison). */
  upper: string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u;

/**
 * Splits Cypher text into tokens, dropping whitespace and comments. Strings,
 * backticked names and parameters are single tokens, so nothing inside them
 * is read as a keyword. Unterminated strings and comments run to the end
 * (Neo4j then reports a syntax error).
 */
export function lexCypher(source: string): Token[] {
  const text = decodeUnicodeEscapes(source);
  const tokens: Token[] = [];
  const push = (kind: TokenKind, t: string) => tokens.push({ kind, text: t, upper: t.toUpperCase() });
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < n) {
          s += text[j + 1];
          j += 2;
        } else {
          s += text[j];
          j++;
        }
      }
      push('string', s);
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      let s = '';
      while (j < n) {
        if (text[j] === '`') {
          if (text[j + 1] === '`') {
            s += '`';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j];
        j++;
      }
      push('quoted', s);
      i = j + 1;
    } else if (c === '$') {
      let j = i + 1;
      if (text[j] === '`') {
        const end = text.indexOf('`', j + 1);
        j = end < 0 ? n : end + 1;
      } else {
        while (j < n && WORD_CHAR.test(text[j]!)) j++;
      }
      push('param', text.slice(i, j));
      i = j;
    } else if (WORD_CHAR.test(c)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(text[j]!)) j++;
      push('word', text.slice(i, j));
      i = j;
    } else {
      push('punct', c);
      i++;
    }
  }
  return tokens;
}
