import { computeMetrics } from '../../import/derived/metrics.ts';
import { MetricsResult } from '../../kernel/metrics-contract.ts';
import { apiError } from '../../kernel/errors.ts';
import { route, type RouteContext } from '../route.ts';

/**
 * Administration: work that writes to the database, only with the API token
 * (the server must have API_TOKEN set, and the request send it).
 */
export function adminRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'post',
    path: '/api/admin/metrics',
    summary: 'Compute PageRank, degree, betweenness and Louvain communities over the whole graph (Graph Data Science) and store them on every entity',
    description:
      'Needs API_TOKEN set on the server and "Authorization: Bearer <API_TOKEN>". Answers available: false (and writes nothing) when Neo4j has no Graph Data Science.',
    tags: ['admin'],
    response: MetricsResult,
    errors: [401, 503],
    heavy: true,
    handler: async ({ req, deps }) => {
      const token = ctx.deps.config.API_TOKEN;
      if (!token) throw apiError('UNAUTHORIZED', 'admin routes need API_TOKEN set on the server, and the request to send it as "Authorization: Bearer <API_TOKEN>"');
      if (req.get('authorization') !== `Bearer ${token}`) throw apiError('UNAUTHORIZED', 'this endpoint needs the API token: send "Authorization: Bearer <API_TOKEN>"');
      return computeMetrics(deps.driver, { database: deps.database });
    },
  });
}
