/**
 * The text checks of safe Cypher (the first layer; fast, with clear
 * messages, but not the guarantee, which is the plan check): one statement
 * only; no EXPLAIN/PROFILE prefix; no USE clause; no LOAD CSV; no
 * `CALL { } IN TRANSACTIONS`; CALL only of the procedures in
 * ALLOWED_PROCEDURES; no apoc/dbms/genai/gds functions; no schema,
 * administration, SHOW (other than SHOW INDEXES and SHOW CONSTRAINTS) or
 * TERMINATE commands. They read the lexed text (lex.ts).
 */
import { lexCypher, type Token } from './lex.ts';
import { isAllowedProcedure, procedureRefusal } from './plan.ts';

const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.kind === 'word' && (words.length === 0 || words.includes(t.upper));
const isName = (t: Token | undefined): boolean => t?.kind === 'word' || t?.kind === 'quoted';
const isPunct = (t: Token | undefined, p: string): boolean => t?.kind === 'punct' && t.text === p;

/** Reads a dotted name (`db.index.fulltext.queryNodes`, backticked parts allowed) starting at tokens[i]. */
function readDottedName(tokens: Token[], i: number): { name: string; parts: number; next: number } | undefined {
  if (!isName(tokens[i])) return undefined;
  const parts: string[] = [tokens[i]!.text];
  let j = i + 1;
  while (isPunct(tokens[j], '.') && isName(tokens[j + 1])) {
    parts.push(tokens[j + 1]!.text);
    j += 2;
  }
  // A backticked part may itself hold dots (`db.labels`): split so the check sees every part.
  const flat = parts.flatMap((p) => p.split('.'));
  return { name: flat.join('.'), parts: flat.length, next: j };
}

/** Words after which a name cannot start a USE clause or a procedure name (the name is a variable). */
const AFTER_EXPRESSION = new Set([
  'AND', 'OR', 'XOR', 'NOT', 'IN', 'IS', 'STARTS', 'ENDS', 'CONTAINS', 'AS', 'ORDER', 'SKIP', 'OFFSET', 'LIMIT',
  'WHERE', 'RETURN', 'WITH', 'MATCH', 'OPTIONAL', 'UNWIND', 'CALL', 'UNION', 'CREATE', 'MERGE', 'SET', 'DELETE',
  'DETACH', 'NODETACH', 'REMOVE', 'FOREACH', 'YIELD', 'ASC', 'DESC', 'ASCENDING', 'DESCENDING', 'THEN', 'ELSE',
  'END', 'WHEN', 'FINISH', 'LOAD', 'USE', 'INSERT',
]);

/** Namespaces whose functions and procedures are refused wherever they appear. */
const FORBIDDEN_NAMESPACES = new Map<string, string>([
  ['apoc', 'APOC procedures and functions are not allowed'],
  ['dbms', 'dbms procedures and functions are not allowed'],
  ['genai', 'genai functions and procedures are not allowed (they reach the network)'],
  ['gds', 'Graph Data Science procedures are not allowed'],
]);

const INDEX_OR_CONSTRAINT = new Set([
  'INDEX', 'INDEXES', 'CONSTRAINT', 'CONSTRAINTS', 'RANGE', 'TEXT', 'POINT', 'LOOKUP', 'FULLTEXT', 'VECTOR', 'BTREE',
]);

/** First words of schema and administration commands (Neo4j 5 and Enterprise). */
const ADMIN_START = new Set([
  'DROP', 'ALTER', 'RENAME', 'GRANT', 'DENY', 'REVOKE', 'START', 'STOP', 'ENABLE', 'DEALLOCATE', 'REALLOCATE', 'DRYRUN',
]);

/** Words of `CREATE <word>` that make it a schema or administration command rather than a pattern. */
const CREATE_ADMIN = new Set([
  ...INDEX_OR_CONSTRAINT, 'OR', 'USER', 'ROLE', 'DATABASE', 'COMPOSITE', 'ALIAS', 'SERVER', 'IMMUTABLE', 'PRIVILEGE',
]);

/** The command's leading words (`SHOW TRANSACTIONS`, `CREATE USER`), at most `count`. */
function commandWords(tokens: Token[], start: number, count: number): string {
  const words: string[] = [];
  for (let k = start; k < tokens.length && words.length < count; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || (k > start && ['YIELD', 'WHERE', 'RETURN', 'SET', 'IF', 'FOR', 'TO', 'FROM', 'ON'].includes(t.upper))) break;
    words.push(t.text);
  }
  return words.join(' ');
}

/** Index of the first token after the query options prefix: CYPHER [version] [key=value ...], possibly repeated. */
function afterOptions(tokens: Token[]): number {
  let i = 0;
  while (isWord(tokens[i], 'CYPHER')) {
    i++;
    if (tokens[i]?.kind === 'word' && /^\d/.test(tokens[i]!.text)) {
      i++;
      while (isPunct(tokens[i], '.') && tokens[i + 1]?.kind === 'word' && /^\d/.test(tokens[i + 1]!.text)) i += 2;
    }
    while (isName(tokens[i]) && isPunct(tokens[i + 1], '=') && (isName(tokens[i + 2]) || tokens[i + 2]?.kind === 'string')) i += 3;
  }
  return i;
}

