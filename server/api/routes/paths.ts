import { shortestPaths } from '../../reads/paths.ts';
import { PathsQuery, PathsResult } from '../../kernel/contract.ts';
import { route, type RouteContext } from '../route.ts';

export function pathRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'get',
    path: '/api/paths',
    summary: 'All shortest paths between two entities, optionally only through claims of a minimum strength',
    description: 'Paths do not pass through :Source nodes. status is the minimum strength (documented > reported > assessment > alleged > disputed).',
    tags: ['graph'],
    query: PathsQuery,
    response: PathsResult,
    errors: [400, 404, 408, 503],
    heavy: true,
    handler: ({ query, deps }) => shortestPaths(deps, query),
  });
}
