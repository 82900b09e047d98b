/**
 * The Cypher safety layer without a database: the lexer and text checks, the
 * plan check on hand-made plans, error mapping and parameter conversion.
 * tests/integration/cypher-safety.test.ts runs the same layer against Neo4j.
 */
import neo4j, { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ApiError, describeNeo4jMessage, positionOf, toApiError } from '../../server/kernel/errors.ts';
import { toNeo4jParams } from '../../server/neo4j/params.ts';
import { planOperators, planRefusal, procedureNameFromDetails, type PlanLike } from '../../server/reads/cypher/plan.ts';
import {
  ALLOWED_PROCEDURES,
  decodeUnicodeEscapes,
  lexCypher,
  textRefusal,
} from '../../server/reads/cypher/index.ts';

describe('lexCypher', () => {
  it('keeps strings, backticked names and parameters whole and drops comments', () => {
    const t = lexCypher("MATCH (n:`My Label`) // comment ; CREATE\nWHERE n.x = 'a;b\\'c' /* SET */ AND n.y = $p RETURN \"q\"");
    expect(t.map((x) => `${x.kind}:${x.text}`)).toEqual([
      'word:MATCH', 'punct:(', 'word:n', 'punct::', 'quoted:My Label', 'punct:)',
      'word:WHERE', 'word:n', 'punct:.', 'word:x', 'punct:=', "string:a;b'c",
      'word:AND', 'word:n', 'punct:.', 'word:y', 'punct:=', 'param:$p', 'word:RETURN', 'string:q',
    ]);
  });

  it('reads doubled backticks as one', () => {
    expect(lexCypher('RETURN 1 AS `a``b`').at(-1)).toMatchObject({ kind: 'quoted', text: 'a`b' });
  });

  it('decodes \\u escapes as Neo4j does, but not escaped backslashes', () => {
    expect(decodeUnicodeEscapes('db.\\u0063reateLabel')).toBe('db.createLabel');
    expect(decodeUnicodeEscapes("'\\\\u0027'")).toBe("'\\\\u0027'");
    expect(lexCypher("RETURN '\\u0027; CREATE (n)").map((x) => x.text)).toEqual(['RETURN', '', ';', 'CREATE', '(', 'n', ')']);
  });
});

