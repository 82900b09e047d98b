import { search } from '../../reads/search.ts';
import { SearchQuery, SearchResult } from '../../kernel/contract.ts';
import { route, type RouteContext } from '../route.ts';

export function searchRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'get',
    path: '/api/search',
    summary: 'Full-text search over names, aliases and descriptions, tolerant of case, accents and small typos',
    tags: ['graph'],
    query: SearchQuery,
    response: SearchResult,
    errors: [400, 503],
    handler: ({ query, deps }) => search(deps, query),
  });
}
