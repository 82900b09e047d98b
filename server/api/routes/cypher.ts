import { runSafeQuery } from '../../reads/cypher/index.ts';
import { ALLOWED_PROCEDURES } from '../../reads/cypher/plan.ts';
import { route, type RouteContext } from '../route.ts';
import { CypherRequest, CypherResult } from '../../kernel/contract.ts';

export function cypherRoutes(ctx: RouteContext): void {
  const { QUERY_TIMEOUT_MS, QUERY_ROW_CAP } = ctx.deps.config;
  route(ctx, {
    method: 'post',
    path: '/api/cypher',
    summary: 'Run one read-only Cypher query',
    description: [
      'Runs a single read-only Cypher statement on the configured database and returns its rows, every node and relationship in them as a graph, and a summary.',
      `Refused with 403: writes, schema and administration commands, LOAD CSV, CALL { } IN TRANSACTIONS, USE, several statements, SHOW commands other than SHOW INDEXES / SHOW CONSTRAINTS, TERMINATE, and procedures other than ${ALLOWED_PROCEDURES.join(', ')}.`,
      `Runs in a read transaction stopped after ${QUERY_TIMEOUT_MS} ms (408); at most ${QUERY_ROW_CAP} rows are returned (truncated: true when more were left).`,
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
