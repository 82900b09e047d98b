/**
 * The cost checks of ad-hoc Cypher without a database (cost.ts, growth.ts,
 * regex.ts, tokens.ts), the byte meter (size.ts) and the cleaning of Neo4j
 * messages. tests/integration/hardening.test.ts and cypher-safety.test.ts
 * send the same through the API to a real Neo4j.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { sanitizeNeo4jMessage } from '../../server/kernel/errors.ts';
import { costRefusal, nestingDepth } from '../../server/reads/cypher/cost.ts';
import { lexCypher } from '../../server/reads/cypher/lex.ts';
import { toCheckable } from '../../server/reads/cypher/regex.ts';
import { byteMeter, estimateJsonBytes } from '../../server/reads/cypher/size.ts';
import { evalConst, matchBrackets } from '../../server/reads/cypher/tokens.ts';

const limits = loadConfig({});
const why = async (q: string, params?: Record<string, unknown>) => (await costRefusal(q, params, limits))?.message ?? null;

describe('constant bounds', () => {
  const value = (text: string, params: Record<string, unknown> = {}) => {
    const t = lexCypher(text);
    return evalConst(t, matchBrackets(t), 0, t.length, params);
  };
  it('evaluates literals, parameters and arithmetic, and knows what it cannot', () => {
    expect(value('100000 * 1000')).toBe(100_000_000);
    expect(value('10^8')).toBe(100_000_000);
    expect(value('-(2 + 3) * 4 % 7')).toBe(-20 % 7);
    expect(value('0x10 + toInteger(5)')).toBe(21);
    expect(value('$n - 1', { n: 1000 })).toBe(999);
    expect(value('size($l) - 1', { l: [1] })).toBe('data');
    expect(value('n')).toBeUndefined();
    expect(value('$s', { s: 'x' })).toBeUndefined();
    expect(value('size(l) * 1000')).toBeUndefined();
  });
});

describe('nesting depth', () => {
  it('counts brackets, CASE and chains of NOT and unary minus, not binary minus', () => {
    expect(nestingDepth(lexCypher('RETURN ((1))'))).toBe(2);
    expect(nestingDepth(lexCypher('RETURN [{a: (1)}]'))).toBe(3);
    expect(nestingDepth(lexCypher('RETURN CASE WHEN true THEN CASE WHEN false THEN 1 END END'))).toBe(2);
    expect(nestingDepth(lexCypher('RETURN NOT NOT NOT true'))).toBe(3);
    expect(nestingDepth(lexCypher('RETURN - - 1'))).toBe(2);
    expect(nestingDepth(lexCypher('RETURN 1 - 2 - 3 - 4'))).toBe(0);
  });
});

describe('costRefusal', () => {
  it('lets ordinary queries through', async () => {
    for (const q of [
      'MATCH (n:Entity) WHERE n.name CONTAINS $q RETURN n LIMIT 25',
      'MATCH p = (a)-[*1..3]-(b) RETURN [n IN nodes(p) | n.name] AS names, reduce(s = "", n IN nodes(p) | s + n.name) AS joined',
      'UNWIND range(1, 1000000000) AS x RETURN x',
      'RETURN CASE WHEN x IS NULL THEN 0 ELSE x + 1 END AS y',
      'UNWIND range(1, 5) AS i RETURN i, i + 1 AS next, i * i AS square',
      "MATCH (n) WHERE n.name =~ '(?i).*mek.*' RETURN n",
      "RETURN replace(n.name, ' ', '_') AS slug",
      'CYPHER runtime=slotted MATCH (n) RETURN count(n)',
      'WITH [1, 2, 3] AS l RETURN [i IN range(0, size(l) - 1) | l[i]] AS same',
    ]) {
      expect(await why(q), q).toBeNull();
    }
  });

  it('refuses what cannot be bounded, naming the limit', async () => {
    expect(await why('RETURN [x IN range(1, 200000) | x]')).toMatch(/200,000 elements; at most 100,000 are allowed \(QUERY_MAX_LIST\)/);
    expect(await why('WITH 10 AS n RETURN [x IN range(1, n) | x]')).toMatch(/needs bounds made of numbers and parameters/);
    expect(await why('RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | y]]')).toMatch(/1,000,000 steps/);
    expect(await why("RETURN reduce(s = '', x IN range(1, 10) | s + s)")).toMatch(/accumulator s 2 times/);
    expect(await why("WITH 'x' AS s" + ' WITH s + s AS s'.repeat(7) + ' RETURN s')).toMatch(/128 times/);
    expect(await why("WITH 'x' AS s" + ' WITH s + s AS s'.repeat(6) + ' RETURN s')).toBeNull();
    expect(await why('RETURN ' + '['.repeat(51) + ']'.repeat(51))).toMatch(/51 levels deep/);
    expect(await why('RETURN ' + Array.from({ length: 600 }, () => '1').join('+'))).toMatch(/QUERY_MAX_TOKENS/);
    expect(await why("RETURN 'a' =~ '(a|aa)+$'")).toMatch(/exponential/);
    expect(await why('CYPHER planner=dp RETURN 1')).toMatch(/query option planner=dp is not allowed/);
    expect(await why('RETURN 1', { p: { q: 'x'.repeat(10_001) } })).toMatch(/parameter \$p\.q is a string of 10,001 characters/);
  });
});

describe('regular expressions as Java writes them', () => {
  it('maps leading flags and refuses what the checker cannot read', () => {
    expect(toCheckable('(?i).*mek.*')).toEqual({ source: '^(?:.*mek.*)$', flags: 'i' });
    expect(toCheckable('(?is)a.b')).toEqual({ source: '^(?:a.b)$', flags: 'is' });
    expect(toCheckable('a(?i)b')).toHaveProperty('refusal');
    expect(toCheckable('(?>a+)b')).toHaveProperty('refusal');
    expect(toCheckable('a++b')).toHaveProperty('refusal');
    expect(toCheckable('\\Q*\\E')).toHaveProperty('refusal');
    expect(toCheckable('(?x) a b')).toHaveProperty('refusal');
  });
});

describe('the byte meter', () => {
  it('estimates JSON sizes and stops early past the cap', () => {
    expect(estimateJsonBytes('abc', 100)).toBe(5);
    expect(estimateJsonBytes([neo4j.int(12345), 'ab', null], 100)).toBe(2 + 3 + 5 + 4 + 4);
    expect(estimateJsonBytes({ k: [1, 2] }, 100)).toBe(1 + 4 + 2 + 2 + 2);
    expect(estimateJsonBytes(Array.from({ length: 1_000_000 }, (_, i) => i), 1000)).toBeGreaterThan(1000);
  });

  it('refuses the first value past its cap and the first row past the budget', () => {
    const rec = (v: unknown) => ({ keys: ['v'], get: () => v }) as never;
    const meter = byteMeter({ maxBytes: 100, maxValueBytes: 50 });
    expect(meter.take(rec('x'.repeat(40)), 1)).toBeUndefined();
    expect(meter.take(rec('x'.repeat(60)), 2)).toMatchObject({ code: 'RESULT_TOO_LARGE', status: 413, details: { limit: 'QUERY_MAX_VALUE_BYTES', row: 2 } });
    expect(meter.take(rec('x'.repeat(40)), 3)).toBeUndefined();
    expect(meter.take(rec('x'.repeat(40)), 4)).toMatchObject({ details: { limit: 'QUERY_MAX_BYTES', max: 100, row: 4 } });
  });
});

describe('sanitizeNeo4jMessage', () => {
  it('drops Java class names, stack frames and paths, keeps the sense', () => {
    expect(sanitizeNeo4jMessage('Failed to invoke procedure `db.index.fulltext.queryNodes`: Caused by: java.lang.IllegalArgumentException: There is no such fulltext schema index: nope')).toBe(
      'Failed to invoke procedure `db.index.fulltext.queryNodes`: There is no such fulltext schema index: nope',
    );
    expect(sanitizeNeo4jMessage('org.neo4j.exceptions.CypherTypeException: Expected a String\n\tat org.neo4j.Foo.bar(Foo.java:12)')).toBe('Expected a String');
    expect(sanitizeNeo4jMessage("Couldn't load the external resource at: file:/var/lib/neo4j/import/x.csv")).toBe("Couldn't load the external resource at: <path>");
    expect(sanitizeNeo4jMessage('Type mismatch: expected Float but was String (line 1, column 10 (offset: 9))')).toBe('Type mismatch: expected Float but was String (line 1, column 10 (offset: 9))');
  });
});
