import { cypher } from '../../neo4j/cypher.ts';
import { Health } from '../../kernel/contract.ts';
import type { RouteContext } from '../route.ts';

export function healthRoutes(ctx: RouteContext): void {
  ctx.registry.registerPath({
    method: 'get',
    path: '/api/health',
    summary: 'Is the server up and Neo4j reachable?',
    responses: {
      200: { description: 'Neo4j connected', content: { 'application/json': { schema: Health } } },
      503: { description: 'Neo4j unreachable', content: { 'application/json': { schema: Health } } },
    },
  });
  ctx.router.get('/api/health', (_req, res) => {
    const { driver, database, config } = ctx.deps;
    driver
      .executeQuery(cypher('api/health'), {}, { database, routing: 'READ', transactionConfig: { timeout: Math.min(5000, config.QUERY_TIMEOUT_MS) } })
      .then((r) => {
        const rec = r.records[0];
        res.json({ status: 'ok', neo4j: { connected: true, version: String(rec?.get('version')), edition: String(rec?.get('edition')) } });
      })
      .catch(() => {
        res.status(503).set('Retry-After', '5').json({ status: 'degraded', neo4j: { connected: false } });
      });
  });
}