describe('textRefusal', () => {
  const refused: [string, RegExp][] = [
    ['MATCH (n) RETURN n; CREATE (m)', /multiple statements/],
    ['RETURN 1 ;\n/* x */ RETURN 2', /multiple statements/],
    ["RETURN 'a;b'; MATCH (n) DETACH DELETE n", /multiple statements/],
    ['EXPLAIN MATCH (n) RETURN n', /^EXPLAIN is not supported/],
    ['CYPHER runtime=slotted PROFILE MATCH (n) RETURN n', /^PROFILE is not supported/],
    ['USE system MATCH (n) RETURN n', /^USE clauses/],
    ['CYPHER 5 USE neo4j MATCH (n) RETURN n', /^USE clauses/],
    ['use `system` call db.labels()', /^USE clauses/],
    ['CALL { USE system RETURN 1 AS x } RETURN x', /^USE clauses/],
    ['MATCH (n) CALL { WITH n USE graph.byName("x") RETURN 1 AS y } RETURN y', /^USE clauses/],
    ["LOAD CSV FROM 'file:///x' AS r RETURN r", /^LOAD CSV is not allowed$/],
    ["lOaD /* x */ cSv FROM 'file:///x' AS r RETURN r", /^LOAD CSV is not allowed$/],
    ['MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS', /IN TRANSACTIONS/],
    ['UNWIND [1] AS i CALL (i) { RETURN i AS j } IN 3 CONCURRENT TRANSACTIONS OF 10 ROWS RETURN j', /IN TRANSACTIONS/],
    ['CALL dbms.security.createUser("a", "b", false)', /^procedure dbms\.security\.createUser is not allowed; allowed: db\.labels/],
    ['CALL `dbms`.`security`.createUser("a", "b", false)', /^procedure dbms\.security\.createUser/],
    ['CALL `dbms.security`.createUser("a", "b", false)', /^procedure dbms\.security\.createUser/],
    ['CALL dbms . security . createUser ("a", "b", false)', /^procedure dbms\.security\.createUser/],
    ['CALL db.\\u0063reateLabel("X")', /^procedure db\.createLabel/],
    ['CALL db.// x\ncreateLabel("X")', /^procedure db\.createLabel/],
    ['CALL db.createLabel', /^procedure db\.createLabel/],
    ['CALL myProc()', /^procedure myProc is not allowed/],
    ['OPTIONAL CALL apoc.load.json("x") YIELD value RETURN value', /^procedure apoc\.load\.json/],
    ['RETURN apoc.text.join(["a"], ",") AS s', /^APOC procedures and functions are not allowed \(apoc\.text\.join\)$/],
    ['RETURN {a: APOC.text.join(["a"], ",")} AS s', /^APOC/],
    ['RETURN `apoc`.`text`.join(["a"], ",") AS s', /^APOC/],
    ['WITH genai.vector.encode("x", "OpenAI", {}) AS v RETURN v', /^genai/],
    ['SHOW TRANSACTIONS', /^SHOW TRANSACTIONS is not allowed/],
    ['show settings yield name', /^show settings is not allowed/],
    ['SHOW USERS', /^SHOW USERS is not allowed/],
    ['TERMINATE TRANSACTIONS "x"', /^TERMINATE TRANSACTIONS is not allowed$/],
    ['CREATE USER x SET PASSWORD "y"', /^administration commands are not allowed \(CREATE USER x\)$/],
    ['CREATE OR REPLACE DATABASE x', /^administration commands/],
    ['GRANT ROLE a TO b', /^administration commands/],
    ['// hidden\nDROP INDEX entity_name', /^index and constraint commands are not allowed \(DROP INDEX entity_name\)$/],
    ['create fulltext index x for (n:A) on each [n.b]', /^index and constraint commands/],
  ];
  it.each(refused)('refuses %j', (q, reason) => {
    expect(textRefusal(q)).toMatch(reason);
  });

  const passed = [
    'MATCH (n) RETURN n',
    'MATCH (n) RETURN n;',
    'MATCH (n) RETURN n ;\n// done\n',
    "RETURN 'CALL dbms.killQuery(1); LOAD CSV' AS s",
    'MATCH (n) RETURN n // DETACH DELETE n',
    'MATCH (n) /* ; USE system */ RETURN n',
    'WITH 1 AS use, 2 AS call, 3 AS load RETURN use, call, load',
    'MATCH (use) RETURN use',
    'MATCH (n:Call:Load) RETURN n.use, n.apoc, n.dbms',
    'MATCH (apoc) RETURN apoc.name AS name',
    'RETURN {constructor: 1, toString: 2} AS m',
    'CALL db.labels()',
    'CALL db.labels() YIELD label RETURN label',
    'CALL `db`.`labels`()',
    "CALL db.index.fulltext.queryNodes('entity_search', 'north') YIELD node RETURN node",
    'CALL () { MATCH (n) RETURN count(n) AS c } RETURN c',
    'MATCH (n) WHERE n.id IN $ids RETURN n',
    'UNWIND [1, 2] AS x WITH x WHERE x IN [1] RETURN x',
    'SHOW INDEXES',
    'SHOW RANGE INDEXES YIELD name RETURN name',
    'SHOW UNIQUENESS CONSTRAINTS',
    'CYPHER runtime=slotted MATCH (n) RETURN n',
    'CREATE (n)', // a write: left to the plan check, which names it
  ];
  it.each(passed)('leaves %j to the plan check', (q) => {
    expect(textRefusal(q)).toBeNull();
  });
});

