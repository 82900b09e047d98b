import { entityDetail } from '../../reads/entity.ts';
import { neighborhood } from '../../reads/neighborhood.ts';
import { EntityDetail, IdParam, Neighborhood, NeighborhoodQuery } from '../../kernel/contract.ts';
import { route, type RouteContext } from '../route.ts';

export function entityRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'get',
    path: '/api/entities/:id',
    summary: 'An entity with all its properties and every claim touching it, each with its source, grouped by relationship type',
    tags: ['graph'],
    params: IdParam,
    response: EntityDetail,
    errors: [400, 404, 408, 503],
    heavy: true,
    handler: ({ params, deps }) => entityDetail(deps, params.id),
  });
  route(ctx, {
    method: 'get',
    path: '/api/entities/:id/neighborhood',
    summary: 'The subgraph around an entity, filtered, capped, with a summary of what the cap left out',
    description:
      'Date filters keep claims whose date span overlaps [from, to]; undated claims are left out while a date filter is set.',
    tags: ['graph'],
    params: IdParam,
    query: NeighborhoodQuery,
    response: Neighborhood,
    errors: [400, 404, 408, 503],
    heavy: true,
    handler: ({ params, query, deps }) => neighborhood(deps, params.id, query),
  });
}
