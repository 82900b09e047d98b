import { overview } from '../../reads/overview.ts';
import { Overview, OverviewQuery } from '../../kernel/contract.ts';
import { route, type RouteContext } from '../route.ts';

export function graphRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'get',
    path: '/api/graph',
    summary: 'The opening view: the best-connected entities up to a limit, and the claims among them',
    tags: ['graph'],
    query: OverviewQuery,
    response: Overview,
    errors: [400, 408, 503],
    heavy: true,
    handler: ({ query, deps }) => overview(deps, query),
  });
}