const plan = (operatorType: string, children: PlanLike[] = [], details?: string): PlanLike => ({
  operatorType,
  arguments: details === undefined ? {} : { Details: details },
  children,
});
const read = { queryType: 'r', summaryDatabase: 'neo4j', expectedDatabase: undefined };

describe('planRefusal', () => {
  it('accepts a read plan with allowed procedures and SHOW INDEXES', () => {
    expect(planRefusal({ ...read, plan: plan('ProduceResults@neo4j', [plan('AllNodesScan@neo4j')]) })).toBeNull();
    expect(planRefusal({ ...read, plan: plan('ProduceResults@neo4j', [plan('ProcedureCall@neo4j', [], 'db.labels() :: (label :: STRING)')]) })).toBeNull();
    expect(planRefusal({ ...read, plan: plan('ProduceResults@neo4j', [plan('ShowIndexes@neo4j')]) })).toBeNull();
  });

  it('refuses other query types', () => {
    expect(planRefusal({ ...read, queryType: 'rw', plan: plan('Create@neo4j') })).toBe('write queries are not allowed (query type: rw)');
    expect(planRefusal({ ...read, queryType: 's', plan: plan('CreateIndex@neo4j') })).toMatch(/index and constraint/);
    expect(planRefusal({ ...read, queryType: 's', plan: plan('SomethingNew@neo4j') })).toMatch(/query type: s/);
    expect(planRefusal({ ...read, queryType: 'x', plan: plan('Whatever@neo4j') })).toMatch(/only read queries/);
  });

  it('finds refused operators deep in the plan', () => {
    const deep = (leaf: PlanLike) => plan('ProduceResults@neo4j', [plan('Apply@neo4j', [plan('Argument@neo4j'), plan('Projection@neo4j', [leaf])])]);
    expect(planRefusal({ ...read, plan: deep(plan('LoadCSV@neo4j')) })).toBe('LOAD CSV is not allowed');
    expect(planRefusal({ ...read, plan: deep(plan('TransactionForeach@neo4j')) })).toMatch(/IN TRANSACTIONS/);
    expect(planRefusal({ ...read, plan: deep(plan('TransactionApply@neo4j')) })).toMatch(/IN TRANSACTIONS/);
    expect(planRefusal({ ...read, plan: deep(plan('ShowTransactions@neo4j')) })).toMatch(/^SHOW TRANSACTIONS is not allowed/);
    expect(planRefusal({ ...read, plan: deep(plan('TerminateTransactions@neo4j')) })).toMatch(/^TERMINATE TRANSACTIONS/);
    expect(planRefusal({ ...read, plan: deep(plan('AdministrationCommand@system')) })).toMatch(/administration/);
    expect(planRefusal({ ...read, plan: deep(plan('ProcedureCall@neo4j', [], 'db.awaitIndexes() :: ()')) })).toMatch(/^procedure db\.awaitIndexes is not allowed/);
    expect(planRefusal({ ...read, plan: deep(plan('ProcedureCall@neo4j')) })).toMatch(/could not be read/);
    expect(planRefusal({ ...read, plan: deep(plan('SetProperty@neo4j')) })).toMatch(/write operations/);
    expect(planRefusal({ ...read, plan: deep(plan('AllNodesScan@system')) })).toMatch(/another database/);
  });

  it('refuses when there is no plan or another database', () => {
    expect(planRefusal({ ...read, plan: undefined })).toMatch(/could not be checked/);
    expect(planRefusal({ ...read, expectedDatabase: 'claims', plan: plan('AllNodesScan@neo4j') })).toMatch(/another database/);
  });

  it('lists operators and reads procedure names from Details', () => {
    expect(planOperators(plan('A@x', [plan('B@x', [plan('C')])])).map((o) => o.name)).toEqual(['A', 'B', 'C']);
    expect(procedureNameFromDetails('db.index.fulltext.queryNodes($autostring_0, $autostring_1) :: (node :: NODE)')).toBe('db.index.fulltext.queryNodes');
    expect(procedureNameFromDetails('`my`.`proc`() :: ()')).toBe('my.proc');
    expect(procedureNameFromDetails(undefined)).toBeUndefined();
    expect(ALLOWED_PROCEDURES).toContain('db.schema.visualization');
  });
});

