import { runSafeQuery } from '../../reads/cypher/index.ts';
import { ALLOWED_PROCEDURES } from '../../reads/cypher/plan.ts';
import { route, type RouteContext } from '../route.ts';
import { CypherRequest, CypherResult } from '../../kernel/contract.ts';

export function cypherRoutes(ctx: RouteContext): void {
  const { QUERY_TIMEOUT_MS, QUERY_ROW_CAP, QUERY_MAX_BYTES, CYPHER_CONCURRENCY_PER_CLIENT } = ctx.deps.config;
  route(ctx, {
    method: 'post',
    path: '/api/cypher',
    summary: 'Run one read-only Cypher query',
    description: [
      'Runs a single read-only Cypher statement on the configured database and returns its rows, every node and relationship in them as a graph, and a summary.',
      `Refused with 403: writes, schema and administration commands, LOAD CSV, CALL { } IN TRANSACTIONS, USE, several statements, SHOW commands other than SHOW INDEXES / SHOW CONSTRAINTS, TERMINATE, and procedures other than ${ALLOWED_PROCEDURES.join(', ')}.`,
      'Refused with 403 too, before Neo4j sees it, naming the limit: a query longer, more nested or with more tokens than allowed, range() or nested iterations over more elements than allowed outside UNWIND, values combined with themselves so that they grow without bound, a regular expression that can backtrack catastrophically, query options other than runtime/planner/expressionEngine, parameter values too large (docs/limits.md).',
      `The check and the run stop after ${QUERY_TIMEOUT_MS} ms together (408); at most ${QUERY_ROW_CAP} rows are returned (truncated: true when more were left); an answer past ${QUERY_MAX_BYTES} bytes, or one value past its own cap, ends with 413 RESULT_TOO_LARGE. At most ${CYPHER_CONCURRENCY_PER_CLIENT} requests per client at once (429).`,
      'Pass values as params (integers become Cypher integers); they are never spliced into the text. A syntax error answers 400 with details {line, column, offset}.',
    ].join(' '),
    tags: ['cypher'],
    body: CypherRequest,
    response: CypherResult,
    errors: [400, 401, 403, 408, 413, 422, 429, 503],
    heavy: true,
    handler: ({ body, deps }) => runSafeQuery(deps, body.query, body.params),
  });
}
