import { cypher } from '../../neo4j/cypher.ts';
import { Health } from '../../kernel/contract.ts';
import type { RouteContext } from '../route.ts';

/**
 * The health check's own deadline beyond the query's server-side timeout: a Neo4j that
 * accepts connections but does not answer (stopped, or lost in garbage collection before
 * an OutOfMemoryError) must give a 503, not a request that hangs as long as the client waits.
 */
const HEALTH_GRACE_MS = 1000;

export function healthRoutes(ctx: RouteContext): void {
  ctx.registry.registerPath({
    method: 'get',
    path: '/api/health',
    summary: 'Is the server up and Neo4j reachable?',
    responses: {
      200: { description: 'Neo4j connected', content: { 'application/json': { schema: Health } } },
      503: { description: 'Neo4j unreachable, not answering, or restarting', content: { 'application/json': { schema: Health } } },
    },
  });
  ctx.router.get('/api/health', (_req, res) => {
    const { driver, database, config } = ctx.deps;
    const timeout = Math.min(5000, config.QUERY_TIMEOUT_MS);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Neo4j did not answer the health check in time')), timeout + HEALTH_GRACE_MS);
    });
    Promise.race([driver.executeQuery(cypher('api/health'), {}, { database, routing: 'READ', transactionConfig: { timeout } }), deadline])
      .then((r) => {
        const rec = r.records[0];
        res.json({ status: 'ok', neo4j: { connected: true, version: String(rec?.get('version')), edition: String(rec?.get('edition')) } });
      })
      .catch(() => {
        res.status(503).set('Retry-After', '5').json({ status: 'degraded', neo4j: { connected: false } });
      })
      .finally(() => clearTimeout(timer));
  });
}