describe('errors', () => {
  it('maps positions back to the submitted text and drops the echoed query', () => {
    const m = 'Variable `m` not defined (line 2, column 8 (offset: 25))\n"RETURN m"\n        ^';
    expect(describeNeo4jMessage(m, 'MATCH (n)\nRETURN m', 8)).toEqual({
      message: 'Variable `m` not defined (line 2, column 8 (offset: 17))',
      position: { line: 2, column: 8, offset: 17 },
    });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2, offset: 4 });
    expect(positionOf('ab', -3)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('turns Neo4j codes of a user\'s statement into API errors', () => {
    const e = (code: string, message = 'boom') => new Neo4jError(message, code, '50N42', 'error: general processing exception - unexpected error');
    const cases: [unknown, number][] = [
      [e('Neo.ClientError.Statement.SyntaxError', "Invalid input 'X' (line 1, column 9 (offset: 8))"), 400],
      // Several statements reach Neo4j only past the text checks (which refuse them with 403): a syntax error.
      [e('Neo.ClientError.Statement.SyntaxError', 'Expected exactly one statement per query but got: 2'), 400],
      [e('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'), 408],
      [e('Neo.ClientError.Transaction.TransactionTimedOut'), 408],
      [e('Neo.ClientError.Statement.AccessMode'), 403],
      [e('Neo.ClientError.Statement.UnsupportedAdministrationCommand'), 403],
      [e('Neo.ClientError.Statement.ArithmeticError', '/ by zero'), 422],
      [e('Neo.TransientError.General.MemoryPoolOutOfMemoryError'), 422],
      [e('ServiceUnavailable'), 503],
    ];
    const statement = { text: 'RETURN X', shift: 8 };
    for (const [err, status] of cases) {
      const out = toApiError(err, { statement, timeoutMs: 1000 });
      expect(out).toBeInstanceOf(ApiError);
      expect((out as ApiError).status).toBe(status);
    }
    const syntax = toApiError(cases[0]![0], { statement }) as ApiError;
    expect(syntax.details).toEqual({ line: 1, column: 1, offset: 0 });
    const plain = new Error('not from Neo4j');
    expect(toApiError(plain, { statement: { text: 'x' } })).toBe(plain);
  });
});

describe('toNeo4jParams', () => {
  it('makes safe integers Cypher integers, recursively, and keeps the rest', () => {
    const p = toNeo4jParams({ n: 5, f: 1.5, big: 2 ** 60, s: '7', l: [1, 2.5], m: { k: 3 }, z: null, b: true });
    expect(neo4j.isInt(p.n)).toBe(true);
    expect(p.f).toBe(1.5);
    expect(p.big).toBe(2 ** 60);
    expect(p.s).toBe('7');
    expect(neo4j.isInt((p.l as unknown[])[0])).toBe(true);
    expect((p.l as unknown[])[1]).toBe(2.5);
    expect(neo4j.isInt((p.m as Record<string, unknown>).k)).toBe(true);
    expect(p.z).toBeNull();
    expect(p.b).toBe(true);
    expect(toNeo4jParams(undefined)).toEqual({});
  });

  it('keeps the driver\'s own values (Integer, dates) as they are, not taken apart as maps', () => {
    const i = neo4j.int(7);
    const d = new neo4j.types.Date(2020, 1, 2);
    const p = toNeo4jParams({ i, d, l: [i], m: { d } });
    expect(p.i).toBe(i);
    expect(p.d).toBe(d);
    expect((p.l as unknown[])[0]).toBe(i);
    expect((p.m as Record<string, unknown>).d).toBe(d);
  });
});