/** Why the command starting at tokens[i] (SHOW, TERMINATE, schema and administration commands) is refused, or null. */
function commandRefusal(tokens: Token[], i: number): string | null {
  const first = tokens[i];
  if (isWord(first, 'SHOW')) {
    let j = i + 1;
    while (j < i + 6 && isWord(tokens[j]) && !isWord(tokens[j], 'INDEX', 'INDEXES', 'CONSTRAINT', 'CONSTRAINTS', 'YIELD', 'WHERE')) j++;
    if (!isWord(tokens[j], 'INDEX', 'INDEXES', 'CONSTRAINT', 'CONSTRAINTS')) {
      return `${commandWords(tokens, i, 3)} is not allowed; of the SHOW commands only SHOW INDEXES and SHOW CONSTRAINTS are`;
    }
  } else if (isWord(first, 'TERMINATE')) {
    return `${commandWords(tokens, i, 2)} is not allowed`;
  } else if (isWord(first) && (ADMIN_START.has(first!.upper) || (first!.upper === 'CREATE' && isWord(tokens[i + 1]) && CREATE_ADMIN.has(tokens[i + 1]!.upper)))) {
    const words = commandWords(tokens, i, 3);
    const schema = tokens.slice(i + 1, i + 4).some((t) => isWord(t) && INDEX_OR_CONSTRAINT.has(t.upper));
    return schema ? `index and constraint commands are not allowed (${words})` : `administration commands are not allowed (${words})`;
  }
  return null;
}

/** Why the word at tokens[k] (a keyword or a namespace anywhere in the query) is refused, or null. */
function wordRefusal(tokens: Token[], k: number): string | null {
  const t = tokens[k]!;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  // A property (`n.apoc`) is neither a keyword nor a namespace.
  if (isPunct(prev, '.')) return null;

  const forbidden = FORBIDDEN_NAMESPACES.get(t.text.toLowerCase());
  if (forbidden && isPunct(next, '.')) {
    const name = readDottedName(tokens, k);
    if (name && isPunct(tokens[name.next], '(')) return `${forbidden} (${name.name})`;
  }

  // A label (`:Call`) or an alias (`AS load`) is not a keyword.
  if (isPunct(prev, ':') || isWord(prev, 'AS')) return null;

  if (t.upper === 'USE' && isName(next) && !(next!.kind === 'word' && AFTER_EXPRESSION.has(next!.upper))) {
    return 'USE clauses are not allowed: queries run on the configured database';
  }
  if (t.upper === 'LOAD' && isWord(next, 'CSV')) return 'LOAD CSV is not allowed';
  if ((t.upper === 'SHOW' || t.upper === 'TERMINATE') && isWord(next, 'TRANSACTION', 'TRANSACTIONS')) {
    return `${t.upper} TRANSACTIONS is not allowed`;
  }
  if (t.upper === 'IN' && isPunct(prev, '}')) {
    for (let j = k + 1; j < Math.min(tokens.length, k + 64); j++) {
      if (isWord(tokens[j], 'TRANSACTION', 'TRANSACTIONS')) return 'CALL { } IN TRANSACTIONS is not allowed';
      if (isPunct(tokens[j], '{') || isPunct(tokens[j], '}')) break;
    }
  }
  if (t.upper === 'CALL') {
    const name = readDottedName(tokens, k + 1);
    if (name && (name.parts > 1 || isPunct(tokens[name.next], '('))) {
      if (!(name.parts === 1 && AFTER_EXPRESSION.has(name.name.toUpperCase()))) {
        if (!isAllowedProcedure(name.name)) return procedureRefusal(name.name);
      }
    }
  }
  return null;
}

/** Why the backticked name at tokens[k] (`apoc`.`load`.json(...)) is refused, or null. */
function quotedNamespaceRefusal(tokens: Token[], k: number): string | null {
  if (isPunct(tokens[k - 1], '.')) return null;
  const name = readDottedName(tokens, k);
  const forbidden = FORBIDDEN_NAMESPACES.get(name?.name.split('.')[0]?.toLowerCase() ?? '');
  if (name && name.parts > 1 && forbidden && isPunct(tokens[name.next], '(')) return `${forbidden} (${name.name})`;
  return null;
}

/**
 * Why the text of `query` must be refused before it reaches Neo4j, or null.
 * Exported for tests; callers use checkQuery.
 */
export function textRefusal(query: string): string | null {
  const tokens = lexCypher(query);
  if (tokens.length === 0) return null;

  // One statement: a `;` may only end the text.
  const semi = tokens.findIndex((t) => isPunct(t, ';'));
  if (semi >= 0 && semi < tokens.length - 1) return 'multiple statements are not allowed: send one statement at a time';

  const i = afterOptions(tokens);
  if (isWord(tokens[i], 'EXPLAIN', 'PROFILE')) return `${tokens[i]!.upper} is not supported here: send the query alone`;
  const command = commandRefusal(tokens, i);
  if (command) return command;

  for (let k = 0; k < tokens.length; k++) {
    const reason = tokens[k]!.kind === 'word' ? wordRefusal(tokens, k) : null;
    if (reason) return reason;
  }
  for (let k = 0; k < tokens.length; k++) {
    const reason = tokens[k]!.kind === 'quoted' ? quotedNamespaceRefusal(tokens, k) : null;
    if (reason) return reason;
  }
  return null;
}
