/**
 * The one classifier of Neo4j errors (server/kernel/errors.ts) on errors
 * built by the driver's own Neo4jError class, with the codes and GQLSTATUS
 * chains Neo4j 5.26 and the driver really give (see
 * tests/integration/neo4j-errors.test.ts for the same against a real,
 * stopped Neo4j), and the two ways they are answered: a statement of ours
 * (built-in reads, exports) and a user's statement (ad-hoc Cypher).
 */
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ApiError, apiError, classifyNeo4jError, toApiError, type Neo4jFailure } from '../../server/kernel/errors.ts';

const PLACEHOLDER = '50N42';
function neo4jError(code: string, opts: { gqlStatus?: string; cause?: Error; message?: string } = {}): Neo4jError {
  return new Neo4jError(opts.message ?? 'whatever the message says', code, opts.gqlStatus ?? PLACEHOLDER, 'description', undefined, opts.cause);
}

describe('classifyNeo4jError', () => {
  it.each<[string, Neo4jError, Neo4jFailure]>([
    ['refused connection (direct or routing driver)', neo4jError('ServiceUnavailable'), 'unavailable'],
    ['connection lost on a routing driver', neo4jError('SessionExpired'), 'unavailable'],
    ['database shutting down', neo4jError('Neo.TransientError.General.DatabaseUnavailable'), 'unavailable'],
    ['transaction timeout (client configuration)', neo4jError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'), 'timeout'],
    ['transaction timeout (server setting)', neo4jError('Neo.ClientError.Transaction.TransactionTimedOut'), 'timeout'],
    ['memory pool', neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError'), 'memory'],
    ['transaction memory limit (client error)', neo4jError('Neo.ClientError.General.TransactionOutOfMemoryError'), 'memory'],
    ['memory by GQLSTATUS only', neo4jError('Neo.TransientError.General.Unknown', { gqlStatus: '51N73' }), 'memory'],
    ['syntax', neo4jError('Neo.ClientError.Statement.SyntaxError'), 'syntax'],
    ['write in a read transaction', neo4jError('Neo.ClientError.Statement.AccessMode'), 'write'],
    ['administration command', neo4jError('Neo.ClientError.Statement.UnsupportedAdministrationCommand'), 'admin'],
    [
      'another graph (42NA5 in the cause chain of a SemanticError)',
      neo4jError('Neo.ClientError.Statement.SemanticError', { gqlStatus: '42001', cause: neo4jError('N/A', { gqlStatus: '42NA5' }) }),
      'other-graph',
    ],
    ['authentication', neo4jError('Neo.ClientError.Security.Unauthorized'), 'security'],
    ['arithmetic', neo4jError('Neo.ClientError.Statement.ArithmeticError'), 'client'],
    ['terminated transaction', neo4jError('Neo.ClientError.Transaction.Terminated'), 'client'],
    ['other transient error', neo4jError('Neo.TransientError.Transaction.DeadlockDetected'), 'transient'],
    ['database failure', neo4jError('Neo.DatabaseError.General.UnknownError'), 'database'],
    ['closed driver (pool closed)', neo4jError('N/A'), 'driver'],
    ['protocol error', neo4jError('ProtocolError'), 'driver'],
    ['connection exception by GQLSTATUS only', neo4jError('N/A', { gqlStatus: '08N00' }), 'unavailable'],
  ])('%s', (_what, err, kind) => {
    expect(classifyNeo4jError(err)).toBe(kind);
  });

  it('never reads the message: the same code with any wording is the same kind', () => {
    for (const message of ['Connection was closed by server', 'ECONNREFUSED', 'Pool is closed', '']) {
      expect(classifyNeo4jError(neo4jError('ServiceUnavailable', { message }))).toBe('unavailable');
      expect(classifyNeo4jError(neo4jError('N/A', { message }))).toBe('driver');
    }
  });

  it('is undefined for errors that are not the driver\'s', () => {
    expect(classifyNeo4jError(new Error('ServiceUnavailable'))).toBeUndefined();
    expect(classifyNeo4jError(Object.assign(new Error('x'), { code: 'ServiceUnavailable' }))).toBeUndefined();
    expect(classifyNeo4jError(Object.assign(new Error('socket'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(classifyNeo4jError(undefined)).toBeUndefined();
    expect(classifyNeo4jError(apiError('NOT_FOUND', 'x'))).toBeUndefined();
  });
});

describe('toApiError for our own statements (built-in reads, exports)', () => {
  const map = (err: unknown) => toApiError(err, { timeoutMs: 1234 });
  it.each<[string, Neo4jError, string, number]>([
    ['unavailable', neo4jError('SessionExpired'), 'DB_UNAVAILABLE', 503],
    ['timeout', neo4jError('Neo.ClientError.Transaction.TransactionTimedOut'), 'QUERY_TIMEOUT', 408],
    ['memory', neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError'), 'SERVER_BUSY', 503],
    ['transient', neo4jError('Neo.TransientError.Transaction.DeadlockDetected'), 'SERVER_BUSY', 503],
  ])('%s -> %s', (_what, err, code, status) => {
    const out = map(err);
    expect(out).toBeInstanceOf(ApiError);
    expect(out).toMatchObject({ code, status });
  });

  it('names the time limit and says how to narrow the request', () => {
    expect((map(neo4jError('Neo.ClientError.Transaction.TransactionTimedOut')) as ApiError).message).toMatch(/1234 ms time limit.*narrow it/);
  });

  it('passes on faults of our statements and failures of Neo4j or the driver (answered 500 and logged)', () => {
    for (const code of ['Neo.ClientError.Statement.SyntaxError', 'Neo.ClientError.Statement.ArithmeticError', 'Neo.DatabaseError.General.UnknownError', 'N/A']) {
      const err = neo4jError(code);
      expect(map(err)).toBe(err);
    }
    const plain = new Error('a bug');
    expect(map(plain)).toBe(plain);
    const api = apiError('NOT_FOUND', 'no entity');
    expect(map(api)).toBe(api);
  });
});

describe('toApiError for a user\'s statement (ad-hoc Cypher)', () => {
  const statement = { text: 'MATCH (n)\nRETURN m', shift: 8 };
  it('refuses another graph by its GQLSTATUS, whatever the message', () => {
    const err = neo4jError('Neo.ClientError.Statement.SemanticError', { gqlStatus: '42001', cause: neo4jError('N/A', { gqlStatus: '42NA5' }), message: 'reworded' });
    expect(toApiError(err, { statement })).toMatchObject({ code: 'QUERY_REFUSED', status: 403, message: 'queries on another database are not allowed' });
  });

  it('answers a syntax error with its position in the submitted text', () => {
    const err = neo4jError('Neo.ClientError.Statement.SyntaxError', { message: 'Variable `m` not defined (line 2, column 8 (offset: 25))\n"RETURN m"\n        ^' });
    expect(toApiError(err, { statement })).toMatchObject({
      code: 'CYPHER_SYNTAX',
      message: 'Variable `m` not defined (line 2, column 8 (offset: 17))',
      details: { line: 2, column: 8, offset: 17 },
    });
  });

  it('answers faults and passing failures of the query as QUERY_FAILED, and passes on Neo4j\'s own failures', () => {
    expect(toApiError(neo4jError('Neo.ClientError.Transaction.Terminated'), { statement })).toMatchObject({ code: 'QUERY_FAILED', status: 422 });
    const db = neo4jError('Neo.DatabaseError.General.UnknownError');
    expect(toApiError(db, { statement })).toBe(db);
  });
});
