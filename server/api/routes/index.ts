import type { RouteContext } from '../route.ts';
import { cypherRoutes } from './cypher.ts';
import { entityRoutes } from './entities.ts';
import { exportRoutes } from './export.ts';
import { graphRoutes } from './graph.ts';
import { healthRoutes } from './health.ts';
import { investigationRoutes } from './investigations.ts';
import { pathRoutes } from './paths.ts';
import { schemaRoutes } from './schema.ts';
import { searchRoutes } from './search.ts';

export function registerRoutes(ctx: RouteContext): void {
  healthRoutes(ctx);
  schemaRoutes(ctx);
  searchRoutes(ctx);
  graphRoutes(ctx);
  entityRoutes(ctx);
  pathRoutes(ctx);
  cypherRoutes(ctx);
  exportRoutes(ctx);
  investigationRoutes(ctx);
}
